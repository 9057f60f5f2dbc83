/**
 * What the registry keeps in the metadata store, and under which keys. Keys start with
 * `<account>/<region>/<repository>` so one prefix lists a registry or a repository; repository
 * names cannot hold `@`, `:` or `>`, which separate the rest.
 */

export const Tables = {
  repositories: 'ecr.repositories',
  images: 'ecr.images',
  tags: 'ecr.tags',
  /** Blobs a repository may serve and reference (uploaded or mounted into it). */
  layers: 'ecr.layers',
  /** child manifest → the image index that references it, within one repository. */
  indexRefs: 'ecr.index-refs',
  /** subject → the manifests that name it as `subject`, within one repository. */
  referrers: 'ecr.referrers',
  lifecyclePreviews: 'ecr.lifecycle-previews',
  keys: 'registry.keys',
} as const;

export interface RegistryScope {
  account: string;
  region: string;
}

export interface RepositoryRef extends RegistryScope {
  name: string;
}

export type ImageTagMutability = 'MUTABLE' | 'IMMUTABLE' | 'IMMUTABLE_WITH_EXCLUSION' | 'MUTABLE_WITH_EXCLUSION';

export interface RepositoryRecord extends RepositoryRef {
  createdAt: number;
  imageTagMutability: ImageTagMutability;
  scanOnPush: boolean;
  encryption: { encryptionType: 'AES256' | 'KMS' | 'KMS_DSSE'; kmsKey?: string };
  tags: { Key: string; Value: string }[];
  policyText?: string;
  lifecyclePolicyText?: string;
  lifecycleEvaluatedAt?: number;
}

export interface ImageRecord {
  digest: string;
  mediaType: string;
  /** The config's media type (ECR's `artifactMediaType`). */
  artifactMediaType?: string;
  /** As the referrers API reports it. */
  artifactType?: string;
  manifestSize: number;
  /** ECR's imageSizeInBytes. */
  imageSize: number;
  pushedAt: number;
  lastPulledAt?: number;
  /** Config and layers: the blobs this manifest keeps alive. */
  blobs: string[];
  /** Child manifests of an index. */
  children: string[];
  subject?: string;
  annotations?: Record<string, string>;
}

export interface TagRecord {
  digest: string;
  taggedAt: number;
}

export interface LayerLink {
  size: number;
  linkedAt: number;
}

export interface ReferrerRecord {
  mediaType: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
}

export const scopePrefix = (s: RegistryScope): string => `${s.account}/${s.region}/`;
export const repositoryKey = (r: RepositoryRef): string => `${r.account}/${r.region}/${r.name}`;
export const imageKey = (r: RepositoryRef, digest: string): string => `${repositoryKey(r)}@${digest}`;
export const imagePrefix = (r: RepositoryRef): string => `${repositoryKey(r)}@`;
export const tagKey = (r: RepositoryRef, tag: string): string => `${repositoryKey(r)}:${tag}`;
export const tagPrefix = (r: RepositoryRef): string => `${repositoryKey(r)}:`;
export const layerKey = (r: RepositoryRef, digest: string): string => `${repositoryKey(r)}@${digest}`;
export const layerPrefix = (r: RepositoryRef): string => `${repositoryKey(r)}@`;
export const indexRefKey = (r: RepositoryRef, child: string, parent: string): string => `${repositoryKey(r)}@${child}>${parent}`;
export const indexRefPrefix = (r: RepositoryRef, child?: string): string => `${repositoryKey(r)}@${child ? `${child}>` : ''}`;
export const referrerKey = (r: RepositoryRef, subject: string, digest: string): string => `${repositoryKey(r)}@${subject}>${digest}`;
export const referrerPrefix = (r: RepositoryRef, subject?: string): string => `${repositoryKey(r)}@${subject ? `${subject}>` : ''}`;

/** The part of a key after the last `sep`. */
export const keyTail = (key: string, sep: string): string => key.slice(key.lastIndexOf(sep) + 1);

export const repositoryArn = (r: RepositoryRef): string => `arn:aws:ecr:${r.region}:${r.account}:repository/${r.name}`;
