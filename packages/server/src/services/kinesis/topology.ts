import { invalidArgument, shardNotFound } from './errors.js';
import { evenRanges, type HashKeyRange } from './hash-keys.js';
import { shardIdOf, type ShardRecord } from './model.js';
import { encodeSequence, type Tick } from './sequence-numbers.js';

/**
 * Shard topology changes, pure: each takes the current shards and returns the new list (parents
 * closed with an ending sequence number, children opened with their parents recorded), as
 * SplitShard, MergeShards and UpdateShardCount leave a stream.
 */

export interface Topology {
  shards: ShardRecord[];
  nextShardIndex: number;
}

/** Names for error messages. */
export interface StreamLabel {
  stream: string;
  accountId: string;
}

export function rangeOf(s: ShardRecord): HashKeyRange {
  return { start: BigInt(s.startHash), end: BigInt(s.endHash) };
}

export function isOpen(s: ShardRecord): boolean {
  return s.endSeq === undefined;
}

function open(index: number, range: HashKeyRange, tick: Tick, now: number, parents: number[] = []): ShardRecord {
  return {
    index,
    ...(parents[0] !== undefined ? { parent: parents[0] } : {}),
    ...(parents[1] !== undefined ? { adjacentParent: parents[1] } : {}),
    startHash: range.start.toString(),
    endHash: range.end.toString(),
    startSeq: encodeSequence(tick, index),
    createdAt: now,
  };
}

function close(s: ShardRecord, tick: Tick, now: number): ShardRecord {
  return { ...s, endSeq: encodeSequence(tick, s.index), closedAt: now };
}

export function initialShards(count: number, tick: Tick, now: number): Topology {
  return { shards: evenRanges(count).map((r, i) => open(i, r, tick, now)), nextShardIndex: count };
}

function openShard(t: Topology, shardId: string, label: StreamLabel): ShardRecord {
  const s = t.shards.find((x) => shardIdOf(x.index) === shardId);
  if (!s) throw shardNotFound(shardId, label.stream, label.accountId);
  if (!isOpen(s)) {
    throw invalidArgument(`Shard ${shardId} in stream ${label.stream} under account ${label.accountId} has already been merged or split, and thus is not eligible for merging or splitting.`);
  }
  return s;
}

/** Split one open shard at `newStart`: the first child keeps [start, newStart - 1], the second [newStart, end]. */
export function splitShard(t: Topology, label: StreamLabel, shardId: string, newStart: bigint, tick: Tick, now: number): Topology {
  const parent = openShard(t, shardId, label);
  const r = rangeOf(parent);
  if (!(newStart > r.start && newStart <= r.end)) {
    throw invalidArgument(
      `NewStartingHashKey ${newStart} used in SplitShard() on shard ${shardId} in stream ${label.stream} under account ${label.accountId} is not both greater than one plus the shard's StartingHashKey ${r.start} and less than the shard's EndingHashKey ${r.end}.`,
    );
  }
  const a = open(t.nextShardIndex, { start: r.start, end: newStart - 1n }, tick, now, [parent.index]);
  const b = open(t.nextShardIndex + 1, { start: newStart, end: r.end }, tick, now, [parent.index]);
  return { shards: [...t.shards.map((s) => (s === parent ? close(s, tick, now) : s)), a, b], nextShardIndex: t.nextShardIndex + 2 };
}

/** Merge two open shards whose ranges touch into one child. */
export function mergeShards(t: Topology, label: StreamLabel, shardId: string, adjacentId: string, tick: Tick, now: number): Topology {
  const first = openShard(t, shardId, label);
  const second = openShard(t, adjacentId, label);
  const [lo, hi] = rangeOf(first).start < rangeOf(second).start ? [first, second] : [second, first];
  if (rangeOf(lo).end + 1n !== rangeOf(hi).start) {
    throw invalidArgument(`Shards ${shardId} and ${adjacentId} in stream ${label.stream} under account ${label.accountId} are not an adjacent pair of shards eligible for merging`);
  }
  const child = open(t.nextShardIndex, { start: rangeOf(lo).start, end: rangeOf(hi).end }, tick, now, [first.index, second.index]);
  return { shards: [...t.shards.map((s) => (s === first || s === second ? close(s, tick, now) : s)), child], nextShardIndex: t.nextShardIndex + 1 };
}

/**
 * UNIFORM_SCALING to `target` open shards: every open shard closes and `target` even shards open,
 * each recording the (up to two) old shards its range overlaps as parents.
 */
export function reshard(t: Topology, target: number, tick: Tick, now: number): Topology {
  const before = t.shards.filter(isOpen);
  const children = evenRanges(target).map((r, i) => {
    const parents = before.filter((p) => rangeOf(p).start <= r.end && r.start <= rangeOf(p).end).map((p) => p.index);
    return open(t.nextShardIndex + i, r, tick, now, parents);
  });
  return { shards: [...t.shards.map((s) => (isOpen(s) ? close(s, tick, now) : s)), ...children], nextShardIndex: t.nextShardIndex + target };
}
