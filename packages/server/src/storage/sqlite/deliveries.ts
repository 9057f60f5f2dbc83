import type Database from 'better-sqlite3';
import type { Delivery, DeliveryQueue, NewDelivery } from '../interfaces.js';
import type { GroupCommitter } from './group-commit.js';
import { deliverySeq, sqlLimit, toDelivery, type DeliveryRow } from './rows.js';

const COLUMNS = 'seq, queue, body, meta, attempts, enqueued_at, not_before, last_error';

/**
 * Pending deliveries. A lease is just "attempts + 1, notBefore = now + leaseMs", committed like any
 * other write, so an unacknowledged delivery comes due again by itself: at-least-once with no
 * separate in-flight table. Both due-order scans are served by (queue, not_before, seq) and
 * (not_before, seq) indexes.
 */
export class SqliteDeliveries implements DeliveryQueue {
  private readonly insertStmt: Database.Statement<[string, string, string, number, number]>;
  private readonly deleteStmt: Database.Statement<[number]>;
  private readonly getStmt: Database.Statement<[number], DeliveryRow>;
  private readonly dueStmt: Database.Statement<[number, number], DeliveryRow>;
  private readonly dueInQueueStmt: Database.Statement<[string, number, number], DeliveryRow>;
  private readonly leaseStmt: Database.Statement<[number, number]>;
  private readonly rescheduleStmt: Database.Statement<[number, string | null, number]>;
  private readonly peekStmt: Database.Statement<[string, number], DeliveryRow>;
  private readonly depthStmt: Database.Statement<[], number>;
  private readonly depthInQueueStmt: Database.Statement<[string], number>;
  private readonly dueCountStmt: Database.Statement<[string, number], number>;
  private readonly nextDueStmt: Database.Statement<[], number | null>;
  private readonly nextDueInQueueStmt: Database.Statement<[string], number | null>;
  private readonly purgeStmt: Database.Statement<[string]>;

  constructor(
    db: Database.Database,
    private readonly writer: GroupCommitter,
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO deliveries (queue, body, meta, attempts, enqueued_at, not_before) VALUES (?, ?, ?, 0, ?, ?)`,
    );
    this.deleteStmt = db.prepare('DELETE FROM deliveries WHERE seq = ?');
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM deliveries WHERE seq = ?`);
    this.dueStmt = db.prepare(`SELECT ${COLUMNS} FROM deliveries WHERE not_before <= ? ORDER BY not_before, seq LIMIT ?`);
    this.dueInQueueStmt = db.prepare(
      `SELECT ${COLUMNS} FROM deliveries WHERE queue = ? AND not_before <= ? ORDER BY not_before, seq LIMIT ?`,
    );
    this.leaseStmt = db.prepare('UPDATE deliveries SET attempts = attempts + 1, not_before = ? WHERE seq = ?');
    this.rescheduleStmt = db.prepare(
      'UPDATE deliveries SET not_before = ?, last_error = coalesce(?, last_error) WHERE seq = ?',
    );
    this.peekStmt = db.prepare(`SELECT ${COLUMNS} FROM deliveries WHERE queue = ? ORDER BY not_before, seq LIMIT ?`);
    this.depthStmt = db.prepare<[], number>('SELECT count(*) FROM deliveries').pluck();
    this.depthInQueueStmt = db.prepare<[string], number>('SELECT count(*) FROM deliveries WHERE queue = ?').pluck();
    this.dueCountStmt = db
      .prepare<[string, number], number>('SELECT count(*) FROM deliveries WHERE queue = ? AND not_before <= ?')
      .pluck();
    this.nextDueStmt = db.prepare<[], number | null>('SELECT min(not_before) FROM deliveries').pluck();
    this.nextDueInQueueStmt = db
      .prepare<[string], number | null>('SELECT min(not_before) FROM deliveries WHERE queue = ?')
      .pluck();
    this.purgeStmt = db.prepare('DELETE FROM deliveries WHERE queue = ?');
  }

  lease(options: { queue?: string; limit: number; now: number; leaseMs: number }): Promise<Delivery[]> {
    const { queue, now, leaseMs } = options;
    const limit = sqlLimit(options.limit);
    return this.writer.submit(() => {
      const rows = queue === undefined ? this.dueStmt.all(now, limit) : this.dueInQueueStmt.all(queue, now, limit);
      const until = now + leaseMs;
      return rows.map((row) => {
        this.leaseStmt.run(until, row.seq);
        return toDelivery({ ...row, attempts: row.attempts + 1, not_before: until });
      });
    });
  }

  reschedule(id: string, notBefore: number, lastError?: string): Promise<boolean> {
    const seq = deliverySeq(id);
    if (seq === undefined) return Promise.resolve(false);
    return this.writer.submit(() => this.rescheduleStmt.run(notBefore, lastError ?? null, seq).changes > 0);
  }

  async get(id: string): Promise<Delivery | undefined> {
    const seq = deliverySeq(id);
    const row = seq === undefined ? undefined : this.getStmt.get(seq);
    return row ? toDelivery(row) : undefined;
  }

  async peek(queue: string, limit: number): Promise<Delivery[]> {
    return this.peekStmt.all(queue, sqlLimit(limit)).map(toDelivery);
  }

  async depth(queue?: string): Promise<number> {
    return (queue === undefined ? this.depthStmt.get() : this.depthInQueueStmt.get(queue)) ?? 0;
  }

  async dueCount(queue: string, now: number): Promise<number> {
    return this.dueCountStmt.get(queue, now) ?? 0;
  }

  async nextDue(queue?: string): Promise<number | undefined> {
    const min = queue === undefined ? this.nextDueStmt.get() : this.nextDueInQueueStmt.get(queue);
    return min ?? undefined;
  }

  purge(queue: string): Promise<number> {
    return this.writer.submit(() => this.purgeStmt.run(queue).changes);
  }

  /** Inside a commit: enqueue and return the new id. */
  enqueue(delivery: NewDelivery, now: number): string {
    const meta = JSON.stringify(delivery.meta ?? {});
    const result = this.insertStmt.run(delivery.queue, delivery.body, meta, now, delivery.notBefore ?? now);
    return String(result.lastInsertRowid);
  }

  /** Inside a commit: remove an acknowledged delivery. Unknown ids are ignored (acks may repeat). */
  ack(id: string): void {
    const seq = deliverySeq(id);
    if (seq !== undefined) this.deleteStmt.run(seq);
  }
}
