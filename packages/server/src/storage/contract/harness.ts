import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, beforeEach } from 'node:test';
import type { ManualClock } from '../../core/clock.js';
import type { Storage } from '../interfaces.js';

/**
 * What a backend hands the contract suites: a fresh, empty storage over its own data, a clock the
 * tests move, and a way to restart over the same data to check durability.
 */
export interface StorageHarness {
  /** The current instance; `reopen` replaces it. */
  storage: Storage;
  clock: ManualClock;
  /** Close the current instance and open a new one over the same data, as a restart would. */
  reopen(): Promise<Storage>;
  /** Close and delete everything the harness created. */
  cleanup(): Promise<void>;
}

export type HarnessFactory = () => Promise<StorageHarness>;

/** Registers per-test setup/teardown in the enclosing `describe`; call the result inside a test. */
export function useHarness(factory: HarnessFactory): () => StorageHarness {
  let current: StorageHarness | undefined;
  beforeEach(async () => {
    current = await factory();
  });
  afterEach(async () => {
    await current?.cleanup();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('harness used outside a test');
    return current;
  };
}

export async function readAll(stream: Readable | undefined): Promise<Buffer> {
  if (!stream) throw new Error('expected a stream, got undefined');
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export function digestOf(data: Uint8Array | string, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}`;
}

/** A stream of `data` in `chunkSize` pieces, to exercise the Readable paths. */
export function streamOf(data: Uint8Array, chunkSize = 7): Readable {
  const pieces: Buffer[] = [];
  for (let i = 0; i < data.length; i += chunkSize) pieces.push(Buffer.from(data.subarray(i, i + chunkSize)));
  return Readable.from(pieces);
}

/** A stream that yields `good` and then fails, like a client disconnecting mid-upload. */
export function failingStream(good: Uint8Array): Readable {
  return Readable.from(
    (async function* () {
      yield Buffer.from(good);
      throw new Error('client went away');
    })(),
  );
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
