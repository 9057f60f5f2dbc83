export type * from '../../wire/models/kinesis.types.js';

/** One shard as stored inside its stream's record. */
export interface ShardRecord {
  index: number;
  parent?: number;
  adjacentParent?: number;
  /** Inclusive hash key range, as decimal strings (JSON has no bigint). */
  startHash: string;
  endHash: string;
  startSeq: string;
  /** Set when the shard was closed by a split, merge or reshard. */
  endSeq?: string;
  createdAt: number;
  closedAt?: number;
}

/** A stream as stored (`kinesis.streams`, keyed `<account>:<region>:<name>`). */
export interface StreamRecord {
  name: string;
  accountId: string;
  region: string;
  /** Unique per creation: record keys hang off it, so a re-created stream starts empty. */
  id: string;
  createdAt: number;
  mode: 'PROVISIONED' | 'ON_DEMAND';
  retentionHours: number;
  tags: Record<string, string>;
  shards: ShardRecord[];
  nextShardIndex: number;
}

/** A record as stored (`kinesis.records`, keyed `<streamId>/<shard>/<sequence number>`). */
export interface StoredRecord {
  /** Data, base64. */
  d: string;
  /** Partition key. */
  k: string;
}

export interface Scope {
  accountId: string;
  region: string;
}

export function shardIdOf(index: number): string {
  return `shardId-${String(index).padStart(12, '0')}`;
}

export function shardIndexOf(shardId: string): number | undefined {
  const m = /^shardId-(\d{1,12})$/.exec(shardId);
  return m ? Number(m[1]) : undefined;
}

export function streamArn(scope: Scope, name: string): string {
  return `arn:aws:kinesis:${scope.region}:${scope.accountId}:stream/${name}`;
}

export function parseStreamArn(arn: string): (Scope & { name: string }) | undefined {
  const m = /^arn:aws[a-z-]*:kinesis:([^:]+):(\d{12}):stream\/([a-zA-Z0-9_.-]+)$/.exec(arn);
  return m ? { region: m[1]!, accountId: m[2]!, name: m[3]! } : undefined;
}
