// The fast check for plain value lists gives valueMatches' answers, including numbers written
// differently in pattern and event (3e2 and 300.0 are the same double; 2^53+1 is not a double).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compilePattern } from './compile.js';
import { ExactValues } from './exact-values.js';
import { exactDouble } from './numbers.js';
import { leafAccepted } from './predicates.js';
import { T_FALSE, T_NULL, T_NUM, T_STR, T_TRUE } from './scanner.js';
import type { Value } from './types.js';

const numbers = ['300', '3e2', '3.0e2', '300.0', '1E2', '100', '-0', '0', '0.0', '9007199254740993', '9007199254740992', '0.1', '1e21', '1e+21'];
const scalars = [...numbers, '"x"', '"300"', '"true"', '""', 'true', 'false', 'null'];

/** A leaf as the scanner reports it (type and text) and as the reference sees it (Value). */
function leaf(json: string): { type: number; text: string; value: Value } {
  if (json.startsWith('"')) {
    const s = JSON.parse(json) as string;
    return { type: T_STR, text: s, value: { t: 'str', s } };
  }
  if (json === 'true' || json === 'false' || json === 'null') {
    return { type: json === 'true' ? T_TRUE : json === 'false' ? T_FALSE : T_NULL, text: json, value: { t: json } };
  }
  return { type: T_NUM, text: json, value: { t: 'num', raw: json, n: exactDouble(json) } };
}

test('ExactValues agrees with valueMatches on plain value lists', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...scalars), { minLength: 1, maxLength: 4 }), fc.constantFrom(...scalars), (values, event) => {
      const [alt] = compilePattern(`{"a": [${values.join(',')}]}`).alternatives;
      const matchers = alt?.[0]?.matchers ?? [];
      const exact = ExactValues.of(matchers);
      assert.ok(exact);
      const l = leaf(event);
      assert.equal(exact.accepts(l.type, l.text), leafAccepted(matchers, l.value), `${values.join(',')} vs ${event}`);
    }),
    { numRuns: 2000 },
  );
});

test('operators are not plain values', () => {
  const [alt] = compilePattern('{"a": ["x", {"prefix": "y"}]}').alternatives;
  assert.equal(ExactValues.of(alt?.[0]?.matchers ?? []), undefined);
});
