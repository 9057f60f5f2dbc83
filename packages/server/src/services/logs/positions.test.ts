import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../core/index.js';
import { decodeLogToken, encodeLogToken, encodeOpaqueToken, decodeOpaqueToken, firstPositionAt, lastPositionBefore, LogSequence, positionOf, timestampOf } from './positions.js';

describe('log event positions', () => {
  it('sort by timestamp, then by ingestion sequence', () => {
    const seq = new LogSequence(new ManualClock(1000));
    const a = positionOf(5, seq.next());
    const b = positionOf(5, seq.next());
    const c = positionOf(4, seq.next());
    assert.deepEqual([a, b, c].sort(), [c, a, b]);
    assert.equal(timestampOf(a), 5);
  });

  it('bound a time range: [start, end)', () => {
    const seq = new LogSequence(new ManualClock(1000));
    const at10 = positionOf(10, seq.next());
    assert.ok(firstPositionAt(10) < at10);
    assert.ok(lastPositionBefore(10) < at10);
    assert.ok(lastPositionBefore(11) > at10);
    assert.ok(firstPositionAt(11) > at10);
  });

  it('keeps increasing when the clock steps back', () => {
    const clock = new ManualClock(5000);
    const seq = new LogSequence(clock);
    const first = seq.next();
    clock.set(1000);
    assert.ok(seq.next() > first);
  });

  it('round-trips tokens and rejects foreign ones', () => {
    const position = positionOf(42, '00000000000000000007');
    assert.deepEqual(decodeLogToken(encodeLogToken({ direction: 'b', position })), { direction: 'b', position });
    assert.equal(decodeLogToken('garbage'), undefined);
    assert.equal(decodeOpaqueToken('x', encodeOpaqueToken('x', 'abc')), 'abc');
    assert.equal(decodeOpaqueToken('y', encodeOpaqueToken('x', 'abc')), undefined);
  });
});
