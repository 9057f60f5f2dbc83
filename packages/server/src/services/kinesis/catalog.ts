import type { Storage } from '../../storage/index.js';
import { rangeFor, type HashKeyRange } from './hash-keys.js';
import type { Scope, StreamRecord } from './model.js';
import { isOpen, rangeOf } from './topology.js';

export const tables = {
  streams: 'kinesis.streams',
  records: 'kinesis.records',
  /** The last sequence tick handed out, so a restart resumes above it. */
  clock: 'kinesis.clock',
  /** Streams deleted whose records are still to be removed (survives restarts). */
  purges: 'kinesis.purges',
} as const;

export function streamKey(scope: Scope, name: string): string {
  return `${scope.accountId}:${scope.region}:${name}`;
}

/** Records of one shard: `<streamId>/<shard:10>/`, then the sequence number. */
export function shardPrefix(streamId: string, shardIndex: number): string {
  return `${streamId}/${String(shardIndex).padStart(10, '0')}/`;
}

interface LiveStream {
  record: StreamRecord;
  /** Open shards with their ranges as bigints, for routing without re-parsing per record. */
  routes: { index: number; range: HashKeyRange }[];
}

/**
 * Every stream in memory (streams are few; records are not), loaded once at start. The catalog
 * is the authority for routing: PutRecords reads it and assigns sequence numbers synchronously,
 * so a split or merge can never interleave with a batch half-routed to the old shards.
 */
export class StreamCatalog {
  private readonly streams = new Map<string, LiveStream>();

  static async load(storage: Storage): Promise<StreamCatalog> {
    const catalog = new StreamCatalog();
    for (const item of await storage.metadata.list<StreamRecord>(tables.streams)) catalog.put(item.value);
    return catalog;
  }

  get(scope: Scope, name: string): StreamRecord | undefined {
    return this.streams.get(streamKey(scope, name))?.record;
  }

  put(record: StreamRecord): void {
    const routes = record.shards.filter(isOpen).map((s) => ({ index: s.index, range: rangeOf(s) }));
    this.streams.set(streamKey(record, record.name), { record, routes });
  }

  delete(record: StreamRecord): void {
    this.streams.delete(streamKey(record, record.name));
  }

  /** Streams of an account and region, by name. */
  list(scope: Scope): StreamRecord[] {
    const prefix = streamKey(scope, '');
    return [...this.streams.entries()].filter(([k]) => k.startsWith(prefix)).map(([, v]) => v.record).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  all(): StreamRecord[] {
    return [...this.streams.values()].map((s) => s.record);
  }

  /** The open shard whose range holds `hashKey`. */
  route(stream: StreamRecord, hashKey: bigint): number {
    const live = this.streams.get(streamKey(stream, stream.name));
    const hit = live && rangeFor(live.routes, hashKey);
    if (!hit) throw new Error(`no open shard of ${stream.name} holds hash key ${hashKey}`);
    return hit.index;
  }

  openShardCount(scope: Scope): number {
    return this.list(scope).reduce((n, s) => n + s.shards.filter(isOpen).length, 0);
  }
}
