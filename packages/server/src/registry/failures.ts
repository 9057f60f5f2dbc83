/**
 * What can go wrong in the registry core, independent of the wire that asked. The OCI handler
 * turns these into distribution-spec errors and the ECR provider into ECR exceptions, so both
 * APIs fail the same way for the same cause.
 */

export type RegistryFailure =
  | { kind: 'RepositoryNotFound'; name: string; registryId: string }
  | { kind: 'RepositoryAlreadyExists'; name: string; registryId: string }
  | { kind: 'RepositoryNotEmpty'; name: string; registryId: string }
  | { kind: 'ManifestInvalid'; reason: string }
  | { kind: 'DigestMismatch'; expected: string; actual: string }
  | { kind: 'DigestInvalid'; digest: string }
  | { kind: 'LayersMissing'; digests: string[]; name: string; registryId: string }
  | { kind: 'ImagesMissing'; digests: string[]; name: string; registryId: string }
  | { kind: 'TagImmutable'; tag: string; name: string }
  | { kind: 'TagInvalid'; tag: string }
  | { kind: 'ImageAlreadyExists'; digest: string; tag: string | undefined; name: string; registryId: string }
  | { kind: 'ImageNotFound'; reference: string }
  | { kind: 'ReferencedByIndex'; digest: string; parents: string[] };

export class RegistryFailureError extends Error {
  constructor(readonly failure: RegistryFailure) {
    super(failure.kind);
    this.name = 'RegistryFailureError';
  }
}

export function failWith(failure: RegistryFailure): never {
  throw new RegistryFailureError(failure);
}

export function isFailure<K extends RegistryFailure['kind']>(e: unknown, kind?: K): e is RegistryFailureError & { failure: Extract<RegistryFailure, { kind: K }> } {
  return e instanceof RegistryFailureError && (kind === undefined || e.failure.kind === kind);
}
