import { UploadOffsetError, UploadUnknownError } from '../../storage/interfaces.js';
import { completeUpload, mountBlob, putBlob, startUpload } from '../blobs.js';
import { blobUploadInvalid, blobUploadUnknown, rangeNotSatisfiable, unsupported } from '../errors.js';
import { coalesced } from './coalesce.js';
import { hasBody, uploadLocation, uploadRange, type Exchange } from './exchange.js';
import { parseContentRange } from './routes.js';
import { send, sendError } from './respond.js';

/**
 * Pushing blobs (end-4a/4b/5/6/11/13): monolithic POST or PUT, chunked PATCH with or without
 * `Content-Range`, resumable after a restart (upload status GET), cross-repository mount.
 * Request bodies stream straight into the blob store; nothing holds a blob in memory.
 */

function blobCreated(x: Exchange, digest: string): void {
  send(x.res, 201, { location: `/v2/${x.ref.name}/blobs/${digest}`, 'docker-content-digest': digest });
}

function uploadAccepted(x: Exchange, status: 202 | 204, uploadId: string, size: number): void {
  send(x.res, status, { location: uploadLocation(x.ref, uploadId), range: uploadRange(size), 'docker-upload-uuid': uploadId });
}

/** `POST /v2/<name>/blobs/uploads/` with `?mount=&from=`, `?digest=` (monolithic) or nothing (start a session). */
export async function startUploadEndpoint(x: Exchange): Promise<void> {
  const { req, url } = x;
  if (req.method !== 'POST') return sendError(req, x.res, unsupported());
  const mount = url.searchParams.get('mount');
  if (mount !== null) {
    const mounted = await mountBlob(x.registry, x.ref, mount, url.searchParams.get('from') ?? undefined);
    if (mounted) return blobCreated(x, mounted.digest);
  }
  const digest = url.searchParams.get('digest');
  if (digest !== null && mount === null) {
    const info = await putBlob(x.registry, x.ref, coalesced(req), digest);
    return blobCreated(x, info.digest);
  }
  const uploadId = await startUpload(x.registry, x.ref);
  req.resume();
  uploadAccepted(x, 202, uploadId, 0);
}

/** `GET|PATCH|PUT|DELETE /v2/<name>/blobs/uploads/<id>`. */
export async function uploadEndpoint(x: Exchange, uploadId: string): Promise<void> {
  const { req, res } = x;
  const blobs = x.registry.storage.blobs;
  try {
    switch (req.method) {
      case 'GET': {
        const size = await blobs.uploadSize(uploadId);
        if (size === undefined) return sendError(req, res, blobUploadUnknown(uploadId));
        return uploadAccepted(x, 204, uploadId, size);
      }
      case 'DELETE': {
        if (!(await blobs.abortUpload(uploadId))) return sendError(req, res, blobUploadUnknown(uploadId));
        return send(res, 204);
      }
      case 'PATCH': {
        const size = await appendChunk(x, uploadId);
        if (size === undefined) return;
        return uploadAccepted(x, 202, uploadId, size);
      }
      case 'PUT': {
        const digest = x.url.searchParams.get('digest');
        if (!digest) return sendError(req, res, blobUploadInvalid('the digest query parameter is required'));
        if (hasBody(req) && (await appendChunk(x, uploadId)) === undefined) return;
        const info = await completeUpload(x.registry, x.ref, uploadId, digest);
        return blobCreated(x, info.digest);
      }
      default:
        return sendError(req, res, unsupported());
    }
  } catch (e) {
    if (e instanceof UploadUnknownError) return sendError(req, res, blobUploadUnknown(uploadId));
    if (e instanceof UploadOffsetError) return sendError(req, res, rangeNotSatisfiable(e.actual));
    throw e;
  }
}

/** Append the request body; answers and returns undefined when the chunk is refused. */
async function appendChunk(x: Exchange, uploadId: string): Promise<number | undefined> {
  const { req, res } = x;
  const range = parseContentRange(req.headers['content-range']);
  if (range === 'invalid') {
    sendError(req, res, blobUploadInvalid('Content-Range must be <start>-<end>', 416));
    return undefined;
  }
  const declared = req.headers['content-length'];
  if (range && declared !== undefined && Number(declared) !== range.end - range.start + 1) {
    sendError(req, res, blobUploadInvalid('Content-Length does not match Content-Range', 416));
    return undefined;
  }
  // A client that goes away mid-chunk fails the append, and the store drops the partial chunk.
  return x.registry.storage.blobs.appendUpload(uploadId, coalesced(req), range?.start);
}
