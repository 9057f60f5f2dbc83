import type { Readable } from 'node:stream';

/**
 * Storage contracts. Every backend (embedded SQLite + files today, a distributed engine later)
 * implements these and passes the contract suites in `contract/`. All methods are async so a
 * networked backend fits without changing callers.
 */

/** A stored metadata record. `version` starts at 1 and grows by one on every put (back to 1 after a delete). */
export interface Item<T = unknown> {
  key: string;
  value: T;
  version: number;
}

export interface ListOptions {
  /** Only keys starting with this. */
  prefix?: string;
  /** Only keys sorting strictly after this (for paging). */
  startAfter?: string;
  /** At most this many items (default: all). */
  limit?: number;
}

/** One metadata write inside a batch. `ifVersion` makes it conditional: 0 means "must not exist". */
export type MetadataWrite =
  | { op: 'put'; table: string; key: string; value: unknown; ifVersion?: number }
  | { op: 'delete'; table: string; key: string; ifVersion?: number };

/** An event to append to the journal. `stream` names the log it belongs to (e.g. an event bus ARN). */
export interface JournalAppend {
  stream: string;
  /** The event as JSON text, stored verbatim. */
  body: string;
}

export interface JournalRecord extends JournalAppend {
  /** Global, strictly increasing, never reused. */
  seq: number;
  /**
   * Clock time (ms) of the commit that appended it — but never less than an earlier record's, so
   * time order is seq order even when the clock steps back.
   */
  appendedAt: number;
}

export interface NewDelivery {
  /** Which queue: a target key such as `<ruleArn>#<targetId>`, or an SQS queue ARN. */
  queue: string;
  body: string;
  /** Not leasable before this time (ms). Default: now. */
  notBefore?: number;
  /** Free-form attributes the owner wants back (JSON-serialisable). */
  meta?: Record<string, unknown>;
}

export interface Delivery {
  id: string;
  queue: string;
  body: string;
  meta: Record<string, unknown>;
  /** How many times it was leased so far (the current lease included). */
  attempts: number;
  enqueuedAt: number;
  notBefore: number;
  /** Monotonic per store; gives FIFO order among deliveries of one queue. */
  seq: number;
  lastError?: string;
}

/** Everything that must become durable together, in one atomic step. */
export interface Batch {
  writes?: MetadataWrite[];
  events?: JournalAppend[];
  deliveries?: NewDelivery[];
  /** Delivery ids to remove (acknowledged). Unknown ids are ignored, so a repeated ack is harmless. */
  acks?: string[];
  /** Consumer cursors to set (e.g. the matcher's position in the journal); moving back is allowed. */
  cursors?: { consumer: string; seq: number }[];
}

export interface CommitResult {
  /** The seq of each appended event, in order. */
  eventSeqs: number[];
  /** The id of each new delivery, in order. */
  deliveryIds: string[];
}

/** Thrown by `commit` when an `ifVersion` condition does not hold; nothing in the batch is applied. */
export class ConditionFailedError extends Error {
  constructor(
    readonly table: string,
    readonly key: string,
  ) {
    super(`condition failed for ${table}/${key}`);
    this.name = 'ConditionFailedError';
  }
}

export interface MetadataStore {
  get<T>(table: string, key: string): Promise<Item<T> | undefined>;
  /** Items in key order. */
  list<T>(table: string, options?: ListOptions): Promise<Item<T>[]>;
  count(table: string, options?: { prefix?: string }): Promise<number>;
}

export interface Journal {
  /** Records with seq > afterSeq in seq order, optionally of one stream only. */
  read(afterSeq: number, limit: number, stream?: string): Promise<JournalRecord[]>;
  /** Records of one stream appended in [fromTime, toTime), in seq order, after `afterSeq`. */
  readByTime(stream: string, fromTime: number, toTime: number, afterSeq: number, limit: number): Promise<JournalRecord[]>;
  lastSeq(): Promise<number>;
  /** 0 when the consumer has never committed a cursor. */
  cursor(consumer: string): Promise<number>;
  /** Drop records of a stream appended before `beforeTime`; returns how many. */
  trim(stream: string, beforeTime: number): Promise<number>;
}

export interface DeliveryQueue {
  /**
   * Lease up to `limit` deliveries of `queue` (or of any queue) whose notBefore <= now, in
   * (notBefore, seq) order. A leased delivery's notBefore becomes now + leaseMs and its attempts
   * grow by one, so a crash before ack makes it due again: at-least-once.
   */
  lease(options: { queue?: string; limit: number; now: number; leaseMs: number }): Promise<Delivery[]>;
  /** Move a delivery's notBefore (retry later, change visibility), optionally noting the error. */
  reschedule(id: string, notBefore: number, lastError?: string): Promise<boolean>;
  get(id: string): Promise<Delivery | undefined>;
  /** Pending deliveries of a queue in (notBefore, seq) order, without leasing. */
  peek(queue: string, limit: number): Promise<Delivery[]>;
  depth(queue?: string): Promise<number>;
  /** Count of deliveries of `queue` whose notBefore <= now. */
  dueCount(queue: string, now: number): Promise<number>;
  /** Earliest notBefore among all deliveries (or of one queue); undefined when empty. */
  nextDue(queue?: string): Promise<number | undefined>;
  /** Remove every delivery of a queue; returns how many. */
  purge(queue: string): Promise<number>;
}

export interface BlobInfo {
  /** `sha256:<hex>` or `sha512:<hex>`. */
  digest: string;
  size: number;
}

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

/** Thrown by `completeUpload`/`put` when the content does not hash to the expected digest. */
export class DigestMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`digest mismatch: expected ${expected}, got ${actual}`);
    this.name = 'DigestMismatchError';
  }
}

/** Thrown for an upload id that does not exist (never created, completed, aborted or collected). */
export class UploadUnknownError extends Error {
  constructor(readonly uploadId: string) {
    super(`upload ${uploadId} unknown`);
    this.name = 'UploadUnknownError';
  }
}

/** Thrown when an append does not start at the upload's current size. */
export class UploadOffsetError extends Error {
  constructor(
    readonly uploadId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`upload ${uploadId} is at offset ${actual}, not ${expected}`);
    this.name = 'UploadOffsetError';
  }
}

/**
 * Content-addressed blobs. Content is streamed, never held whole in memory, and a blob is only
 * visible once fully written, fsynced and verified against its digest.
 */
export interface BlobStore {
  stat(digest: string): Promise<BlobInfo | undefined>;
  /**
   * A stream of the blob (or of an inclusive byte range of it); undefined when absent or when the
   * digest is malformed. An `end` past the last byte is clamped; a range starting past the end
   * (or with start > end) rejects with RangeError.
   */
  read(digest: string, range?: ByteRange): Promise<Readable | undefined>;
  /**
   * Store a whole blob; verifies `expectedDigest` when given (its algorithm picks the hash; sha256
   * otherwise). A malformed or unsupported `expectedDigest` rejects with TypeError.
   */
  put(data: Readable | Uint8Array, expectedDigest?: string): Promise<BlobInfo>;
  delete(digest: string): Promise<boolean>;
  list(): AsyncIterable<BlobInfo>;

  createUpload(): Promise<string>;
  /**
   * Append to an upload; with `offset`, fails with UploadOffsetError unless it equals the current size.
   * Returns the new size. If `data` fails midway, the upload keeps its previous size.
   */
  appendUpload(uploadId: string, data: Readable | Uint8Array, offset?: number): Promise<number>;
  /** Current size, or undefined for an unknown upload. */
  uploadSize(uploadId: string): Promise<number | undefined>;
  /**
   * Verify, fsync and publish. The upload is gone afterwards, whether or not the digest matched
   * (a malformed `expectedDigest` is a TypeError and leaves the upload alone).
   */
  completeUpload(uploadId: string, expectedDigest: string): Promise<BlobInfo>;
  abortUpload(uploadId: string): Promise<boolean>;
  /** Uploads with their last-modified time (ms), for collecting abandoned ones. */
  listUploads(): Promise<{ id: string; size: number; modifiedAt: number }[]>;
}

/** One backend: all stores, plus the atomic commit that spans metadata, journal and deliveries. */
export interface Storage {
  readonly metadata: MetadataStore;
  readonly journal: Journal;
  readonly deliveries: DeliveryQueue;
  readonly blobs: BlobStore;
  /** Apply a batch atomically and durably; resolves only once it is on stable storage. */
  commit(batch: Batch): Promise<CommitResult>;
  close(): Promise<void>;
}
