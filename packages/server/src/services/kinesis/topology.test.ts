import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAwsError } from '../../errors/index.js';
import { MAX_HASH_KEY } from './hash-keys.js';
import { shardIdOf } from './model.js';
import { initialShards, isOpen, mergeShards, rangeOf, reshard, splitShard } from './topology.js';

const tick = { ms: 1000, sub: 0 };
const later = { ms: 2000, sub: 0 };
const label = { stream: 's', accountId: '123456789012' };

function openRanges(t: ReturnType<typeof initialShards>): [bigint, bigint][] {
  return t.shards.filter(isOpen).map((s) => [rangeOf(s).start, rangeOf(s).end] as [bigint, bigint]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

function coversKeySpace(t: ReturnType<typeof initialShards>): void {
  const ranges = openRanges(t);
  assert.equal(ranges[0]![0], 0n);
  assert.equal(ranges[ranges.length - 1]![1], MAX_HASH_KEY);
  for (let i = 1; i < ranges.length; i++) assert.equal(ranges[i]![0], ranges[i - 1]![1] + 1n);
}

describe('shard topology', () => {
  it('splits a shard into two children that record their parent', () => {
    const t = splitShard(initialShards(1, tick, 1), label, shardIdOf(0), 1000n, later, 2);
    assert.equal(t.shards.length, 3);
    assert.equal(t.nextShardIndex, 3);
    assert.ok(t.shards[0]!.endSeq && t.shards[0]!.endSeq > t.shards[0]!.startSeq);
    assert.deepEqual(openRanges(t), [[0n, 999n], [1000n, MAX_HASH_KEY]]);
    assert.deepEqual(t.shards.slice(1).map((s) => s.parent), [0, 0]);
    coversKeySpace(t);
  });

  it('refuses a split key outside the shard, and closed shards', () => {
    const t = initialShards(2, tick, 1);
    assert.throws(() => splitShard(t, label, shardIdOf(0), 0n, later, 2), (e: unknown) => isAwsError(e) && e.code === 'InvalidArgumentException');
    const split = splitShard(t, label, shardIdOf(0), 5n, later, 2);
    assert.throws(() => splitShard(split, label, shardIdOf(0), 3n, later, 2), /has already been merged or split/);
    assert.throws(() => splitShard(split, label, shardIdOf(9), 3n, later, 2), (e: unknown) => isAwsError(e) && e.code === 'ResourceNotFoundException');
  });

  it('merges adjacent shards only', () => {
    const t = initialShards(3, tick, 1);
    assert.throws(() => mergeShards(t, label, shardIdOf(0), shardIdOf(2), later, 2), /Shards shardId-000000000000 and shardId-000000000002 in stream s under account 123456789012 are not an adjacent pair/);
    const merged = mergeShards(t, label, shardIdOf(1), shardIdOf(0), later, 2);
    const child = merged.shards[3]!;
    assert.deepEqual([child.parent, child.adjacentParent], [1, 0]);
    assert.equal(merged.shards.filter(isOpen).length, 2);
    coversKeySpace(merged);
  });

  it('reshards uniformly, children pointing at overlapping parents', () => {
    const up = reshard(initialShards(2, tick, 1), 4, later, 2);
    assert.equal(up.shards.filter(isOpen).length, 4);
    assert.deepEqual(up.shards.filter(isOpen).map((s) => s.parent), [0, 0, 1, 1]);
    coversKeySpace(up);
    const down = reshard(up, 1, { ms: 3000, sub: 0 }, 3);
    assert.deepEqual(down.shards.filter(isOpen).map((s) => [s.parent, s.adjacentParent]), [[2, 3]]);
    coversKeySpace(down);
  });
});
