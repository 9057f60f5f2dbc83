import Database from 'better-sqlite3';
import type { Clock } from '../../core/clock.js';
import type { Batch, BlobStore, CommitResult, Storage } from '../interfaces.js';
import { SqliteDeliveries } from './deliveries.js';
import { GroupCommitter, type TransactionRunner } from './group-commit.js';
import { SqliteJournal } from './journal.js';
import { SqliteMetadata } from './metadata.js';
import { configure, migrate } from './schema.js';

export interface SqliteStorageOptions {
  /** Database file (created when missing). */
  path: string;
  clock: Clock;
  /** Blobs live outside SQLite (content-addressed files); the storage only carries them along. */
  blobs: BlobStore;
}

/**
 * Metadata, journal and deliveries in one SQLite database, so a `commit` spanning all three is one
 * transaction. All writes go through a GroupCommitter: many concurrent commits, one fsync.
 */
export class SqliteStorage implements Storage {
  readonly metadata: SqliteMetadata;
  readonly journal: SqliteJournal;
  readonly deliveries: SqliteDeliveries;
  readonly blobs: BlobStore;
  private readonly db: Database.Database;
  private readonly writer: GroupCommitter;
  private readonly clock: Clock;

  constructor(options: SqliteStorageOptions) {
    this.db = new Database(options.path);
    try {
      configure(this.db);
      migrate(this.db);
      this.clock = options.clock;
      this.blobs = options.blobs;
      this.writer = new GroupCommitter(transactionRunner(this.db));
      this.metadata = new SqliteMetadata(this.db);
      this.journal = new SqliteJournal(this.db, this.writer);
      this.deliveries = new SqliteDeliveries(this.db, this.writer);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  commit(batch: Batch): Promise<CommitResult> {
    // Time is taken when the caller commits, not when the group flushes a moment later.
    const now = this.clock.now();
    return this.writer.submit(() => this.apply(batch, now));
  }

  /** Group-commit counters: how many transactions (fsyncs) carried how many writes. */
  commitStats(): { transactions: number; writes: number } {
    return { ...this.writer.stats };
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.writer.close();
    this.db.close();
  }

  /** Runs inside the caller's savepoint: any throw (e.g. ConditionFailedError) undoes the whole batch. */
  private apply(batch: Batch, now: number): CommitResult {
    for (const write of batch.writes ?? []) this.metadata.applyWrite(write);
    const eventSeqs = (batch.events ?? []).map((event) => this.journal.append(event, now));
    const deliveryIds = (batch.deliveries ?? []).map((delivery) => this.deliveries.enqueue(delivery, now));
    for (const id of batch.acks ?? []) this.deliveries.ack(id);
    for (const { consumer, seq } of batch.cursors ?? []) this.journal.setCursor(consumer, seq);
    return { eventSeqs, deliveryIds };
  }
}

/** better-sqlite3 transaction functions: the outer one BEGINs IMMEDIATE, nested calls become savepoints. */
function transactionRunner(db: Database.Database): TransactionRunner {
  const run = db.transaction((fn: () => unknown) => fn());
  return {
    transaction: (fn) => {
      run.immediate(fn);
    },
    savepoint: <T>(fn: () => T): T => run(fn) as T,
    inTransaction: () => db.inTransaction,
  };
}
