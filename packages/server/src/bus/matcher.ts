import type { Logger } from 'pino';
import type { Clock } from '../core/index.js';
import type { JournalAppend, NewDelivery, Storage } from '../storage/index.js';
import type { ArchiveStats } from './archive-stats.js';
import type { BusCatalog } from './catalog.js';
import type { ExpressLane } from './express.js';
import type { QueueDepths } from './depth.js';
import { fanOut, streamKind, type ReplayRoute } from './fanout.js';
import type { BusMetrics } from './metrics.js';
import { matcherConsumer } from './records.js';
import { Signal } from './signal.js';

export interface MatcherOptions {
  storage: Storage;
  catalog: BusCatalog;
  metrics: BusMetrics;
  depths: QueueDepths;
  archiveStats: ArchiveStats;
  clock: Clock;
  logger: Logger;
  replayRoute: (replayArn: string) => ReplayRoute | undefined;
  /** Called after a commit with the queues that got new deliveries. */
  onDeliveries: (queues: Set<string>) => void;
  /** Journal records read and fanned out per commit. */
  batchSize: number;
  /** Pending deliveries one target may have; beyond it new matches for that target are dropped (ThrottledRules). */
  maxQueueDepth: number;
  /** Direct delivery for targets with nothing queued (undefined: always queue). */
  express?: ExpressLane;
  /** Direct attempts per target per batch; the rest are queued. */
  expressPerTarget: number;
  /** Poll interval when nothing signalled new events (events appended by other writers). */
  pollMs: number;
  /** Consumed journal records older than this are trimmed. */
  journalRetentionMs: number;
}

/**
 * The journal consumer: reads events after its cursor, matches them against the rules of their
 * bus, and commits the per-target deliveries, archive copies and the cursor move in one batch —
 * so after a crash it resumes exactly where the last commit left it (at-least-once, never lost).
 */
export class Matcher {
  private cursor: number | undefined;
  private readonly signal = new Signal();
  private loop: Promise<void> | undefined;
  private stopping = false;
  private readonly streams = new Set<string>();
  private lastTrim = 0;
  private throttleLoggedAt = 0;

  constructor(private readonly o: MatcherOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.signal.notify();
    await this.loop;
  }

  /** New events were appended (PutEvents, a scheduled tick, a replay). */
  wake(): void {
    this.signal.notify();
  }

  /** Consume everything in the journal now (tests). Returns the number of records read. */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.runOnce(); n > 0; n = await this.runOnce()) total += n;
    return total;
  }

  /** Read and fan out one batch; returns how many records it consumed. */
  async runOnce(): Promise<number> {
    const o = this.o;
    this.cursor ??= await o.storage.journal.cursor(matcherConsumer);
    const records = await o.storage.journal.read(this.cursor, o.batchSize);
    if (records.length === 0) return 0;
    const deliveries: NewDelivery[] = [];
    const archived: JournalAppend[] = [];
    const queues = new Set<string>();
    const express = new Map<string, NewDelivery[]>();
    const now = o.clock.now();
    for (const record of records) {
      if (streamKind(record.stream) === 'other') continue;
      this.streams.add(record.stream);
      let out;
      try {
        out = fanOut(record, o.catalog, o.replayRoute);
      } catch (e) {
        // A record the matcher cannot read (not JSON) must not stop the journal behind it.
        o.logger.error({ err: e, seq: record.seq, stream: record.stream }, 'matcher: unreadable journal record skipped');
        continue;
      }
      for (const a of out.archived) {
        archived.push(a);
        o.archiveStats.add(a.stream, Buffer.byteLength(a.body, 'utf8'));
      }
      for (const rule of out.rules) {
        o.metrics.rule(rule.arn, 'MatchedEvents', now);
        o.metrics.rule(rule.arn, 'TriggeredRules', now);
      }
      for (const d of out.deliveries) {
        if (o.depths.get(d.queue) >= o.maxQueueDepth) {
          this.throttled(d, out.eventId);
          continue;
        }
        const direct = express.get(d.queue);
        if (o.express && o.depths.get(d.queue) === 0 && (direct?.length ?? 0) < o.expressPerTarget) {
          if (direct) direct.push(d);
          else express.set(d.queue, [d]);
        } else deliveries.push(d);
      }
    }
    if (o.express && express.size) deliveries.push(...(await o.express.deliver(express, now)));
    for (const d of deliveries) {
      o.depths.add(d.queue);
      queues.add(d.queue);
    }
    const last = records[records.length - 1]!.seq;
    try {
      await o.storage.commit({ deliveries, events: archived, writes: o.archiveStats.takeWrites(), cursors: [{ consumer: matcherConsumer, seq: last }] });
    } catch (e) {
      for (const d of deliveries) o.depths.remove(d.queue);
      throw e;
    }
    this.cursor = last;
    if (queues.size) o.onDeliveries(queues);
    return records.length;
  }

  private throttled(d: NewDelivery, eventId: string): void {
    const ruleArn = String(d.meta?.ruleArn);
    this.o.metrics.rule(ruleArn, 'ThrottledRules', this.o.clock.now());
    const now = this.o.clock.now();
    if (now - this.throttleLoggedAt > 10_000) {
      this.throttleLoggedAt = now;
      this.o.logger.warn({ queue: d.queue, eventId, maxQueueDepth: this.o.maxQueueDepth }, 'event dropped for a target whose delivery queue is full (ThrottledRules)');
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let n = 0;
      try {
        n = await this.runOnce();
        await this.maybeTrim();
      } catch (e) {
        this.o.logger.error({ err: e }, 'matcher: batch failed; retrying');
        await this.signal.wait(this.o.pollMs);
      }
      if (n === 0 && !this.stopping) await this.signal.wait(this.o.pollMs);
    }
  }

  /** Drop consumed records of the streams this matcher reads (archives keep their own copies). */
  private async maybeTrim(): Promise<void> {
    const now = this.o.clock.now();
    if (now - this.lastTrim < 30_000 || this.cursor === undefined) return;
    this.lastTrim = now;
    const [next] = await this.o.storage.journal.read(this.cursor, 1);
    // Everything appended before the oldest unconsumed record has been consumed.
    const consumedBefore = next ? next.appendedAt : now;
    const before = Math.min(consumedBefore, now - this.o.journalRetentionMs);
    for (const stream of this.streams) await this.o.storage.journal.trim(stream, before);
    await this.trimArchives(now);
  }

  /** Archives keep events for RetentionDays (0 = forever). */
  async trimArchives(now: number): Promise<void> {
    let trimmed = false;
    for (const archive of this.o.catalog.allArchives()) {
      if (archive.retentionDays <= 0) continue;
      const n = await this.o.storage.journal.trim(archive.arn, now - archive.retentionDays * 86_400_000);
      if (n > 0) {
        this.o.archiveStats.removed(archive.arn, n);
        trimmed = true;
      }
    }
    if (trimmed) await this.o.storage.commit({ writes: this.o.archiveStats.takeWrites() });
  }
}
