/** The registry: OCI blobs, manifests and tags on one store, emitting ECR's image events. */
export { Registry, registrySettings, type RegistryConfig, type RegistrySettings } from './registry.js';
export type { RegistryContext, RegistryOptions } from './context.js';
export { ociHandler } from './oci/handler.js';
export type { AuthSettings } from './oci/auth.js';
export { RegistryFailureError, isFailure, type RegistryFailure } from './failures.js';
export * from './records.js';
export { createRepository, deleteRepository, findRepository, listRepositories, requireRepository, updateRepository } from './repositories.js';
export { putManifest, type PutManifestInput, type PutManifestResult } from './push.js';
export { listImages, listTags, manifestBytes, recordPull, repositoryTags, resolveImage, type ImageView } from './images.js';
export { deleteImages, type DeleteOutcome, type ImageId } from './delete.js';
export { completeUpload, missingBlobs, statLinkedBlob } from './blobs.js';
export { lifecycleCandidates, applyLifecyclePolicy, type LifecycleCandidate } from './lifecycle-runner.js';
export { parseLifecyclePolicy, LifecyclePolicyError } from './lifecycle.js';
export { isEcrImageDigest, isDigest } from './digest.js';
export { isEcrRepositoryName, isOciTag } from './names.js';
export { MediaTypes } from './manifest.js';
