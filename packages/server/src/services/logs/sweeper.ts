import type { Logger } from 'pino';
import { PeriodicTask, type Clock } from '../../core/index.js';
import type { LogGroupRecord } from './model.js';
import { lastPositionBefore, POSITION_DIGITS } from './positions.js';
import { retentionCutoff } from './retention.js';
import { tables, type LogsStore, type PurgeRecord } from './store.js';

const TOP = '9'.repeat(POSITION_DIGITS + 1);
/** Deletes per commit: bounded so a big purge never holds the writer long. */
const CHUNK = 2000;

/**
 * Background upkeep: removes the events of deleted groups and streams, and events past their
 * group's retention. Each pass is bounded and resumable; `stop()` waits for the pass under way.
 */
export class LogsSweeper {
  private readonly task: PeriodicTask;

  constructor(
    private readonly store: LogsStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    intervalMs = 60_000,
  ) {
    this.task = new PeriodicTask(() => this.sweep(), { intervalMs, firstDelayMs: 1000, onError: (err) => this.logger.error({ err }, 'logs: sweep failed') });
  }

  private get stopped(): boolean {
    return this.task.stopped;
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One full pass (tests call it directly). */
  async sweep(): Promise<{ purged: number; expired: number }> {
    return { purged: await this.purgeDeleted(), expired: await this.expireByRetention() };
  }

  private async purgeDeleted(): Promise<number> {
    let removed = 0;
    const purges = await this.store.storage.metadata.list<PurgeRecord>(tables.purges, {});
    for (const p of purges) {
      if (this.stopped) break;
      if (p.value.kind === 'stream' && p.value.streamId) {
        removed += await this.drainStream(p.value.groupId, p.value.streamId);
      } else {
        for (;;) {
          const streams = await this.store.streams(p.value.groupId, { limit: 100 });
          if (streams.length === 0 || this.stopped) break;
          for (const s of streams) {
            removed += await this.drainStream(s.groupId, s.id);
            await this.store.storage.commit({ writes: [{ op: 'delete', table: tables.streams, key: `${s.groupId}/${s.name}` }] });
          }
        }
      }
      if (!this.stopped) await this.store.storage.commit({ writes: [{ op: 'delete', table: tables.purges, key: p.key }] });
    }
    return removed;
  }

  private async drainStream(groupId: string, streamId: string): Promise<number> {
    let total = 0;
    for (let n = CHUNK; n > 0 && !this.stopped; ) {
      n = await this.store.deleteStreamEvents(groupId, streamId, TOP, CHUNK);
      total += n;
    }
    return total;
  }

  private async expireByRetention(): Promise<number> {
    let removed = 0;
    let after: string | undefined;
    for (;;) {
      const groups = await this.store.storage.metadata.list<LogGroupRecord>(tables.groups, { startAfter: after, limit: 500 });
      for (const g of groups.map((i) => i.value)) {
        if (g.retentionInDays === undefined || this.stopped) continue;
        const upTo = lastPositionBefore(retentionCutoff(this.clock.now(), g.retentionInDays));
        for (let n = CHUNK; n > 0 && !this.stopped; ) {
          n = await this.store.deleteGroupEvents(g.id, upTo, CHUNK);
          removed += n;
        }
      }
      if (groups.length < 500) break;
      after = groups[groups.length - 1]!.key;
    }
    if (removed) this.logger.info({ removed }, 'logs: events past retention removed');
    return removed;
  }
}
