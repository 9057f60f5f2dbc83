import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { RegistryContext } from '../context.js';
import type { RepositoryRef } from '../records.js';

/** One authenticated /v2/ request about one repository, as the endpoint handlers see it. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  log: Logger;
  registry: RegistryContext;
  ref: RepositoryRef;
}

/** Whether the request carries a body (a length above zero, or chunked transfer coding). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/** Read a small body (manifests) with a hard limit; undefined when it is larger. */
export async function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return undefined;
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) return undefined;
    parts.push(b);
  }
  return Buffer.concat(parts);
}

export function uploadLocation(ref: RepositoryRef, uploadId: string): string {
  return `/v2/${ref.name}/blobs/uploads/${encodeURIComponent(uploadId)}`;
}

/** `Range` of an upload in progress: `0-<last byte>` (`0-0` while empty, as distribution sends it). */
export function uploadRange(size: number): string {
  return `0-${Math.max(0, size - 1)}`;
}
