import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  ConditionFailedError,
  DigestMismatchError,
  UploadOffsetError,
  UploadUnknownError,
  type Batch,
  type BlobInfo,
  type BlobStore,
  type ByteRange,
  type CommitResult,
  type Item,
  type JournalRecord,
  type ListOptions,
  type MetadataStore,
  type Storage,
} from '../../storage/interfaces.js';

/**
 * An in-memory Storage for the registry's unit tests: the same contracts as the embedded backend
 * (versioned conditional writes, atomic commits, digest-verified blobs, offset-checked uploads),
 * none of the durability. Not for production use.
 */

async function collect(data: Readable | Uint8Array): Promise<Buffer> {
  if (data instanceof Uint8Array) return Buffer.from(data);
  const parts: Buffer[] = [];
  for await (const chunk of data) parts.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(parts);
}

function digestOf(algorithm: string, bytes: Buffer): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

class MemoryBlobs implements BlobStore {
  readonly blobs = new Map<string, Buffer>();
  readonly uploads = new Map<string, { data: Buffer; modifiedAt: number }>();
  constructor(private readonly now: () => number) {}

  async stat(digest: string): Promise<BlobInfo | undefined> {
    const b = this.blobs.get(digest);
    return b ? { digest, size: b.length } : undefined;
  }
  async read(digest: string, range?: ByteRange): Promise<Readable | undefined> {
    const b = this.blobs.get(digest);
    if (!b) return undefined;
    return Readable.from([range ? b.subarray(range.start, range.end + 1) : b]);
  }
  async put(data: Readable | Uint8Array, expectedDigest?: string): Promise<BlobInfo> {
    const bytes = await collect(data);
    const digest = digestOf(expectedDigest?.split(':')[0] ?? 'sha256', bytes);
    if (expectedDigest && expectedDigest !== digest) throw new DigestMismatchError(expectedDigest, digest);
    this.blobs.set(digest, bytes);
    return { digest, size: bytes.length };
  }
  async delete(digest: string): Promise<boolean> {
    return this.blobs.delete(digest);
  }
  async *list(): AsyncIterable<BlobInfo> {
    for (const [digest, b] of [...this.blobs]) yield { digest, size: b.length };
  }
  async createUpload(): Promise<string> {
    const id = randomUUID();
    this.uploads.set(id, { data: Buffer.alloc(0), modifiedAt: this.now() });
    return id;
  }
  async appendUpload(uploadId: string, data: Readable | Uint8Array, offset?: number): Promise<number> {
    const u = this.uploads.get(uploadId);
    if (!u) throw new UploadUnknownError(uploadId);
    if (offset !== undefined && offset !== u.data.length) throw new UploadOffsetError(uploadId, offset, u.data.length);
    u.data = Buffer.concat([u.data, await collect(data)]);
    u.modifiedAt = this.now();
    return u.data.length;
  }
  async uploadSize(uploadId: string): Promise<number | undefined> {
    return this.uploads.get(uploadId)?.data.length;
  }
  async completeUpload(uploadId: string, expectedDigest: string): Promise<BlobInfo> {
    const u = this.uploads.get(uploadId);
    if (!u) throw new UploadUnknownError(uploadId);
    this.uploads.delete(uploadId);
    return this.put(u.data, expectedDigest);
  }
  async abortUpload(uploadId: string): Promise<boolean> {
    return this.uploads.delete(uploadId);
  }
  async listUploads(): Promise<{ id: string; size: number; modifiedAt: number }[]> {
    return [...this.uploads].map(([id, u]) => ({ id, size: u.data.length, modifiedAt: u.modifiedAt }));
  }
}

class MemoryMetadata implements MetadataStore {
  readonly tables = new Map<string, Map<string, Item>>();
  table(name: string): Map<string, Item> {
    let t = this.tables.get(name);
    if (!t) this.tables.set(name, (t = new Map()));
    return t;
  }
  async get<T>(table: string, key: string): Promise<Item<T> | undefined> {
    const item = this.table(table).get(key);
    return item ? (structuredClone(item) as Item<T>) : undefined;
  }
  async list<T>(table: string, options: ListOptions = {}): Promise<Item<T>[]> {
    const keys = [...this.table(table).keys()].sort();
    const out: Item<T>[] = [];
    for (const key of keys) {
      if (options.prefix !== undefined && !key.startsWith(options.prefix)) continue;
      if (options.startAfter !== undefined && key <= options.startAfter) continue;
      out.push(structuredClone(this.table(table).get(key)) as Item<T>);
      if (options.limit !== undefined && out.length >= options.limit) break;
    }
    return out;
  }
  async count(table: string, options: { prefix?: string } = {}): Promise<number> {
    return (await this.list(table, options)).length;
  }
}

export class MemoryStorage implements Storage {
  readonly metadata = new MemoryMetadata();
  readonly blobs: MemoryBlobs;
  readonly events: JournalRecord[] = [];
  commits = 0;

  constructor(private readonly now: () => number = () => Date.now()) {
    this.blobs = new MemoryBlobs(now);
  }

  get journal(): Storage['journal'] {
    throw new Error('MemoryStorage has no journal reader; inspect .events');
  }
  get deliveries(): Storage['deliveries'] {
    throw new Error('MemoryStorage has no delivery queue');
  }

  async commit(batch: Batch): Promise<CommitResult> {
    for (const w of batch.writes ?? []) {
      if (w.ifVersion === undefined) continue;
      const current = this.metadata.table(w.table).get(w.key)?.version ?? 0;
      if (current !== w.ifVersion) throw new ConditionFailedError(w.table, w.key);
    }
    for (const w of batch.writes ?? []) {
      const t = this.metadata.table(w.table);
      if (w.op === 'delete') t.delete(w.key);
      else t.set(w.key, { key: w.key, value: structuredClone(w.value), version: (t.get(w.key)?.version ?? 0) + 1 });
    }
    const eventSeqs: number[] = [];
    for (const e of batch.events ?? []) {
      const seq = this.events.length + 1;
      this.events.push({ ...e, seq, appendedAt: this.now() });
      eventSeqs.push(seq);
    }
    this.commits += 1;
    return { eventSeqs, deliveryIds: [] };
  }

  async close(): Promise<void> {}
}
