/**
 * The distribution spec's error catalogue ("Error Codes", OCI distribution-spec v1.1). Every
 * failure the /v2/ API answers with is one of these, rendered as
 * `{"errors":[{"code","message","detail"}]}`. Messages for repository and tag problems use ECR's
 * wording, since that is what clients of an ECR registry print.
 */

export type RegistryErrorCode =
  | 'BLOB_UNKNOWN'
  | 'BLOB_UPLOAD_INVALID'
  | 'BLOB_UPLOAD_UNKNOWN'
  | 'DIGEST_INVALID'
  | 'MANIFEST_BLOB_UNKNOWN'
  | 'MANIFEST_INVALID'
  | 'MANIFEST_UNKNOWN'
  | 'NAME_INVALID'
  | 'NAME_UNKNOWN'
  | 'PAGINATION_NUMBER_INVALID'
  | 'SIZE_INVALID'
  | 'TAG_INVALID'
  | 'UNAUTHORIZED'
  | 'DENIED'
  | 'UNSUPPORTED'
  | 'TOO_MANY_REQUESTS';

export class RegistryError extends Error {
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    readonly status: number,
    readonly detail?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }

  toJSON(): { errors: { code: string; message: string; detail?: unknown }[] } {
    const entry: { code: string; message: string; detail?: unknown } = { code: this.code, message: this.message };
    if (this.detail !== undefined) entry.detail = this.detail;
    return { errors: [entry] };
  }
}

export const blobUnknown = (digest: string) => new RegistryError('BLOB_UNKNOWN', 'blob unknown to registry', 404, { digest });
export const blobUploadUnknown = (uploadId: string) => new RegistryError('BLOB_UPLOAD_UNKNOWN', 'blob upload unknown to registry', 404, { uploadId });
export const blobUploadInvalid = (reason: string, status = 400, headers: Record<string, string> = {}) =>
  new RegistryError('BLOB_UPLOAD_INVALID', 'blob upload invalid', status, { reason }, headers);
export const digestInvalid = (reason: string, detail: Record<string, unknown> = {}) =>
  new RegistryError('DIGEST_INVALID', 'provided digest did not match uploaded content', 400, { reason, ...detail });
export const sizeInvalid = (reason: string) => new RegistryError('SIZE_INVALID', 'provided length did not match content length', 400, { reason });
export const manifestInvalid = (reason: string) => new RegistryError('MANIFEST_INVALID', 'manifest invalid', 400, { reason });
export const manifestUnknown = (reference: string, message = 'manifest unknown') =>
  new RegistryError('MANIFEST_UNKNOWN', message, 404, { reference });
export const nameInvalid = (name: string) => new RegistryError('NAME_INVALID', 'invalid repository name', 400, { name });
export const paginationNumberInvalid = () => new RegistryError('PAGINATION_NUMBER_INVALID', 'invalid number of results requested', 400);
export const unsupported = (message = 'The operation is unsupported.') => new RegistryError('UNSUPPORTED', message, 405);

/** ECR's wording; e.g. `name unknown: The repository with name 'x' does not exist in the registry with id '1'`. */
export const nameUnknown = (name: string, registryId: string) =>
  new RegistryError('NAME_UNKNOWN', `The repository with name '${name}' does not exist in the registry with id '${registryId}'`, 404, { name });

/** ECR rejects an index whose child manifests are not in the repository, and an image whose blobs are not. */
export const manifestBlobUnknown = (digests: string[], kind: 'Layers' | 'Images', name: string, registryId: string) =>
  new RegistryError(
    'MANIFEST_BLOB_UNKNOWN',
    `${kind} with digests '[${digests.join(', ')}]' required for pushing image into repository with name '${name}' in the registry with id '${registryId}' do not exist`,
    400,
    { digests },
  );

/** ECR: "tag invalid: The image tag 'latest' already exists in the 'repo' repository and cannot be overwritten because the repository is immutable." */
export const tagImmutable = (tag: string, name: string) =>
  new RegistryError('TAG_INVALID', `The image tag '${tag}' already exists in the '${name}' repository and cannot be overwritten because the repository is immutable.`, 400, { tag });

export const tagInvalid = (tag: string) => new RegistryError('TAG_INVALID', 'manifest tag did not match URI', 400, { tag });

export const imageReferencedByIndex = (digest: string, parents: string[]) =>
  new RegistryError('DENIED', `Requested image referenced by manifest list: [${parents.join(', ')}]`, 409, { digest });

/** ECR's answer to an expired token (docker prints "denied: Your authorization token has expired. …"). */
export const tokenExpired = () => new RegistryError('DENIED', 'Your authorization token has expired. Reauthenticate and try again.', 403);

export const rangeNotSatisfiable = (currentSize: number) =>
  blobUploadInvalid('chunk does not start at the upload offset', 416, { range: currentSize > 0 ? `0-${currentSize - 1}` : '0-0' });
