import type { Logger } from 'pino';
import type { Clock } from '../core/index.js';
import type { Delivery, Storage } from '../storage/index.js';
import type { BusCatalog } from './catalog.js';
import { attemptDelivery, type AttemptDeps } from './delivery-attempt.js';
import type { QueueDepths } from './depth.js';
import { targetQueue } from './records.js';
import { Signal } from './signal.js';

export interface DeliveryWorkerOptions extends Omit<AttemptDeps, 'catalog' | 'clock' | 'logger'> {
  storage: Storage;
  catalog: BusCatalog;
  clock: Clock;
  logger: Logger;
  depths: QueueDepths;
  /** Deliveries in flight across all targets. */
  maxInFlight: number;
  /** Deliveries in flight to one target (one rule's target). */
  maxInFlightPerTarget: number;
  /** How long a leased delivery stays invisible; must exceed attemptTimeoutMs. */
  leaseMs: number;
  /** How often every target queue is looked at again (due retries, work from before a restart). */
  sweepMs: number;
  /** Acknowledgements committed together. */
  ackBatch: number;
}

const fullSweepEvery = 30;

interface QueueRef {
  queue: string;
  inFlight: number;
  /** In-flight limit: one for FIFO queue targets, so their messages keep their order. */
  limit: number;
}

/**
 * Leases due deliveries per target queue — so no target can take more than its share of the
 * in-flight budget — runs the attempts concurrently, and commits acknowledgements in batches.
 * At-least-once: a delivery leaves its queue only after its target accepted it (or it was
 * dead-lettered); a crash before the ack makes it due again when its lease runs out.
 */
export class DeliveryWorker {
  private readonly queues = new Map<string, QueueRef>();
  private readonly dirty = new Set<string>();
  private generation = -1;
  private inFlight = 0;
  private readonly running = new Set<Promise<void>>();
  private acks: { id: string; queue: string }[] = [];
  private flushing: Promise<void> | undefined;
  private readonly signal = new Signal();
  private loop: Promise<void> | undefined;
  private stopping = false;
  private lastSweep = 0;
  private sweeps = 0;
  /** When false, the next round also takes deliveries leased by a process that died. */
  private recovered = true;

  constructor(private readonly o: DeliveryWorkerOptions) {}

  start(): void {
    if (this.loop) return;
    this.recovered = false;
    this.loop = this.run();
  }

  /** One round that also takes deliveries leased by a process that died (what `start` begins with). */
  async recover(): Promise<number> {
    this.recovered = false;
    this.markAllDirty();
    const started = await this.fill();
    await Promise.allSettled([...this.running]);
    await this.flushAcks();
    return started;
  }

  /**
   * Stop leasing, give attempts in flight a moment to finish, and commit their acks. An attempt
   * still running after `graceMs` is left to its lease: it will be delivered again (at-least-once).
   */
  async stop(graceMs = 2000): Promise<void> {
    this.stopping = true;
    this.signal.notify();
    await this.loop;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
    await this.flushAcks();
  }

  /** New work for these queues (or for all). */
  wake(queues?: Iterable<string>): void {
    if (queues) for (const q of queues) this.dirty.add(q);
    else this.markAllDirty();
    this.signal.notify();
  }

  /** Deliver everything due now, wait for it, and commit the acks (tests drive time by hand). */
  async runOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      this.markAllDirty();
      const started = await this.fill();
      await Promise.allSettled([...this.running]);
      total += started;
      if (started === 0) break;
    }
    await this.flushAcks();
    return total;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const now = this.o.clock.now();
      if (now - this.lastSweep >= this.o.sweepMs) {
        this.lastSweep = now;
        this.markAllDirty();
      }
      try {
        await this.fill();
      } catch (e) {
        this.o.logger.error({ err: e }, 'delivery worker: lease failed');
      }
      if (this.stopping) break;
      await this.signal.wait(this.o.sweepMs);
    }
  }

  private refreshQueues(): void {
    if (this.generation === this.o.catalog.generation) return;
    this.generation = this.o.catalog.generation;
    const live = new Set<string>();
    for (const rule of this.o.catalog.allRules()) {
      for (const t of rule.targets) {
        const queue = targetQueue(rule.arn, t.Id);
        live.add(queue);
        if (!this.queues.has(queue)) {
          this.queues.set(queue, { queue, inFlight: 0, limit: t.Arn.endsWith('.fifo') ? 1 : this.o.maxInFlightPerTarget });
          this.dirty.add(queue);
        }
      }
    }
    for (const [queue, ref] of this.queues) if (!live.has(queue) && ref.inFlight === 0) this.queues.delete(queue);
  }

  /**
   * Every queue with pending deliveries by the in-memory depths — or, for a recovery round and
   * every `fullSweepEvery` sweeps (should a depth ever drift), every queue.
   */
  private markAllDirty(): void {
    this.refreshQueues();
    const all = !this.recovered || this.sweeps++ % fullSweepEvery === 0;
    for (const q of this.queues.keys()) if (all || this.o.depths.get(q) > 0) this.dirty.add(q);
  }

  /**
   * Lease what the budgets allow from each dirty queue and start the attempts. The leases are
   * issued together so the store can group them into one transaction.
   */
  private async fill(): Promise<number> {
    this.refreshQueues();
    let budget = this.o.maxInFlight - this.inFlight;
    const plans: { ref: QueueRef; room: number }[] = [];
    for (const queue of this.dirty) {
      const ref = this.queues.get(queue);
      if (!ref) {
        this.dirty.delete(queue);
        continue;
      }
      const room = Math.min(ref.limit - ref.inFlight, budget);
      if (room <= 0) continue;
      budget -= room;
      plans.push({ ref, room });
    }
    if (plans.length === 0 || this.stopping) return 0;
    // Leases taken by a previous process (it crashed mid-delivery) would hold their deliveries for
    // a whole lease; the first round looks one lease ahead, so they go out at once. A retry that
    // was due within that window goes out early — a restart's only effect on backoff.
    const now = this.o.clock.now() + (this.recovered ? 0 : this.o.leaseMs);
    this.recovered = true;
    const leased = await Promise.all(plans.map((p) => this.o.storage.deliveries.lease({ queue: p.ref.queue, limit: p.room, now, leaseMs: this.o.leaseMs })));
    let started = 0;
    plans.forEach((p, i) => {
      const batch = leased[i] ?? [];
      if (batch.length < p.room) this.dirty.delete(p.ref.queue);
      for (const d of batch) this.begin(p.ref, d);
      started += batch.length;
    });
    return started;
  }

  private begin(ref: QueueRef, d: Delivery): void {
    ref.inFlight++;
    this.inFlight++;
    const p = this.attempt(d).finally(() => {
      ref.inFlight--;
      this.inFlight--;
      this.running.delete(p);
      // Room again: the queue may have more due work.
      this.dirty.add(ref.queue);
      this.signal.notify();
    });
    this.running.add(p);
  }

  private async attempt(d: Delivery): Promise<void> {
    const result = await attemptDelivery(d, { ...this.o });
    if (result.kind === 'ack') {
      this.acks.push({ id: d.id, queue: d.queue });
      if (this.acks.length >= this.o.ackBatch) void this.flushAcks();
      else if (this.acks.length === 1) setImmediate(() => void this.flushAcks());
      return;
    }
    try {
      await this.o.storage.deliveries.reschedule(d.id, result.at, result.error);
    } catch (e) {
      // The lease runs out and the delivery comes back anyway; only the backoff is lost.
      this.o.logger.error({ err: e, deliveryId: d.id }, 'delivery worker: reschedule failed');
    }
  }

  private async flushAcks(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.acks.length === 0) return;
    const batch = this.acks;
    this.acks = [];
    this.flushing = (async () => {
      try {
        await this.o.storage.commit({ acks: batch.map((a) => a.id) });
        for (const a of batch) this.o.depths.remove(a.queue);
      } catch (e) {
        this.o.logger.error({ err: e, count: batch.length }, 'delivery worker: ack commit failed; deliveries will be retried after their lease');
      } finally {
        this.flushing = undefined;
      }
    })();
    await this.flushing;
    if (this.acks.length >= this.o.ackBatch) await this.flushAcks();
  }
}
