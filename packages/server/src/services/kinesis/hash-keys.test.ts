import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evenRanges, hashKeyOf, MAX_HASH_KEY, parseHashKey, rangeFor } from './hash-keys.js';

describe('Kinesis hash keys', () => {
  it('hash a partition key with MD5 as a 128-bit unsigned integer', () => {
    // md5("a") = 0cc175b9c0f1b6a831c399e269772661
    assert.equal(hashKeyOf('a'), 0x0cc175b9c0f1b6a831c399e269772661n);
    assert.equal(hashKeyOf(''), 0xd41d8cd98f00b204e9800998ecf8427en);
  });

  it('lay shards out as AWS does', () => {
    assert.deepEqual(evenRanges(1), [{ start: 0n, end: MAX_HASH_KEY }]);
    assert.deepEqual(
      evenRanges(2).map((r) => [r.start.toString(), r.end.toString()]),
      [
        ['0', '170141183460469231731687303715884105727'],
        ['170141183460469231731687303715884105728', '340282366920938463463374607431768211455'],
      ],
    );
    assert.deepEqual(
      evenRanges(3).map((r) => [r.start.toString(), r.end.toString()]),
      [
        ['0', '113427455640312821154458202477256070484'],
        ['113427455640312821154458202477256070485', '226854911280625642308916404954512140969'],
        ['226854911280625642308916404954512140970', '340282366920938463463374607431768211455'],
      ],
    );
  });

  it('cover the key space without gaps or overlaps', () => {
    for (const n of [1, 2, 3, 7, 64]) {
      const ranges = evenRanges(n);
      assert.equal(ranges[0]!.start, 0n);
      assert.equal(ranges[n - 1]!.end, MAX_HASH_KEY);
      for (let i = 1; i < n; i++) assert.equal(ranges[i]!.start, ranges[i - 1]!.end + 1n);
    }
  });

  it('route a key to the range that holds it', () => {
    const shards = evenRanges(4).map((range, i) => ({ id: i, range }));
    assert.equal(rangeFor(shards, 0n)?.id, 0);
    assert.equal(rangeFor(shards, MAX_HASH_KEY)?.id, 3);
    assert.equal(rangeFor(shards, hashKeyOf('a'))?.id, 0);
  });

  it('accept explicit hash keys only inside the key space', () => {
    assert.equal(parseHashKey('0'), 0n);
    assert.equal(parseHashKey(MAX_HASH_KEY.toString()), MAX_HASH_KEY);
    assert.equal(parseHashKey((MAX_HASH_KEY + 1n).toString()), undefined);
    assert.equal(parseHashKey('-1'), undefined);
  });
});
