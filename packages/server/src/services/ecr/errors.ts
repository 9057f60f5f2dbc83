import { AwsError } from '../../errors/index.js';
import type { RegistryFailure } from '../../registry/index.js';

/**
 * ECR errors Bosun returns: codes from the ECR API reference, wording as ECR sends it (captured
 * responses quoted by client libraries and emulators). All are 400 unless said otherwise.
 */

const e = (code: string, message: string, fields?: Record<string, unknown>) => new AwsError(code, message, fields ? { fields } : {});

export const repositoryNotFound = (name: string, registryId: string) =>
  e('RepositoryNotFoundException', `The repository with name '${name}' does not exist in the registry with id '${registryId}'`);

export const repositoryAlreadyExists = (name: string, registryId: string) =>
  e('RepositoryAlreadyExistsException', `The repository with name '${name}' already exists in the registry with id '${registryId}'`);

export const repositoryNotEmpty = (name: string, registryId: string) =>
  e('RepositoryNotEmptyException', `The repository with name '${name}' in registry with id '${registryId}' cannot be deleted because it still contains images`);

export const imageNotFound = (id: { imageDigest?: string; imageTag?: string }, name: string, registryId: string) =>
  e(
    'ImageNotFoundException',
    `The image with imageId {imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'} does not exist within the repository with name '${name}' in the registry with id '${registryId}'`,
  );

export const imageAlreadyExists = (digest: string, tag: string | undefined, name: string, registryId: string) =>
  e('ImageAlreadyExistsException', `Image with digest '${digest}' and tag '${tag ?? 'null'}' already exists in the repository with name '${name}' in registry with id '${registryId}'`);

export const imageTagAlreadyExists = (tag: string, name: string) =>
  e('ImageTagAlreadyExistsException', `The image tag '${tag}' already exists in the '${name}' repository and cannot be overwritten because the repository is immutable.`);

export const imageDigestDoesNotMatch = (given: string, actual: string) =>
  e('ImageDigestDoesNotMatchException', `Provided digest '${given}' does not match the digest '${actual}' of the image manifest`);

export const layersNotFound = (digests: string[], name: string, registryId: string) =>
  e('LayersNotFoundException', `Layers with digests '[${digests.join(', ')}]' required for pushing image into repository with name '${name}' in the registry with id '${registryId}' do not exist`);

export const layerNotFound = (digest: string, name: string, registryId: string) =>
  e('LayersNotFoundException', `The layer with digest '${digest}' does not exist in the repository with name '${name}' in the registry with id '${registryId}'`);

export const referencedImagesNotFound = (digests: string[], name: string, registryId: string) =>
  e('ReferencedImagesNotFoundException', `Images with digests '[${digests.join(', ')}]' required for pushing image into repository with name '${name}' in the registry with id '${registryId}' do not exist`);

export const invalidParameter = (message: string) => e('InvalidParameterException', message);

/** "Invalid parameter at '<member>' failed to satisfy constraint: '<constraint>'". */
export const invalidParameterAt = (member: string, constraint: string) => invalidParameter(`Invalid parameter at '${member}' failed to satisfy constraint: '${constraint}'`);

export const invalidRepositoryName = () =>
  invalidParameterAt('repositoryName', "must satisfy regular expression '[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*'");

export const invalidTagParameter = (message: string) => e('InvalidTagParameterException', message);
export const tooManyTags = () => e('TooManyTagsException', 'The list of tags on the repository is over the limit. The maximum number of tags per repository is 50.');

export const repositoryPolicyNotFound = (name: string, registryId: string) =>
  e('RepositoryPolicyNotFoundException', `Repository policy does not exist for the repository with name '${name}' in the registry with id '${registryId}'`);

export const lifecyclePolicyNotFound = (name: string, registryId: string) =>
  e('LifecyclePolicyNotFoundException', `Lifecycle policy does not exist for the repository with name '${name}' in the registry with id '${registryId}'`);

export const lifecyclePolicyPreviewNotFound = (name: string, registryId: string) =>
  e('LifecyclePolicyPreviewNotFoundException', `Lifecycle policy preview request does not exist for the repository with name '${name}' in the registry with id '${registryId}'`);

export const lifecyclePolicyInvalid = (reason: string) => invalidParameterAt('LifecyclePolicyText', `Lifecycle policy validation failure: ${reason}`);

export const uploadNotFound = (uploadId: string, name: string, registryId: string) =>
  e('UploadNotFoundException', `The upload with id '${uploadId}' does not exist in the repository with name '${name}' in the registry with id '${registryId}'`);

export const invalidLayerPart = (uploadId: string, name: string, registryId: string, lastValidByteReceived: number) =>
  e('InvalidLayerPartException', `The layer part is not valid: the next part must start at byte ${lastValidByteReceived + 1}`, { registryId, repositoryName: name, uploadId, lastValidByteReceived });

export const invalidLayer = (message: string) => e('InvalidLayerException', message);
export const emptyUpload = (uploadId: string) => e('EmptyUploadException', `The upload with id '${uploadId}' is empty`);
export const layerAlreadyExists = (digest: string, name: string, registryId: string) =>
  e('LayerAlreadyExistsException', `The layer with digest '${digest}' already exists in the repository with name '${name}' in registry with id '${registryId}'`);

/** The ECR exception for a registry-core failure. */
export function ecrError(f: RegistryFailure): AwsError {
  switch (f.kind) {
    case 'RepositoryNotFound':
      return repositoryNotFound(f.name, f.registryId);
    case 'RepositoryAlreadyExists':
      return repositoryAlreadyExists(f.name, f.registryId);
    case 'RepositoryNotEmpty':
      return repositoryNotEmpty(f.name, f.registryId);
    case 'ManifestInvalid':
      return invalidParameterAt('ImageManifest', f.reason);
    case 'DigestMismatch':
      return imageDigestDoesNotMatch(f.expected, f.actual);
    case 'DigestInvalid':
      return invalidParameterAt('imageDigest', 'Invalid image digest');
    case 'LayersMissing':
      return layersNotFound(f.digests, f.name, f.registryId);
    case 'ImagesMissing':
      return referencedImagesNotFound(f.digests, f.name, f.registryId);
    case 'TagImmutable':
      return imageTagAlreadyExists(f.tag, f.name);
    case 'TagInvalid':
      return invalidParameterAt('imageTag', 'Invalid image tag');
    case 'ImageAlreadyExists':
      return imageAlreadyExists(f.digest, f.tag, f.name, f.registryId);
    case 'ImageNotFound':
      return invalidParameter(`Requested image not found: ${f.reference}`);
    case 'ReferencedByIndex':
      return invalidParameter(`Requested image referenced by manifest list: [${f.parents.join(', ')}]`);
  }
}
