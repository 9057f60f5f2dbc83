import { pipeline } from 'node:stream/promises';
import { statLinkedBlob } from '../blobs.js';
import { parseDigest } from '../digest.js';
import { blobUnknown, digestInvalid, RegistryError, unsupported } from '../errors.js';
import { parseRangeHeader } from './routes.js';
import { send, sendError } from './respond.js';
import type { Exchange } from './exchange.js';

/**
 * `HEAD|GET /v2/<name>/blobs/<digest>` (end-2), streamed from the blob store with single byte
 * ranges; `DELETE` is refused like ECR refuses it (layers go with their images, via the collector).
 */
export async function blobEndpoint(x: Exchange, digest: string): Promise<void> {
  const { req, res } = x;
  if (req.method === 'DELETE') return sendError(req, res, unsupported());
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(req, res, unsupported());
  if (typeof parseDigest(digest) === 'string') return sendError(req, res, digestInvalid('invalid or unsupported digest', { digest }));
  const info = await statLinkedBlob(x.registry, x.ref, digest);
  if (!info) return sendError(req, res, blobUnknown(digest));
  const headers: Record<string, string | number> = {
    'content-type': 'application/octet-stream',
    'docker-content-digest': digest,
    etag: `"${digest}"`,
    'accept-ranges': 'bytes',
    'content-length': info.size,
  };
  const range = parseRangeHeader(req.headers.range, info.size);
  if (range === 'invalid') {
    return sendError(req, res, new RegistryError('BLOB_UNKNOWN', 'requested range not satisfiable', 416, { digest }, { 'content-range': `bytes */${info.size}` }));
  }
  if (req.method === 'HEAD') return send(res, 200, headers);
  // Linked: statLinkedBlob checked it just now.
  const stream = await x.registry.storage.blobs.read(digest, range);
  if (!stream) return sendError(req, res, blobUnknown(digest));
  if (range) {
    headers['content-range'] = `bytes ${range.start}-${range.end}/${info.size}`;
    headers['content-length'] = range.end - range.start + 1;
  }
  res.writeHead(range ? 206 : 200, { 'docker-distribution-api-version': 'registry/2.0', ...headers });
  try {
    await pipeline(stream, res);
  } catch (err) {
    x.log.debug({ err, digest }, 'blob download ended early');
  }
}
