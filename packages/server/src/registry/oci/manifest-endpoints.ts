import { deleteImage } from '../delete.js';
import { parseDigest } from '../digest.js';
import { digestInvalid, imageReferencedByIndex, manifestUnknown, RegistryError, tagInvalid, unsupported } from '../errors.js';
import { manifestBytes, recordPull, resolveImage } from '../images.js';
import { isOciTag, parseReference } from '../names.js';
import { putManifest } from '../push.js';
import { readLimited, type Exchange } from './exchange.js';
import { send, sendError } from './respond.js';

/** `HEAD|GET|PUT|DELETE /v2/<name>/manifests/<reference>` (end-3, end-7, end-9). */

/** The distribution spec asks registries to accept manifests of at least 4 MiB. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export async function manifestEndpoint(x: Exchange, reference: string): Promise<void> {
  const { req, res } = x;
  const ref = parseReference(reference);
  if (ref.kind === 'digest' && typeof parseDigest(ref.digest) === 'string') return sendError(req, res, digestInvalid('invalid or unsupported digest', { digest: ref.digest }));
  if (ref.kind === 'tag' && !isOciTag(ref.tag)) return sendError(req, res, tagInvalid(ref.tag));
  switch (req.method) {
    case 'GET':
    case 'HEAD':
      return getManifest(x, reference);
    case 'PUT':
      return putManifestEndpoint(x, ref.kind === 'tag' ? { tag: ref.tag } : { digest: ref.digest });
    case 'DELETE':
      return deleteManifest(x, ref.kind === 'tag' ? { imageTag: ref.tag } : { imageDigest: ref.digest });
    default:
      return sendError(req, res, unsupported());
  }
}

/** Whether the client's Accept list takes the stored media type (no list, or a wildcard, takes anything). */
function accepts(acceptHeader: string | undefined, mediaType: string): boolean {
  if (!acceptHeader) return true;
  const types = acceptHeader.split(',').map((t) => t.split(';')[0].trim().toLowerCase());
  return types.some((t) => t === mediaType || t === '*/*' || t === '' || t === 'application/json');
}

async function getManifest(x: Exchange, reference: string): Promise<void> {
  const { req, res } = x;
  const ref = parseReference(reference);
  const image = await resolveImage(x.registry, x.ref, ref.kind === 'tag' ? { tag: ref.tag } : { digest: ref.digest });
  if (!image) return sendError(req, res, manifestUnknown(reference, 'Requested image not found'));
  if (!accepts(req.headers.accept, image.mediaType)) {
    return sendError(req, res, manifestUnknown(reference, `manifest of media type ${image.mediaType} does not match the accepted media types`));
  }
  const headers = { 'content-type': image.mediaType, 'docker-content-digest': image.digest, etag: `"${image.digest}"`, 'content-length': image.manifestSize };
  if (req.method === 'HEAD') return send(res, 200, headers);
  const bytes = await manifestBytes(x.registry, image.digest);
  send(res, 200, headers, bytes);
  void recordPull(x.registry, x.ref, image.digest).catch((err: unknown) => x.log.warn({ err }, 'could not record pull time'));
}

async function putManifestEndpoint(x: Exchange, target: { tag?: string; digest?: string }): Promise<void> {
  const { req, res } = x;
  const bytes = await readLimited(req, MAX_MANIFEST_BYTES);
  if (!bytes) return sendError(req, res, new RegistryError('SIZE_INVALID', 'manifest too large', 413, { limit: MAX_MANIFEST_BYTES }));
  const result = await putManifest(x.registry, x.ref, { bytes, contentType: req.headers['content-type'], ...target });
  const headers: Record<string, string> = { location: `/v2/${x.ref.name}/manifests/${result.digest}`, 'docker-content-digest': result.digest };
  if (result.manifest.subject) headers['oci-subject'] = result.manifest.subject.digest;
  send(res, 201, headers);
}

async function deleteManifest(x: Exchange, id: { imageTag?: string; imageDigest?: string }): Promise<void> {
  const { req, res } = x;
  const outcome = await deleteImage(x.registry, x.ref, id);
  if (outcome.ok) return send(res, 202);
  const reference = id.imageDigest ?? id.imageTag ?? '';
  if (outcome.failure.failureCode === 'ImageReferencedByManifestList') {
    const parents = /\[(.*)\]/.exec(outcome.failure.failureReason)?.[1].split(', ') ?? [];
    return sendError(req, res, imageReferencedByIndex(reference, parents));
  }
  sendError(req, res, manifestUnknown(reference, 'Requested image not found'));
}
