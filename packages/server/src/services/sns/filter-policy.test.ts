import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { FilterPolicyMatcher } from './filter-policy-match.js';
import { FilterPolicyError, filterPolicyCombinations, validateFilterPolicy, type FilterPolicyScope } from './filter-policy.js';
import type { NotificationAttribute } from './model.js';

interface ValidationCase {
  policy: string;
  scope: FilterPolicyScope;
  ok?: boolean;
  error?: string;
  combinations?: number;
}

interface MatchCase {
  name: string;
  policy: string;
  scope?: FilterPolicyScope;
  attributes?: Record<string, NotificationAttribute>;
  body?: string;
  match: boolean;
}

const cases = JSON.parse(readFileSync(new URL('./filter-policy.cases.json', import.meta.url), 'utf8')) as {
  validation: ValidationCase[];
  matching: MatchCase[];
};

for (const c of cases.validation) {
  test(`validate ${c.scope} ${c.policy} → ${c.error ?? 'ok'}`, () => {
    if (c.error === undefined) {
      validateFilterPolicy(c.policy, c.scope);
      if (c.combinations !== undefined) assert.equal(filterPolicyCombinations(JSON.parse(c.policy) as Record<string, never>), c.combinations);
      return;
    }
    assert.throws(
      () => validateFilterPolicy(c.policy, c.scope),
      (e: unknown) => e instanceof FilterPolicyError && e.detail === c.error,
    );
  });
}

const matcher = new FilterPolicyMatcher();

for (const c of cases.matching) {
  test(`match: ${c.name}`, () => {
    const got = matcher.matches({ policy: c.policy, scope: c.scope ?? 'MessageAttributes', message: c.body ?? 'hello' }, c.attributes);
    assert.equal(got, c.match);
  });
}

test('several subscriptions are matched against one message at once, in order', () => {
  const attrs = { store: { Type: 'String', Value: 'a' } };
  const got = matcher.accepted(
    [
      { policy: '{"store":["b"]}', scope: 'MessageAttributes', message: '{"k":1}' },
      { scope: 'MessageAttributes', message: '{"k":1}' },
      { policy: '{"k":[1]}', scope: 'MessageBody', message: '{"k":1}' },
      { policy: '{"store":["a"]}', scope: 'MessageAttributes', message: '{"k":1}' },
    ],
    attrs,
  );
  assert.deepEqual(got, [1, 2, 3]);
});

test('a policy of 256 KB is accepted (EventBridge stops at 4 KB)', () => {
  const value = 'x'.repeat(200_000);
  validateFilterPolicy(JSON.stringify({ a: [value] }), 'MessageAttributes');
  assert.ok(matcher.matches({ policy: JSON.stringify({ a: [value] }), scope: 'MessageAttributes', message: '' }, { a: { Type: 'String', Value: value } }));
});
