import { createReadStream } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import type { Readable } from 'node:stream';
import type { Hash } from 'node:crypto';

/**
 * File-system steps for durable, streaming writes. A rename is only durable once the directory
 * holding the new entry is fsynced, and a new directory only once its parent is.
 */

export function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}

export function isAlreadyExists(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'EEXIST';
}

export async function fsyncDir(path: string): Promise<void> {
  const dir = await open(path, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** mkdir -p, fsyncing the parents of any directory it created, up to (not above) `root`. */
export async function ensureDir(path: string, root: string): Promise<void> {
  const firstCreated = await mkdir(path, { recursive: true });
  if (firstCreated === undefined) return;
  for (let dir = path; ; dir = dirname(dir)) {
    const parent = dirname(dir);
    await fsyncDir(parent);
    if (dir === firstCreated || relative(root, parent) === '' || parent === dir) break;
  }
}

/**
 * Write `data` at `position`, feeding every byte to `hash` on the way. Pulls one chunk at a time
 * and awaits its write before the next, so memory stays at one chunk whatever the size.
 */
export async function writeAt(fh: FileHandle, data: Readable | Uint8Array, position: number, hash?: Hash): Promise<number> {
  if (data instanceof Uint8Array) return writeChunk(fh, data, position, hash);
  let written = 0;
  for await (const chunk of data as AsyncIterable<Uint8Array | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    written += await writeChunk(fh, bytes, position + written, hash);
  }
  return written;
}

async function writeChunk(fh: FileHandle, bytes: Uint8Array, position: number, hash?: Hash): Promise<number> {
  hash?.update(bytes);
  let offset = 0;
  // write(2) may write less than asked; loop until the chunk is down.
  while (offset < bytes.length) {
    const { bytesWritten } = await fh.write(bytes, offset, bytes.length - offset, position + offset);
    offset += bytesWritten;
  }
  return bytes.length;
}

/** Hash a whole file by streaming it (used when no live hash state exists, e.g. after a restart). */
export async function hashFile(path: string, hash: Hash): Promise<Hash> {
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash;
}
