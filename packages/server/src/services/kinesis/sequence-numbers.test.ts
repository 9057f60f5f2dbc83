import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../core/index.js';
import { decodeSequence, encodeSequence, positionAfterTick, positionBeforeTime, previous, SequenceClock, SEQUENCE_DIGITS } from './sequence-numbers.js';

describe('Kinesis sequence numbers', () => {
  it('encode arrival time, order and shard, at a fixed width', () => {
    const s = encodeSequence({ ms: 1_767_225_600_000, sub: 3 }, 7);
    assert.equal(s.length, SEQUENCE_DIGITS);
    assert.deepEqual(decodeSequence(s), { ms: 1_767_225_600_000, sub: 3, shardIndex: 7 });
    assert.equal(decodeSequence('12345'), undefined);
  });

  it('increase within a shard as ticks increase, even when the clock stands still or steps back', () => {
    const clock = new ManualClock(1000);
    const ticks = new SequenceClock(clock);
    const a = encodeSequence(ticks.next(), 1);
    const b = encodeSequence(ticks.next(), 1);
    clock.set(500);
    const c = encodeSequence(ticks.next(), 1);
    clock.set(2000);
    const d = encodeSequence(ticks.next(), 1);
    assert.ok(a < b && b < c && c < d);
  });

  it('resume above a seeded tick after a restart', () => {
    const ticks = new SequenceClock(new ManualClock(1000));
    ticks.seed({ ms: 5000, sub: 9 });
    assert.deepEqual(ticks.next(), { ms: 5000, sub: 10 });
  });

  it('give positions for AT_TIMESTAMP and LATEST', () => {
    const ticks = new SequenceClock(new ManualClock(1000));
    const before = encodeSequence(ticks.next(), 3);
    const latest = positionAfterTick(ticks.current());
    assert.ok(before < latest);
    assert.ok(encodeSequence(ticks.next(), 0) > latest);
    assert.ok(positionBeforeTime(1000) < before);
    assert.ok(positionBeforeTime(1001) > before);
    assert.equal(previous(before).length, SEQUENCE_DIGITS);
    assert.ok(previous(before) < before);
  });
});
