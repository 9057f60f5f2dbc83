// The compiled RuleMachine against the reference interpreter on generated patterns and events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RuleMachine, referenceMatches } from './index.js';

const keys = ['a', 'b', 'c'];
const strs = ['', 'x', 'xy', 'Xy', 'yx', 'straße', 'STRASSE', '10.0.0.1', 'a*b'];
const scalar = fc.oneof(
  fc.constantFrom(...strs),
  fc.constantFrom(0, 1, 2.5, -3, 300, 1e21),
  fc.constantFrom(true, false, null),
);

type J = unknown;
const eventValue: fc.Arbitrary<J> = fc.letrec<{ v: J }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...keys), tie('v'), { maxKeys: 3 }),
  ),
})).v;
const event = fc.dictionary(fc.constantFrom(...keys), eventValue, { minKeys: 1, maxKeys: 3 });

const matcher = fc.oneof(
  scalar,
  fc.record({ prefix: fc.constantFrom(...strs) }),
  fc.record({ suffix: fc.constantFrom(...strs) }),
  fc.record({ prefix: fc.record({ 'equals-ignore-case': fc.constantFrom(...strs) }) }),
  fc.record({ 'equals-ignore-case': fc.constantFrom(...strs) }),
  fc.record({ wildcard: fc.constantFrom('*', 'x*', '*y', 'x*y', 'a\\*b', '') }),
  fc.record({ 'anything-but': fc.oneof(fc.constantFrom(...strs.filter((s) => s !== '10.0.0.1')), fc.constantFrom(0, 300)) }),
  fc.record({ 'anything-but': fc.record({ prefix: fc.constantFrom('x', 'S') }) }),
  fc.record({ numeric: fc.constantFrom(['>', 0], ['<=', 2.5], ['>=', -3, '<', 300], ['=', 300]) }),
  fc.record({ exists: fc.boolean() }),
  fc.record({ cidr: fc.constantFrom('10.0.0.0/8', '10.0.0.0/31') }),
);
const leafPattern = fc.array(matcher, { minLength: 1, maxLength: 3 });
const patternObj: fc.Arbitrary<J> = fc.letrec<{ p: J }>((tie) => ({
  p: fc.dictionary(fc.constantFrom(...keys), fc.oneof({ depthSize: 'small' }, leafPattern, tie('p')), {
    minKeys: 1,
    maxKeys: 3,
  }),
})).p;
const pattern = fc.oneof(
  patternObj,
  fc.tuple(patternObj, patternObj).map(([x, y]) => ({ $or: [x, y] })),
);

test('RuleMachine agrees with the reference interpreter', () => {
  fc.assert(
    fc.property(fc.array(pattern, { minLength: 1, maxLength: 6 }), fc.array(event, { minLength: 1, maxLength: 4 }), (ps, es) => {
      const m = new RuleMachine();
      const texts = ps.map((p) => JSON.stringify(p));
      texts.forEach((t, i) => m.add(`r${i}`, t));
      for (const e of es) {
        const et = JSON.stringify(e);
        const want = texts.map((t, i) => (referenceMatches(t, et) ? `r${i}` : '')).filter(Boolean);
        assert.deepEqual(m.match(et), want, `event ${et}`);
      }
    }),
    { numRuns: 400 },
  );
});

test('removing rules leaves the others intact', () => {
  fc.assert(
    fc.property(fc.array(pattern, { minLength: 2, maxLength: 8 }), event, (ps, e) => {
      const m = new RuleMachine();
      const texts = ps.map((p) => JSON.stringify(p));
      texts.forEach((t, i) => m.add(`r${i}`, t));
      texts.forEach((_, i) => i % 2 === 0 && m.remove(`r${i}`));
      const et = JSON.stringify(e);
      const want = texts.map((t, i) => (i % 2 === 1 && referenceMatches(t, et) ? `r${i}` : '')).filter(Boolean);
      assert.deepEqual(m.match(et), want);
    }),
    { numRuns: 200 },
  );
});

test('equals-ignore-case index never misses what the plain check finds', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 6 }), (op, v) => {
      const p = JSON.stringify({ s: [{ 'equals-ignore-case': op }] });
      const ev = JSON.stringify({ s: v });
      const m = new RuleMachine();
      m.add('r', p);
      assert.equal(m.match(ev).length > 0, referenceMatches(p, ev));
    }),
    { numRuns: 500 },
  );
});
