import type { Logger } from 'pino';
import type { Clock } from '../core/index.js';
import type { Storage } from '../storage/index.js';
import type { ReplayRoute } from './fanout.js';
import { Mutex } from './mutex.js';
import { tables, type ReplayRecord } from './records.js';
import { Signal } from './signal.js';

export interface ReplayerOptions {
  storage: Storage;
  clock: Clock;
  logger: Logger;
  /** Called after replayed events were journaled. */
  onEvents: () => void;
  /** Archived events re-sent per commit. */
  batchSize: number;
  pollMs: number;
}

/** The envelope with `replay-name` added, as EventBridge marks replayed events. */
export function withReplayName(event: string, replayName: string): string {
  const end = event.lastIndexOf('}');
  return end < 0 ? event : `${event.slice(0, end)},"replay-name":${JSON.stringify(replayName)}}`;
}

const active = (r: ReplayRecord) => r.state === 'STARTING' || r.state === 'RUNNING' || r.state === 'CANCELLING';

/**
 * Replays: reads an archive's events appended in [EventStartTime, EventEndTime) and journals each
 * again on the replay's own stream, marked with `replay-name`; the matcher routes them to the
 * destination bus's rules (or the replay's FilterArns). Progress is saved with each batch, so a
 * replay resumes after a restart without sending an event twice.
 */
export class Replayer {
  private readonly replays = new Map<string, ReplayRecord>();
  private readonly signal = new Signal();
  private loop: Promise<void> | undefined;
  private stopping = false;
  /** Progress and API changes (StartReplay, CancelReplay) to one replay never interleave. */
  private readonly lock = new Mutex();

  constructor(private readonly o: ReplayerOptions) {}

  async load(): Promise<void> {
    for (const item of await this.o.storage.metadata.list<ReplayRecord>(tables.replays)) this.replays.set(item.key, item.value);
  }

  /** Where a replay's events go (for the matcher). */
  route(replayArn: string): ReplayRoute | undefined {
    const r = this.replays.get(replayArn);
    return r && { busArn: r.destination.Arn, filterArns: r.destination.FilterArns };
  }

  get(replayArn: string): ReplayRecord | undefined {
    return this.replays.get(replayArn);
  }

  all(): ReplayRecord[] {
    return [...this.replays.values()];
  }

  /** Store a new or changed replay (StartReplay, CancelReplay) and wake the loop. */
  save(replay: ReplayRecord): Promise<void> {
    return this.lock.run(async () => {
      await this.put(replay);
      this.signal.notify();
    });
  }

  private async put(replay: ReplayRecord): Promise<void> {
    await this.o.storage.commit({ writes: [{ op: 'put', table: tables.replays, key: replay.arn, value: replay }] });
    this.replays.set(replay.arn, replay);
  }

  /** Advance every active replay by one batch; returns the events journaled. */
  async runOnce(): Promise<number> {
    let total = 0;
    for (const replay of [...this.replays.values()].filter(active)) total += await this.lock.run(() => this.step(replay.arn));
    if (total) this.o.onEvents();
    return total;
  }

  private async step(arn: string): Promise<number> {
    const now = this.o.clock.now();
    const current = this.replays.get(arn);
    if (!current || !active(current)) return 0;
    if (current.state === 'CANCELLING') {
      await this.put({ ...current, state: 'CANCELLED', replayEndTime: now });
      return 0;
    }
    const records = await this.o.storage.journal.readByTime(current.eventSourceArn, current.eventStartTime, current.eventEndTime, current.cursorSeq, this.o.batchSize);
    const last = records[records.length - 1];
    const next: ReplayRecord = last
      ? { ...current, state: 'RUNNING', cursorSeq: last.seq, replayedCount: current.replayedCount + records.length, eventLastReplayedTime: last.appendedAt }
      : { ...current, state: 'COMPLETED', replayEndTime: now };
    await this.o.storage.commit({
      writes: [{ op: 'put', table: tables.replays, key: next.arn, value: next }],
      events: records.map((r) => ({ stream: next.arn, body: withReplayName(r.body, next.name) })),
    });
    this.replays.set(next.arn, next);
    if (next.state === 'COMPLETED') this.o.logger.info({ replay: next.name, events: next.replayedCount }, 'replay completed');
    return records.length;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.signal.notify();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let n = 0;
      try {
        n = await this.runOnce();
      } catch (e) {
        this.o.logger.error({ err: e }, 'replayer: batch failed');
      }
      const busy = [...this.replays.values()].some(active);
      if (!this.stopping && (n === 0 || !busy)) await this.signal.wait(busy ? 10 : this.o.pollMs);
    }
  }
}
