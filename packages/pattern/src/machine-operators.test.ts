// RuleMachine against the reference interpreter for the operators the machine indexes specially
// (wildcard automaton, numeric interval index, anything-but exclusions, exists by presence) and
// for the lazy checking of non-key conditions. Many rules share one small vocabulary, so
// indexes hold many entries per field, key choice has real choices, and values collide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RuleMachine, referenceMatches } from './index.js';

const words = ['', 'x', 'y', 'xy', 'yx', 'xx', 'X', 'x*y'];
const nonEmpty = words.filter((w) => w !== '');
const nums = [-1, 0, 0.5, 1, 2, 300];
const escape = (s: string): string => s.replace(/[\\*]/g, (c) => `\\${c}`);

const wildcard = fc
  .array(fc.string({ unit: fc.constantFrom('x', 'y', '*'), maxLength: 2 }), { minLength: 1, maxLength: 3 })
  .filter((parts) => parts.every((p, i) => i === 0 || i === parts.length - 1 || p.length > 0))
  .map((parts) => parts.map(escape).join('*'));

const numeric = fc.oneof(
  fc.tuple(fc.constantFrom('=', '<', '<=', '>', '>='), fc.constantFrom(...nums)).map(([op, n]) => [op, n]),
  fc
    .tuple(fc.constantFrom('>', '>='), fc.constantFrom(...nums), fc.constantFrom('<', '<='), fc.constantFrom(...nums))
    .filter(([, lo, , hi]) => lo < hi),
);

const oneOrList = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | T[]> => fc.oneof(a, fc.array(a, { minLength: 1, maxLength: 3 }));

const anythingBut = fc.oneof(
  oneOrList(fc.constantFrom(...words)),
  oneOrList(fc.constantFrom(...nums)),
  fc.record({ prefix: oneOrList(fc.constantFrom(...nonEmpty)) }),
  fc.record({ suffix: oneOrList(fc.constantFrom(...nonEmpty)) }),
  fc.record({ 'equals-ignore-case': oneOrList(fc.constantFrom(...words)) }),
  fc.record({ wildcard: oneOrList(wildcard) }),
);

const matcher = fc.oneof(
  fc.constantFrom<unknown>(...words, ...nums, true, false, null),
  fc.record({ wildcard }),
  fc.record({ numeric }),
  fc.record({ 'anything-but': anythingBut }),
  fc.record({ exists: fc.boolean() }),
  fc.record({ prefix: fc.constantFrom(...words) }),
  fc.record({ 'equals-ignore-case': fc.constantFrom(...words) }),
);

const fieldNames = ['a', 'b', 'c'];
// Half the value lists come from a small pool, so rules share conditions: shared conditions move
// keys around as rules come and go, and a condition can stop being a key while others need it.
const pooled = fc.constantFrom<unknown[]>(['x'], ['y'], ['x', 'y'], [0], [{ prefix: 'x' }], [{ exists: true }], [{ 'anything-but': 'x' }], [{ numeric: ['>', 0] }], [{ wildcard: 'x*' }]);
const leaf = fc.oneof(fc.array(matcher, { minLength: 1, maxLength: 3 }), pooled);
// Flat fields plus `o`, which events may carry as an object or as an array of objects.
const pattern = fc.oneof(
  fc.dictionary(fc.constantFrom(...fieldNames), leaf, { minKeys: 1, maxKeys: 3 }),
  fc.record({ o: fc.dictionary(fc.constantFrom(...fieldNames), leaf, { minKeys: 1, maxKeys: 2 }) }, { requiredKeys: [] }).chain((o) =>
    fc.dictionary(fc.constantFrom(...fieldNames), leaf, { maxKeys: 2 }).map((top) => ({ ...top, ...o })),
  ),
).filter((p) => Object.keys(p).length > 0);
const withOr = fc.oneof(pattern, fc.tuple(pattern, pattern).map(([x, y]) => ({ $or: [x, y] })));

const scalar = fc.constantFrom<unknown>(...words, 'Xy', 'xyx', 'yxy', ...nums, -0.5, 0.25, 1.5, 301, true, false, null);
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
const flat = fc.dictionary(fc.constantFrom(...fieldNames), value, { maxKeys: 3 });
const event = fc
  .tuple(flat, fc.option(fc.oneof(flat, fc.array(flat, { minLength: 1, maxLength: 3 })), { nil: undefined }))
  .map(([top, o]) => (o === undefined ? top : { ...top, o }));

const texts = (ps: unknown[]): string[] => ps.map((p) => JSON.stringify(p)).filter((t) => {
  try {
    referenceMatches(t, '{}');
    return true;
  } catch {
    return false; // a generated pattern AWS would refuse (e.g. a malformed anything-but wildcard)
  }
});

const expected = (rules: string[], e: string, live: (i: number) => boolean = () => true): string[] =>
  rules.flatMap((t, i) => (live(i) && referenceMatches(t, e) ? [`r${i}`] : []));

test('many rules with indexed operators agree with the reference interpreter', () => {
  fc.assert(
    fc.property(fc.array(withOr, { minLength: 1, maxLength: 40 }), fc.array(event, { minLength: 1, maxLength: 6 }), (ps, es) => {
      const rules = texts(ps);
      const m = new RuleMachine();
      rules.forEach((t, i) => m.add(`r${i}`, t));
      for (const e of es.map((x) => JSON.stringify(x))) assert.deepEqual(m.match(e), expected(rules, e), `event ${e}`);
    }),
    { numRuns: 300 },
  );
});

test('keys re-chosen as rules come and go keep answers exact', () => {
  fc.assert(
    fc.property(fc.array(withOr, { minLength: 2, maxLength: 30 }), fc.array(event, { minLength: 2, maxLength: 4 }), (ps, es) => {
      const rules = texts(ps);
      const events = es.map((x) => JSON.stringify(x));
      const m = new RuleMachine();
      // Match between additions so indexes are built, then changed, then rebuilt.
      rules.forEach((t, i) => {
        m.add(`r${i}`, t);
        const e = events[i % events.length] as string;
        assert.deepEqual(m.match(e), expected(rules, e, (j) => j <= i));
      });
      // Remove every third rule, matching after each removal so keys move and fields lose keys.
      const removed = (j: number, upTo: number): boolean => j % 3 === 0 && j <= upTo;
      rules.forEach((_, i) => {
        if (i % 3 !== 0) return;
        m.remove(`r${i}`);
        const e = events[i % events.length] as string;
        assert.deepEqual(m.match(e), expected(rules, e, (j) => !removed(j, i)));
      });
      for (const e of events) assert.deepEqual(m.match(e), expected(rules, e, (i) => i % 3 !== 0));
    }),
    { numRuns: 200 },
  );
});

test('compaction after many removals keeps answers exact', () => {
  fc.assert(
    fc.property(fc.array(withOr, { minLength: 150, maxLength: 200 }), fc.array(event, { minLength: 1, maxLength: 4 }), (ps, es) => {
      const rules = texts(ps);
      const events = es.map((x) => JSON.stringify(x));
      const m = new RuleMachine();
      rules.forEach((t, i) => m.add(`r${i}`, t));
      m.match(events[0] as string);
      // More than 64 dead alternatives, and more than half: the machine re-registers the live rules.
      rules.forEach((_, i) => i % 4 !== 0 && m.remove(`r${i}`));
      for (const e of events) assert.deepEqual(m.match(e), expected(rules, e, (i) => i % 4 === 0));
    }),
    { numRuns: 10 },
  );
});

test('a condition that stops being a key is still checked for the rules that need it', () => {
  const m = new RuleMachine();
  m.add('r1', '{"a": ["v"], "b": ["w"]}');
  assert.deepEqual(m.match('{"a": "v", "b": "w"}'), ['r1']);
  // r2 shares a:["v"], which then wakes two rules; both switch keys and a:["v"] is no key at all.
  m.add('r2', '{"a": ["v"], "c": ["z"]}');
  assert.deepEqual(m.match('{"a": "v", "b": "w", "c": "z"}'), ['r1', 'r2']);
  assert.deepEqual(m.match('{"a": "u", "b": "w", "c": "z"}'), []);
});
