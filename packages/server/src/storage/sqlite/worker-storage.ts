import { Worker } from 'node:worker_threads';
import type { Clock } from '../../core/clock.js';
import type { Batch, BlobStore, CommitResult, DeliveryQueue, Journal, MetadataStore, Storage } from '../interfaces.js';
import { StorageClosedError } from './group-commit.js';
import { deserializeError, type StoreName, type WorkerCall, type WorkerInit, type WorkerReply } from './worker-protocol.js';

export interface WorkerSqliteStorageOptions {
  /** Database file (created when missing). */
  path: string;
  clock: Clock;
  /** Blobs stay on this thread (content-addressed files); the storage only carries them along. */
  blobs: BlobStore;
}

interface PendingCall {
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
}

/**
 * The embedded SQLite backend with its connection on a worker thread, so inserts, queries and
 * fsyncs do not hold up the thread that serves requests. Same database, stores and group commit
 * as `SqliteStorage` (the worker runs one); calls of one turn travel together, and a commit
 * resolves only after the worker's transaction committed.
 */
export class WorkerSqliteStorage implements Storage {
  readonly metadata: MetadataStore;
  readonly journal: Journal;
  readonly deliveries: DeliveryQueue;
  readonly blobs: BlobStore;
  private readonly calls = new Map<number, PendingCall>();
  private outbox: WorkerCall[] = [];
  private flushScheduled = false;
  private nextId = 1;
  private closed = false;
  private failure: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly clock: Clock,
    blobs: BlobStore,
  ) {
    this.blobs = blobs;
    this.metadata = this.proxy<MetadataStore>('metadata', ['get', 'list', 'count']);
    this.journal = this.proxy<Journal>('journal', ['read', 'readByTime', 'lastSeq', 'cursor', 'trim']);
    this.deliveries = this.proxy<DeliveryQueue>('deliveries', ['lease', 'reschedule', 'get', 'peek', 'depth', 'dueCount', 'nextDue', 'purge']);
    worker.on('message', (replies: WorkerReply[]) => {
      for (const r of replies) this.settle(r);
    });
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => this.fail(new Error(`storage worker exited (code ${code})`)));
  }

  /** Start the worker and wait until it has opened (and migrated) the database. */
  static async open(options: WorkerSqliteStorageOptions): Promise<WorkerSqliteStorage> {
    const init: WorkerInit = { path: options.path };
    const worker = new Worker(new URL('./worker-thread.js', import.meta.url), { workerData: init });
    await new Promise<void>((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      const onExit = (code: number) => reject(new Error(`storage worker exited (code ${code}) while opening ${options.path}`));
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.once('message', () => {
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve();
      });
    });
    return new WorkerSqliteStorage(worker, options.clock, options.blobs);
  }

  commit(batch: Batch): Promise<CommitResult> {
    // Time is taken when the caller commits, as in-process.
    return this.call('storage', 'commit', [batch], this.clock.now());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.call('storage', 'close', []);
    } finally {
      this.closed = true;
      await this.worker.terminate();
      this.fail(new StorageClosedError());
    }
  }

  private proxy<T>(store: StoreName, methods: string[]): T {
    const out: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    for (const m of methods) out[m] = (...args) => this.call(store, m, args);
    return out as T;
  }

  private call<T>(store: StoreName, method: string, args: unknown[], now?: number): Promise<T> {
    if (this.closed) return Promise.reject(new StorageClosedError());
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    // Trailing undefined arguments are dropped: they mean "default", and structured clone keeps arrays dense anyway.
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    this.outbox.push(now === undefined ? { id, store, method, args } : { id, store, method, args, now });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      // setImmediate rather than a microtask: callers woken by I/O in this loop iteration join the message.
      setImmediate(() => this.flush());
    }
    return new Promise<T>((resolve, reject) => this.calls.set(id, { resolve: resolve as (v: never) => void, reject }));
  }

  private flush(): void {
    this.flushScheduled = false;
    const out = this.outbox;
    this.outbox = [];
    if (out.length > 0) this.worker.postMessage(out);
  }

  private settle(r: WorkerReply): void {
    const pending = this.calls.get(r.id);
    if (!pending) return;
    this.calls.delete(r.id);
    if (r.ok) pending.resolve(r.value as never);
    else pending.reject(deserializeError(r.error));
  }

  /** The worker is gone: nothing in flight can be answered any more. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const p of this.calls.values()) p.reject(error);
    this.calls.clear();
  }
}
