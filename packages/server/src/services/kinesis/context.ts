import type { Logger } from 'pino';
import type { Clock, IdSource } from '../../core/index.js';
import type { MetadataWrite, Storage } from '../../storage/index.js';
import type { RequestContext } from '../provider.js';
import { StreamCatalog, streamKey, tables } from './catalog.js';
import { invalidArgument, messages, streamNotFound } from './errors.js';
import { parseStreamArn, type Scope, type StreamRecord } from './model.js';
import type { SequenceClock } from './sequence-numbers.js';
import type { ShardThrottle } from './throughput.js';

/** Settings an operator may change (bosun serve wires defaults). */
export interface KinesisSettings {
  /** Open shards per account and region (AWS's default quota is 500 in most regions). */
  shardLimit: number;
  /** Shards an on-demand stream starts with. */
  onDemandShards: number;
}

export const defaultKinesisSettings: KinesisSettings = { shardLimit: 500, onDemandShards: 4 };

/** What every Kinesis operation works with. */
export interface KinesisContext {
  storage: Storage;
  catalog: StreamCatalog;
  clock: Clock;
  ids: IdSource;
  ticks: SequenceClock;
  logger: Logger;
  settings: KinesisSettings;
  /** Per-shard write limits; absent means no throttling. */
  throttle?: ShardThrottle;
  /** Serialises control-plane changes (create, delete, reshard, retention, tags). */
  control: { run<T>(fn: () => Promise<T>): Promise<T> };
}

export function scopeOf(ctx: RequestContext): Scope {
  return { accountId: ctx.accountId, region: ctx.region };
}

/** The stream a request names by StreamName or StreamARN. */
export function requireStream(kc: KinesisContext, ctx: RequestContext, input: { StreamName?: string; StreamARN?: string }): StreamRecord {
  const scope = scopeOf(ctx);
  let name = input.StreamName;
  if (input.StreamARN !== undefined) {
    const arn = parseStreamArn(input.StreamARN);
    if (!arn) throw invalidArgument(`StreamARN ${input.StreamARN} is invalid.`);
    if (arn.accountId !== scope.accountId || arn.region !== scope.region) throw streamNotFound(arn.name, arn.accountId);
    name = arn.name;
  }
  if (name === undefined) throw invalidArgument(messages.nameOrArn);
  const stream = kc.catalog.get(scope, name);
  if (!stream) throw streamNotFound(name, scope.accountId);
  return stream;
}

/**
 * Persist a changed stream: the catalog changes first (synchronously, so routing sees it at
 * once), then the commit; if the commit fails the catalog goes back.
 */
export async function saveStream(kc: KinesisContext, next: StreamRecord, previous: StreamRecord | undefined, extra: MetadataWrite[] = []): Promise<void> {
  kc.catalog.put(next);
  const tick = kc.ticks.current();
  try {
    await kc.storage.commit({
      writes: [{ op: 'put', table: tables.streams, key: streamKey(next, next.name), value: next }, { op: 'put', table: tables.clock, key: 'tick', value: tick }, ...extra],
    });
  } catch (e) {
    if (previous) kc.catalog.put(previous);
    else kc.catalog.delete(next);
    throw e;
  }
}
