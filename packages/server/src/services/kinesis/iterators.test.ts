import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeIterator, encodeIterator, expiry, javaDate } from './iterators.js';
import { TRIM_HORIZON_POSITION } from './sequence-numbers.js';

describe('shard iterators', () => {
  const iterator = { streamId: 'ab12', streamName: 'orders', shardIndex: 3, after: TRIM_HORIZON_POSITION, issuedAt: Date.UTC(2026, 0, 1) };

  it('round-trip and stay under the 512-character limit', () => {
    const text = encodeIterator({ ...iterator, streamName: 'x'.repeat(128) });
    assert.ok(text.length <= 512);
    assert.deepEqual(decodeIterator(encodeIterator(iterator)), iterator);
  });

  it('reject what they did not issue', () => {
    assert.equal(decodeIterator('not-an-iterator'), undefined);
    assert.equal(decodeIterator(Buffer.from('1|zz|1|2|3|n').toString('base64')), undefined);
  });

  it('expire after five minutes with AWS wording', () => {
    assert.equal(expiry(iterator, iterator.issuedAt + 300_000), undefined);
    assert.equal(
      expiry(iterator, iterator.issuedAt + 300_001),
      'Iterator expired. The iterator was created at time Thu Jan 01 00:00:00 UTC 2026 while right now it is Thu Jan 01 00:05:00 UTC 2026 which is further in the future than the tolerated delay of 300000 milliseconds.',
    );
    assert.equal(javaDate(Date.UTC(2026, 1, 3, 4, 5, 6)), 'Tue Feb 03 04:05:06 UTC 2026');
  });
});
