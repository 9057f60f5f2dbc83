import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ShardThrottle } from './throughput.js';

describe('shard throttle', () => {
  it('admits up to the per-second record and byte limits, then resets', () => {
    const t = new ShardThrottle({ recordsPerSecond: 2, bytesPerSecond: 10 });
    assert.equal(t.admit('s', 4, 0), true);
    assert.equal(t.admit('s', 4, 10), true);
    assert.equal(t.admit('s', 1, 20), false, 'third record in the second');
    assert.equal(t.admit('other', 10, 20), true, 'shards are independent');
    assert.equal(t.admit('other', 1, 30), false, 'bytes over the limit');
    assert.equal(t.admit('s', 4, 1000), true, 'a new second');
  });
});
