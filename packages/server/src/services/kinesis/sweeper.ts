import { PeriodicTask } from '../../core/index.js';
import type { MetadataWrite } from '../../storage/index.js';
import { shardPrefix, tables } from './catalog.js';
import { saveStream, type KinesisContext } from './context.js';
import { visibleShards } from './describe.js';
import type { StoredRecord } from './model.js';
import { positionBeforeTime, SEQUENCE_DIGITS } from './sequence-numbers.js';

const CHUNK = 2000;
const EVERYTHING = '9'.repeat(SEQUENCE_DIGITS);

/**
 * Background upkeep: records past their stream's retention are deleted, closed shards drop out of
 * the stream once all their records have, and deleted streams' records are removed. Passes are
 * bounded and resumable; `stop()` waits for the pass under way.
 */
export class KinesisSweeper {
  private readonly task: PeriodicTask;

  constructor(
    private readonly kc: KinesisContext,
    intervalMs = 60_000,
  ) {
    this.task = new PeriodicTask(() => this.sweep(), { intervalMs, firstDelayMs: 1000, onError: (err) => this.kc.logger.error({ err }, 'kinesis: sweep failed') });
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

  /** One pass (tests call it directly). */
  async sweep(): Promise<{ expired: number; purged: number }> {
    let expired = 0;
    const now = this.kc.clock.now();
    for (const stream of this.kc.catalog.all()) {
      const cutoff = positionBeforeTime(now - stream.retentionHours * 3_600_000);
      for (const shard of stream.shards) expired += await this.deleteUpTo(shardPrefix(stream.id, shard.index), cutoff);
      const kept = visibleShards(stream, now);
      if (kept.length !== stream.shards.length && !this.stopped) {
        await this.kc.control.run(async () => {
          const current = this.kc.catalog.get(stream, stream.name);
          if (current?.id === stream.id) await saveStream(this.kc, { ...current, shards: visibleShards(current, this.kc.clock.now()) }, current);
        });
      }
    }
    let purged = 0;
    for (const p of await this.kc.storage.metadata.list<{ streamId: string; shards: number[] }>(tables.purges)) {
      for (const index of p.value.shards) purged += await this.deleteUpTo(shardPrefix(p.value.streamId, index), EVERYTHING);
      if (!this.stopped) await this.kc.storage.commit({ writes: [{ op: 'delete', table: tables.purges, key: p.key }] });
    }
    if (expired) this.kc.logger.info({ expired }, 'kinesis: records past retention removed');
    return { expired, purged };
  }

  private async deleteUpTo(prefix: string, upTo: string): Promise<number> {
    let total = 0;
    while (!this.stopped) {
      const items = await this.kc.storage.metadata.list<StoredRecord>(tables.records, { prefix, limit: CHUNK });
      const writes: MetadataWrite[] = [];
      for (const item of items) {
        if (item.key.slice(prefix.length) > upTo) break;
        writes.push({ op: 'delete', table: tables.records, key: item.key });
      }
      if (writes.length === 0) break;
      await this.kc.storage.commit({ writes });
      total += writes.length;
      if (writes.length < items.length || items.length < CHUNK) break;
    }
    return total;
  }
}
