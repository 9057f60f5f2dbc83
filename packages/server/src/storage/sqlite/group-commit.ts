/**
 * Group commit: writes submitted in the same turn of the event loop share one transaction and
 * therefore one fsync, which is what lets a synchronous=FULL database take ≥10k small commits/s.
 * Each write runs inside its own savepoint, so one caller's failure (a failed `ifVersion`, say)
 * undoes only that caller's work; callers resolve only after the shared COMMIT returned.
 *
 * No SQL here: the transaction mechanics come from a `TransactionRunner`.
 */

export interface TransactionRunner {
  /** Run `fn` in one transaction and commit it durably; throws (after rolling back) when it fails. */
  transaction(fn: () => void): void;
  /** Run `fn` in a savepoint nested in the current transaction; on throw, undo its effects and rethrow. */
  savepoint<T>(fn: () => T): T;
  /** Whether the transaction is still open (SQLite rolls back by itself on some errors, e.g. SQLITE_FULL). */
  inTransaction(): boolean;
}

export class StorageClosedError extends Error {
  constructor() {
    super('storage is closed');
    this.name = 'StorageClosedError';
  }
}

interface Job {
  /** Run the work inside the shared transaction and remember its outcome. */
  execute(): void;
  /** Report to the caller once the transaction's fate is known. */
  settle(commitFailure: { error: unknown } | undefined): void;
}

export class GroupCommitter {
  private pending: Job[] = [];
  private scheduled = false;
  private closed = false;
  /** Counters for metrics and benchmarks: writes / transactions is the mean group size. */
  readonly stats = { transactions: 0, writes: 0 };

  /** `maxBatch` bounds one transaction so a flood of writers cannot build an unbounded one. */
  constructor(
    private readonly runner: TransactionRunner,
    private readonly maxBatch = 5000,
  ) {}

  /** Queue `work` (synchronous, runs inside the transaction); resolves with its result once durable. */
  submit<T>(work: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new StorageClosedError());
    return new Promise<T>((resolve, reject) => {
      let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
      this.pending.push({
        execute: () => {
          try {
            outcome = { ok: true, value: this.runner.savepoint(work) };
          } catch (error) {
            outcome = { ok: false, error };
          }
        },
        settle: (commitFailure) => {
          if (commitFailure) reject(commitFailure.error);
          else if (outcome?.ok) resolve(outcome.value);
          else reject(outcome ? outcome.error : new Error('write was not executed'));
        },
      });
      this.schedule();
    });
  }

  /** Flush what is queued, then refuse new work. */
  close(): void {
    while (this.pending.length > 0) this.flush();
    this.closed = true;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate rather than a microtask: writers woken by I/O in this loop iteration join too.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    const jobs = this.pending.splice(0, this.maxBatch);
    if (jobs.length === 0) return;
    if (this.pending.length > 0) this.schedule();
    let failure: { error: unknown } | undefined;
    this.stats.transactions += 1;
    this.stats.writes += jobs.length;
    try {
      this.runner.transaction(() => {
        for (const job of jobs) {
          // Without this, jobs after an auto-rollback would run in autocommit mode, outside the group.
          if (!this.runner.inTransaction()) throw new Error('transaction aborted by the database');
          job.execute();
        }
        if (!this.runner.inTransaction()) throw new Error('transaction aborted by the database');
      });
    } catch (error) {
      failure = { error };
    }
    for (const job of jobs) job.settle(failure);
  }
}
