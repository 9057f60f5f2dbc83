import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentDeduplicationId, DEDUP_WINDOW_MS, dedupKey, DedupWindow, SequenceNumbers } from './dedup.js';
import { decodeReceiptHandle, encodeReceiptHandle } from './receipt-handle.js';

describe('FIFO deduplication window', () => {
  it('remembers an id for 5 minutes', () => {
    const w = new DedupWindow();
    const key = dedupKey('queue', 'g', 'd');
    w.remember(key, { messageId: 'm1', sequenceNumber: '1', expiresAt: DEDUP_WINDOW_MS });
    assert.equal(w.find(key, DEDUP_WINDOW_MS - 1)?.messageId, 'm1');
    assert.equal(w.find(key, DEDUP_WINDOW_MS), undefined);
    assert.deepEqual(w.expire(DEDUP_WINDOW_MS), [key]);
    assert.equal(w.size, 0);
  });

  it('scopes ids per message group when asked', () => {
    assert.equal(dedupKey('queue', 'a', 'd'), dedupKey('queue', 'b', 'd'));
    assert.notEqual(dedupKey('messageGroup', 'a', 'd'), dedupKey('messageGroup', 'b', 'd'));
    assert.notEqual(dedupKey('messageGroup', 'a:b', 'c'), dedupKey('messageGroup', 'a', 'b:c'));
  });

  it('derives content-based ids from the body alone (SHA-256)', () => {
    assert.equal(contentDeduplicationId('hello'), '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
  });
});

describe('FIFO sequence numbers', () => {
  it('are 20 digits and strictly increasing, also within one millisecond and after a restart', () => {
    const s = new SequenceNumbers();
    const a = s.next(1000);
    const b = s.next(1000);
    assert.equal(a.length, 20);
    assert.ok(BigInt(b) > BigInt(a));
    const restarted = new SequenceNumbers();
    restarted.observe(b);
    assert.ok(BigInt(restarted.next(999)) > BigInt(b));
  });
});

describe('receipt handles', () => {
  it('round-trip and reject anything else', () => {
    const h = { queueArn: 'arn:aws:sqs:us-east-1:123456789012:q', deliveryId: '42', receive: 3, nonce: 'abcd' };
    assert.deepEqual(decodeReceiptHandle(encodeReceiptHandle(h)), h);
    for (const bad of ['', 'dummy', 'invalid-receipt-id', 'a b', Buffer.from('bsq1\nx\n1\n0\nn').toString('base64url')]) {
      assert.equal(decodeReceiptHandle(bad), undefined, bad);
    }
  });
});
