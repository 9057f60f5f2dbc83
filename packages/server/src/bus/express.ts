import type { Delivery, NewDelivery } from '../storage/index.js';
import { Deadlines } from './deadline.js';
import { attemptDelivery, type AttemptDeps, type AttemptResult } from './delivery-attempt.js';
import type { DeliveryMeta } from './records.js';

export interface ExpressOptions {
  deps: AttemptDeps;
  /** How long the matcher waits for a direct attempt before queueing the delivery instead. */
  timeoutMs: number;
}

/**
 * The matcher's direct path: a delivery to a target with nothing queued is attempted at once,
 * before the journal cursor moves; only what did not succeed becomes a queued delivery (retries,
 * backoff, DLQ as usual). A crash before the cursor commit re-reads the events and delivers them
 * again — at-least-once, as with queued deliveries — while the common case costs no queue writes.
 */
export class ExpressLane {
  private readonly deadlines = new Deadlines();

  constructor(private readonly o: ExpressOptions) {}

  /**
   * Attempt the deliveries, grouped by target queue; returns those that must be queued (with the
   * attempt counted). Targets run side by side; a FIFO queue's deliveries go one after another
   * so they keep their order.
   */
  async deliver(byQueue: ReadonlyMap<string, readonly NewDelivery[]>, now: number): Promise<NewDelivery[]> {
    const groups = await Promise.all(
      [...byQueue].map(async ([queue, list]) => {
        if (!queue.endsWith('.fifo')) return Promise.all(list.map((d) => this.one(d, now)));
        const out: (NewDelivery | undefined)[] = [];
        for (const d of list) out.push(await this.one(d, now));
        return out;
      }),
    );
    return groups.flat().filter((d): d is NewDelivery => d !== undefined);
  }

  private async one(d: NewDelivery, now: number): Promise<NewDelivery | undefined> {
    const meta = (d.meta ?? {}) as unknown as DeliveryMeta;
    const attempt: Delivery = { id: `express:${meta.eventId}`, queue: d.queue, body: d.body, meta: { ...d.meta }, attempts: 1, enqueuedAt: now, notBefore: now, seq: 0 };
    const result = await this.deadlines.race<AttemptResult | 'timeout'>(attemptDelivery(attempt, this.o.deps), this.o.timeoutMs, () => 'timeout');
    const queued = { ...d, meta: { ...d.meta, priorAttempts: 1 } };
    // Still running: queue it now; should the attempt still succeed the event arrives twice.
    if (result === 'timeout') return queued;
    if (result.kind === 'ack') return undefined;
    return { ...queued, notBefore: result.at };
  }
}
