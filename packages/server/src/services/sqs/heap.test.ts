import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MinHeap } from './heap.js';

describe('MinHeap', () => {
  it('pops in order after pushes and after a bulk reset', () => {
    const values = Array.from({ length: 500 }, (_, i) => (i * 7919) % 1000);
    const heap = new MinHeap<number>((a, b) => a < b);
    for (const v of values) heap.push(v);
    const popped: number[] = [];
    while (heap.size > 0) popped.push(heap.pop()!);
    assert.deepEqual(popped, [...values].sort((a, b) => a - b));
    heap.reset(values);
    assert.equal(heap.peek(), Math.min(...values));
    const again: number[] = [];
    while (heap.size > 0) again.push(heap.pop()!);
    assert.deepEqual(again, popped);
  });
});
