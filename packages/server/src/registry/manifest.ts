import { parseDigest } from './digest.js';

/**
 * Manifest parsing and validation: Docker image manifest v2 schema 2 and manifest lists, OCI image
 * manifests and image indexes (image-spec v1.1, with `subject` and `artifactType`). Pure: bytes and
 * a declared content type in, a typed manifest or the reason it is invalid out.
 */

export const MediaTypes = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociEmpty: 'application/vnd.oci.empty.v1+json',
} as const;

export type ManifestMediaType = (typeof MediaTypes)[Exclude<keyof typeof MediaTypes, 'ociEmpty'>];

const MANIFEST_TYPES: ReadonlySet<string> = new Set([MediaTypes.dockerManifest, MediaTypes.dockerManifestList, MediaTypes.ociManifest, MediaTypes.ociIndex]);
const GENERIC_TYPES: ReadonlySet<string> = new Set(['application/json', 'application/octet-stream', 'text/plain']);
const INDEX_TYPES: ReadonlySet<string> = new Set([MediaTypes.dockerManifestList, MediaTypes.ociIndex]);

/** Docker's foreign layers (Windows base layers) live elsewhere and are never uploaded. */
const FOREIGN_LAYER_TYPES: ReadonlySet<string> = new Set([
  'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
  'application/vnd.oci.image.layer.nondistributable.v1.tar',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd',
]);

export function isManifestMediaType(mediaType: string): mediaType is ManifestMediaType {
  return MANIFEST_TYPES.has(mediaType);
}

export function isIndexMediaType(mediaType: string): boolean {
  return INDEX_TYPES.has(mediaType);
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
  urls?: string[];
  platform?: Record<string, unknown>;
}

export interface Manifest {
  mediaType: ManifestMediaType;
  kind: 'image' | 'index';
  config?: Descriptor;
  /** Image layers (image manifests only). */
  layers: Descriptor[];
  /** Child manifests (indexes only). */
  manifests: Descriptor[];
  subject?: Descriptor;
  artifactType?: string;
  annotations?: Record<string, string>;
}

export type ManifestResult = { ok: true; manifest: Manifest } | { ok: false; reason: string };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function stringMap(v: unknown, path: string): Record<string, string> | string | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v) || !Object.values(v).every((x) => typeof x === 'string')) return `${path} must be a map of strings`;
  return v as Record<string, string>;
}

function descriptor(v: unknown, path: string): Descriptor | string {
  if (!isObject(v)) return `${path} must be a descriptor object`;
  const { mediaType, digest, size, artifactType, urls, platform } = v;
  if (typeof mediaType !== 'string' || mediaType === '') return `${path}.mediaType must be a non-empty string`;
  if (typeof digest !== 'string' || typeof parseDigest(digest) === 'string') return `${path}.digest is not a valid digest`;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return `${path}.size must be a non-negative integer`;
  if (artifactType !== undefined && typeof artifactType !== 'string') return `${path}.artifactType must be a string`;
  if (urls !== undefined && (!Array.isArray(urls) || !urls.every((u) => typeof u === 'string'))) return `${path}.urls must be a list of strings`;
  if (platform !== undefined && !isObject(platform)) return `${path}.platform must be an object`;
  const annotations = stringMap(v.annotations, `${path}.annotations`);
  if (typeof annotations === 'string') return annotations;
  const d: Descriptor = { mediaType, digest, size };
  if (artifactType !== undefined) d.artifactType = artifactType;
  if (annotations) d.annotations = annotations;
  if (urls) d.urls = urls as string[];
  if (platform) d.platform = platform;
  return d;
}

function descriptors(v: unknown, path: string): Descriptor[] | string {
  if (!Array.isArray(v)) return `${path} must be a list`;
  const out: Descriptor[] = [];
  for (let i = 0; i < v.length; i++) {
    const d = descriptor(v[i], `${path}[${i}]`);
    if (typeof d === 'string') return d;
    out.push(d);
  }
  return out;
}

/** Which media type the manifest is: the Content-Type if it names one, else its `mediaType`, else its shape. */
function resolveMediaType(contentType: string | undefined, doc: Json): ManifestMediaType | string {
  const declared = contentType?.split(';')[0].trim().toLowerCase();
  const field = doc.mediaType;
  if (field !== undefined && typeof field !== 'string') return 'mediaType must be a string';
  if (declared && isManifestMediaType(declared)) {
    if (field !== undefined && field !== declared) return `mediaType ${field} does not match Content-Type ${declared}`;
    return declared;
  }
  // Like distribution: a specific Content-Type must be a manifest type; only generic ones defer to the body.
  if (declared && !GENERIC_TYPES.has(declared)) return `unsupported manifest media type ${declared}`;
  if (typeof field === 'string') {
    if (isManifestMediaType(field)) return field;
    return `unsupported manifest media type ${field}`;
  }
  if (Array.isArray(doc.manifests)) return MediaTypes.ociIndex;
  if (isObject(doc.config)) return MediaTypes.ociManifest;
  return 'cannot tell the manifest media type';
}

export function parseManifest(bytes: Uint8Array, contentType: string | undefined): ManifestResult {
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return { ok: false, reason: 'manifest is not valid JSON' };
  }
  if (!isObject(doc)) return { ok: false, reason: 'manifest must be a JSON object' };
  if (doc.schemaVersion !== 2) return { ok: false, reason: 'schemaVersion must be 2' };
  const mediaType = resolveMediaType(contentType, doc);
  if (!isManifestMediaType(mediaType)) return { ok: false, reason: mediaType };
  const fail = (reason: string): ManifestResult => ({ ok: false, reason });

  const annotations = stringMap(doc.annotations, 'annotations');
  if (typeof annotations === 'string') return fail(annotations);
  if (doc.artifactType !== undefined && typeof doc.artifactType !== 'string') return fail('artifactType must be a string');
  let subject: Descriptor | undefined;
  if (doc.subject !== undefined) {
    const s = descriptor(doc.subject, 'subject');
    if (typeof s === 'string') return fail(s);
    subject = s;
  }
  const base = { mediaType, subject, artifactType: doc.artifactType as string | undefined, annotations };

  if (isIndexMediaType(mediaType)) {
    const manifests = descriptors(doc.manifests, 'manifests');
    if (typeof manifests === 'string') return fail(manifests);
    return { ok: true, manifest: prune({ ...base, kind: 'index', layers: [], manifests }) };
  }
  const config = descriptor(doc.config, 'config');
  if (typeof config === 'string') return fail(config);
  const layers = descriptors(doc.layers ?? [], 'layers');
  if (typeof layers === 'string') return fail(layers);
  if (mediaType === MediaTypes.dockerManifest && layers.length === 0) return fail('layers must not be empty');
  return { ok: true, manifest: prune({ ...base, kind: 'image', config, layers, manifests: [] }) };
}

function prune(m: Manifest): Manifest {
  for (const k of ['subject', 'artifactType', 'annotations'] as const) if (m[k] === undefined) delete m[k];
  return m;
}

/** Blobs the registry must hold before it accepts the manifest: config and non-foreign layers. */
export function requiredBlobs(m: Manifest): Descriptor[] {
  if (m.kind === 'index') return [];
  return [m.config!, ...m.layers.filter((l) => !FOREIGN_LAYER_TYPES.has(l.mediaType))];
}

/** `artifactType` as the referrers API reports it: the manifest's own, else an image's config media type. */
export function referrerArtifactType(m: Manifest): string | undefined {
  if (m.artifactType) return m.artifactType;
  if (m.kind === 'image' && m.config && m.config.mediaType !== MediaTypes.ociEmpty) return m.config.mediaType;
  return undefined;
}

/** ECR's `imageSizeInBytes` for an image manifest: the sum of its layers (compressed, as pushed). */
export function imageSize(m: Manifest): number {
  return m.layers.reduce((sum, l) => sum + l.size, 0);
}
