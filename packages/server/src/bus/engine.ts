import type { Logger } from 'pino';
import type { Clock, IdSource } from '../core/index.js';
import type { JournalAppend, Storage } from '../storage/index.js';
import { EventBusTarget } from '../targets/event-bus.js';
import type { Target } from '../targets/index.js';
import { SqsTarget, type SqsSender } from '../targets/sqs.js';
import { UnsupportedTarget } from '../targets/unsupported.js';
import { BusCatalog } from './catalog.js';
import { DeliveryWorker } from './delivery-worker.js';
import { QueueDepths } from './depth.js';
import { Matcher } from './matcher.js';
import { ExpressLane } from './express.js';
import type { AttemptDeps } from './delivery-attempt.js';
import { ArchiveStats } from './archive-stats.js';
import { Replayer } from './replayer.js';
import { BusMetrics } from './metrics.js';
import { mayPutEvents } from './policy.js';
import { targetQueue } from './records.js';
import { Scheduler } from './scheduler.js';

/** The bus's tunables (the `events` section of Bosun's config). */
export interface BusSettings {
  maxEventSizeBytes: number;
  maxQueueDepthPerTarget: number;
  maxInFlight: number;
  maxInFlightPerTarget: number;
  deliveryTimeoutMs: number;
  matcherBatchSize: number;
  journalRetentionMs: number;
  /** Attempt deliveries straight from the matcher when the target has nothing queued. */
  directDelivery: boolean;
}

export const defaultBusSettings: BusSettings = {
  maxEventSizeBytes: 1024 * 1024,
  maxQueueDepthPerTarget: 100_000,
  maxInFlight: 1024,
  maxInFlightPerTarget: 64,
  deliveryTimeoutMs: 30_000,
  matcherBatchSize: 512,
  journalRetentionMs: 300_000,
  directDelivery: true,
};

export interface BusEngineOptions {
  storage: Storage;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  settings?: Partial<BusSettings>;
  /** The SQS service, for SQS targets and dead-letter queues (resolved per use). */
  sqs?: () => SqsSender | undefined;
  /** Extra target kinds (log groups, streams, …), tried before the built-in ones. */
  targets?: Target[];
  random?: () => number;
}

/**
 * The durable event bus: journal → matcher → per-target delivery queues → worker (retries,
 * backoff, DLQ). `open` rebuilds the in-memory catalog from storage, so after a restart the
 * matcher resumes at its cursor and pending deliveries resume from their queues.
 */
export class BusEngine {
  readonly catalog: BusCatalog;
  readonly metrics = new BusMetrics();
  readonly depths = new QueueDepths();
  readonly matcher: Matcher;
  readonly worker: DeliveryWorker;
  readonly scheduler: Scheduler;
  readonly replayer: Replayer;
  readonly archiveStats = new ArchiveStats();
  readonly settings: BusSettings;
  private started = false;

  private constructor(
    private readonly o: BusEngineOptions,
    catalog: BusCatalog,
  ) {
    this.catalog = catalog;
    this.settings = { ...defaultBusSettings, ...o.settings };
    const sqs = o.sqs ?? (() => undefined);
    const targets: Target[] = [
      ...(o.targets ?? []),
      new SqsTarget(sqs),
      new EventBusTarget({
        busExists: (arn) => this.catalog.busExists(arn),
        mayPutEvents: (arn, account) => mayPutEvents(this.catalog.bus(arn), arn, account),
        append: async (arn, event) => {
          await this.append([{ stream: arn, body: event }]);
        },
      }),
      new UnsupportedTarget(),
    ];
    const s = this.settings;
    const attempts: AttemptDeps = {
      catalog,
      targets,
      metrics: this.metrics,
      clock: o.clock,
      random: o.random ?? Math.random,
      logger: o.logger,
      sqs,
      attemptTimeoutMs: s.deliveryTimeoutMs,
    };
    this.matcher = new Matcher({
      storage: o.storage,
      catalog,
      metrics: this.metrics,
      depths: this.depths,
      archiveStats: this.archiveStats,
      clock: o.clock,
      logger: o.logger,
      replayRoute: (arn) => this.replayer.route(arn),
      onDeliveries: (queues) => this.worker.wake(queues),
      batchSize: s.matcherBatchSize,
      maxQueueDepth: s.maxQueueDepthPerTarget,
      express: s.directDelivery ? new ExpressLane({ deps: attempts, timeoutMs: Math.min(2000, s.deliveryTimeoutMs) }) : undefined,
      expressPerTarget: s.maxInFlightPerTarget,
      pollMs: 250,
      journalRetentionMs: s.journalRetentionMs,
    });
    this.worker = new DeliveryWorker({
      ...attempts,
      storage: o.storage,
      depths: this.depths,
      maxInFlight: s.maxInFlight,
      maxInFlightPerTarget: s.maxInFlightPerTarget,
      leaseMs: s.deliveryTimeoutMs * 2,
      sweepMs: 1000,
      ackBatch: 256,
    });
    this.scheduler = new Scheduler({
      storage: o.storage,
      catalog,
      clock: o.clock,
      ids: o.ids,
      logger: o.logger,
      onTicks: () => this.matcher.wake(),
      graceMs: 60_000,
      maxSleepMs: 1000,
    });
    this.replayer = new Replayer({ storage: o.storage, clock: o.clock, logger: o.logger, onEvents: () => this.matcher.wake(), batchSize: 256, pollMs: 1000 });
  }

  static async open(o: BusEngineOptions): Promise<BusEngine> {
    const engine = new BusEngine(o, await BusCatalog.load(o.storage.metadata));
    await engine.scheduler.load();
    await engine.replayer.load();
    await engine.archiveStats.load(o.storage.metadata);
    for (const rule of engine.catalog.allRules()) {
      for (const t of rule.targets) {
        const queue = targetQueue(rule.arn, t.Id);
        engine.depths.seed(queue, await o.storage.deliveries.depth(queue));
      }
    }
    return engine;
  }

  get storage(): Storage {
    return this.o.storage;
  }

  /** Journal events durably, then let the matcher know. */
  async append(events: JournalAppend[]): Promise<number[]> {
    if (events.length === 0) return [];
    const { eventSeqs } = await this.o.storage.commit({ events });
    this.matcher.wake();
    return eventSeqs;
  }

  /** Forget a target's pending deliveries (RemoveTargets, DeleteRule). */
  async purgeTarget(ruleArn: string, targetId: string): Promise<void> {
    const queue = targetQueue(ruleArn, targetId);
    await this.o.storage.deliveries.purge(queue);
    this.depths.reset(queue);
    this.metrics.forgetTarget(ruleArn, targetId);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.matcher.start();
    this.worker.start();
    this.scheduler.start();
    this.replayer.start();
  }

  async stop(): Promise<void> {
    await this.scheduler.stop();
    await this.replayer.stop();
    await this.matcher.stop();
    await this.worker.stop();
  }
}
