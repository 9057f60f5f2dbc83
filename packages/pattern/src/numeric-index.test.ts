// The interval index finds exactly the ranges the plain comparison accepts, including open and
// closed ends that coincide with other ranges' ends, points (`=`) and unbounded sides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { inNumericRange } from './predicates.js';
import { NumericIndex, type NumericRange } from './numeric-index.js';

const bound = fc.constantFrom(-2, -1, 0, 0.5, 1, 2, 1e21);
const range: fc.Arbitrary<NumericRange> = fc.oneof(
  fc.tuple(bound, fc.boolean(), bound, fc.boolean()).filter(([lo, , hi]) => lo < hi).map(([lo, loOpen, hi, hiOpen]) => ({ lo, loOpen, hi, hiOpen })),
  bound.map((n) => ({ lo: n, loOpen: false, hi: n, hiOpen: false })),
  fc.tuple(bound, fc.boolean()).map(([hi, hiOpen]) => ({ lo: -Infinity, loOpen: false, hi, hiOpen })),
  fc.tuple(bound, fc.boolean()).map(([lo, loOpen]) => ({ lo, loOpen, hi: Infinity, hiOpen: false })),
);
const value = fc.oneof(bound, fc.constantFrom(-3, -1.5, -0.5, 0.25, 0.75, 1.5, 3, 1e22, -1e22));

test('NumericIndex agrees with inNumericRange', () => {
  fc.assert(
    fc.property(fc.array(range, { minLength: 1, maxLength: 20 }), fc.array(value, { minLength: 1, maxLength: 10 }), (ranges, values) => {
      const ix = new NumericIndex<number>();
      ranges.forEach((r, i) => ix.add(r, i));
      for (const n of values) {
        const found: number[] = [];
        ix.stab(n, (i) => found.push(i));
        const want = ranges.flatMap((r, i) => (inNumericRange({ k: 'numeric', text: '', ...r }, n) ? [i] : []));
        assert.deepEqual(found.sort((a, b) => a - b), want, `value ${n}`);
      }
    }),
    { numRuns: 1000 },
  );
});

test('NumericIndex stays correct when ranges are added after a lookup', () => {
  const ix = new NumericIndex<string>();
  ix.add({ lo: 0, loOpen: false, hi: 10, hiOpen: true }, 'a');
  const at = (n: number): string[] => {
    const out: string[] = [];
    ix.stab(n, (v) => out.push(v));
    return out.sort();
  };
  assert.deepEqual(at(10), []);
  ix.add({ lo: 10, loOpen: false, hi: 10, hiOpen: false }, 'b');
  assert.deepEqual(at(10), ['b']);
  assert.deepEqual(at(5), ['a']);
});
