import { Readable } from 'node:stream';

/**
 * Regroup a request body's socket-sized chunks (16–64 KiB) into chunks of about `size` bytes, so
 * the blob store writes and hashes in few large steps instead of thousands of small ones. The
 * socket keeps filling the next chunk while the store writes the previous one; at most one
 * chunk plus the socket's own buffer is held, whatever the blob's size.
 */
export async function* coalesce(source: Readable, size = 1 << 20): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let held = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    parts.push(chunk);
    held += chunk.length;
    if (held >= size) {
      yield parts.length === 1 ? parts[0] : Buffer.concat(parts, held);
      parts = [];
      held = 0;
    }
  }
  if (held > 0) yield parts.length === 1 ? parts[0] : Buffer.concat(parts, held);
}

/** The request body as a stream of ~1 MiB chunks, read one chunk ahead. */
export function coalesced(source: Readable): Readable {
  return Readable.from(coalesce(source), { highWaterMark: 1 });
}
