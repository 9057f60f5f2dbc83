import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FifoIndex } from './fifo-index.js';
import type { IndexedMessage, MessageIndex } from './message-index.js';
import { StandardIndex } from './standard-index.js';

let order = 0;
function msg(id: string, visibleAt = 0, groupId?: string): IndexedMessage {
  order += 1;
  return { id, messageId: `m-${id}`, order, sentAt: 0, groupId, visibleAt, receiveCount: 0, version: 0 };
}
const deliver = () => 'deliver' as const;
const ids = (index: MessageIndex, now: number, max = 10, visibilityMs = 30_000) => index.take(now, max, visibilityMs, deliver).delivered.map((m) => m.id);

describe('standard queue index', () => {
  it('hands out visible messages in arrival order and hides them for the visibility timeout', () => {
    const index = new StandardIndex();
    for (const id of ['a', 'b', 'c']) index.add(msg(id));
    assert.deepEqual(ids(index, 1000, 2), ['a', 'b']);
    assert.deepEqual(ids(index, 1000), ['c']);
    assert.deepEqual(ids(index, 30_999), []);
    assert.deepEqual(ids(index, 31_000), ['a', 'b', 'c']);
    assert.equal(index.get('a')?.receiveCount, 2);
  });

  it('keeps delayed messages back and reports when the next one becomes visible', () => {
    const index = new StandardIndex();
    index.add(msg('later', 5000));
    assert.deepEqual(ids(index, 0), []);
    assert.equal(index.nextVisibleAt(0), 5000);
    assert.deepEqual(index.counts(0), { visible: 0, notVisible: 0, delayed: 1 });
    assert.deepEqual(ids(index, 5000), ['later']);
    assert.deepEqual(index.counts(5000), { visible: 0, notVisible: 1, delayed: 0 });
  });

  it('follows visibility changes and never hands a message out twice in one receive', () => {
    const index = new StandardIndex();
    const a = msg('a');
    index.add(a);
    assert.deepEqual(ids(index, 0, 10, 0), ['a']);
    ids(index, 0, 10, 10_000);
    index.setVisibleAt(a, 2000);
    assert.deepEqual(ids(index, 1999), []);
    assert.deepEqual(ids(index, 2000), ['a']);
  });

  it('lets the verdict drop expired messages and divert dead letters', () => {
    const index = new StandardIndex();
    index.add(msg('old'));
    index.add(msg('dead'));
    index.add(msg('ok'));
    const taken = index.take(0, 10, 1000, (m) => (m.id === 'old' ? 'expire' : m.id === 'dead' ? 'deadLetter' : 'deliver'));
    assert.deepEqual(taken.delivered.map((m) => m.id), ['ok']);
    assert.deepEqual(taken.removed.map((r) => [r.message.id, r.reason]), [['old', 'expire'], ['dead', 'deadLetter']]);
    assert.equal(index.size, 1);
  });
});

describe('FIFO queue index', () => {
  it('serves a group in order and locks it while a message is in flight', () => {
    const index = new FifoIndex();
    for (const [id, g] of [['a1', 'A'], ['b1', 'B'], ['a2', 'A'], ['a3', 'A']]) index.add(msg(id, 0, g));
    assert.deepEqual(ids(index, 0, 2), ['a1', 'a2']);
    // Group A is in flight: only B is available, and A stays locked until its visibility ends.
    assert.deepEqual(ids(index, 0), ['b1']);
    assert.deepEqual(ids(index, 29_999), []);
    assert.equal(index.nextVisibleAt(0), 30_000);
    assert.deepEqual(ids(index, 30_000, 1), ['a1']);
  });

  it('unlocks a group when its in-flight messages are deleted', () => {
    const index = new FifoIndex();
    index.add(msg('a1', 0, 'A'));
    index.add(msg('a2', 0, 'A'));
    assert.deepEqual(ids(index, 0, 1), ['a1']);
    assert.deepEqual(ids(index, 0), []);
    index.remove('a1');
    assert.deepEqual(ids(index, 0), ['a2']);
  });

  it('lets a delayed head hold back the rest of its group', () => {
    const index = new FifoIndex();
    index.add(msg('a1', 5000, 'A'));
    index.add(msg('a2', 0, 'A'));
    assert.deepEqual(ids(index, 0), []);
    assert.deepEqual(ids(index, 5000), ['a1', 'a2']);
  });

  it('keeps group order when a dead letter leaves the head', () => {
    const index = new FifoIndex();
    index.add(msg('a1', 0, 'A'));
    index.add(msg('a2', 0, 'A'));
    const taken = index.take(0, 10, 1000, (m) => (m.id === 'a1' ? 'deadLetter' : 'deliver'));
    assert.deepEqual(taken.delivered.map((m) => m.id), ['a2']);
    assert.equal(index.get('a1'), undefined);
  });
});
