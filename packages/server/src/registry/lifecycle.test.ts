import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateLifecycle, LifecyclePolicyError, parseLifecyclePolicy, type LifecycleImage } from './lifecycle.js';

const DAY = 86_400_000;
const now = Date.UTC(2026, 0, 31);
const image = (digest: string, tags: string[], ageDays: number, referencedByIndex = false): LifecycleImage => ({ digest, tags, pushedAt: now - ageDays * DAY, referencedByIndex });
const policy = (...rules: unknown[]) => parseLifecyclePolicy(JSON.stringify({ rules }));
const rule = (rulePriority: number, selection: Record<string, unknown>) => ({ rulePriority, selection, action: { type: 'expire' } });
const expiring = (p: ReturnType<typeof policy>, images: LifecycleImage[]) =>
  evaluateLifecycle(p, images, now)
    .map((e) => `${e.digest}@${e.rulePriority}`)
    .sort();

describe('lifecycle policy evaluation', () => {
  it('imageCountMoreThan keeps the newest N matching images', () => {
    const p = policy(rule(1, { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 2 }));
    assert.deepEqual(expiring(p, [image('a', ['1'], 1), image('b', [], 2), image('c', ['3'], 3), image('d', [], 4)]), ['c@1', 'd@1']);
  });

  it('sinceImagePushed expires images older than N days', () => {
    const p = policy(rule(1, { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 }));
    assert.deepEqual(expiring(p, [image('old', [], 15), image('young', [], 13), image('tagged-old', ['v1'], 30)]), ['old@1']);
  });

  it('tag prefixes must all be matched, by any of the tags', () => {
    const p = policy(rule(1, { tagStatus: 'tagged', tagPrefixList: ['prod', 'v'], countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 }));
    assert.deepEqual(expiring(p, [image('both', ['prod-1', 'v1'], 5), image('prod-only', ['prod-2'], 5), image('v-only', ['v2'], 5)]), ['both@1']);
  });

  it('tag patterns take * wildcards', () => {
    const p = policy(rule(1, { tagStatus: 'tagged', tagPatternList: ['*-rc*'], countType: 'imageCountMoreThan', countNumber: 1 }));
    assert.deepEqual(expiring(p, [image('a', ['1.0-rc1'], 1), image('b', ['1.0-rc2'], 2), image('c', ['1.0'], 3)]), ['b@1']);
  });

  it('an image matched by a higher-priority rule is not expired by a lower one', () => {
    const p = policy(
      rule(1, { tagStatus: 'tagged', tagPrefixList: ['prod'], countType: 'imageCountMoreThan', countNumber: 5 }),
      rule(2, { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 }),
    );
    assert.deepEqual(expiring(p, [image('p1', ['prod1'], 1), image('p2', ['prod2'], 2), image('x', ['dev'], 3), image('u', [], 4)]), ['u@2', 'x@2']);
  });

  it('never expires images referenced by an index', () => {
    const p = policy(rule(1, { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 }));
    assert.deepEqual(expiring(p, [image('child', [], 10, true), image('loose', [], 10)]), ['loose@1']);
  });
});

describe('lifecycle policy validation, in ECR words', () => {
  const cases: [string, string, RegExp][] = [
    ['not JSON', '{', /Could not map policyString into LifecyclePolicy/],
    ['no rules', '{}', /missing required properties \(\["rules"\]\)/],
    ['a rule without action', JSON.stringify({ rules: [{ rulePriority: 1, selection: {} }] }), /missing required properties \(\["action"\]\)/],
    ['an unknown action', JSON.stringify({ rules: [{ ...rule(1, { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 }), action: { type: 'archive' } }] }), /instance value \(archive\) not found in enum/],
    ['an unknown tag status', JSON.stringify({ rules: [rule(1, { tagStatus: 'some', countType: 'imageCountMoreThan', countNumber: 1 })] }), /instance value \(some\)/],
    ['count number 0', JSON.stringify({ rules: [rule(1, { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 0 })] }), /minimum: 1, found: 0/],
    ['days without countUnit', JSON.stringify({ rules: [rule(1, { tagStatus: 'any', countType: 'sinceImagePushed', countNumber: 3 })] }), /countUnit/],
    ['tagged without prefixes', JSON.stringify({ rules: [rule(1, { tagStatus: 'tagged', countType: 'imageCountMoreThan', countNumber: 3 })] }), /tagPrefixList or tagPatternList/],
    ['a duplicate priority', JSON.stringify({ rules: [rule(1, { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 3 }), rule(1, { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 3 })] }), /used by more than one rule/],
    ['an any rule that is not last', JSON.stringify({ rules: [rule(1, { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 3 }), rule(2, { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 3 })] }), /must have the highest value for rulePriority/],
    ['an unknown property', JSON.stringify({ rules: [{ ...rule(1, { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 3 }), extra: 1 }] }), /not allowed by the schema: \(\["extra"\]\)/],
  ];
  for (const [what, text, reason] of cases) {
    it(`rejects ${what}`, () => {
      assert.throws(() => parseLifecyclePolicy(text), (e: unknown) => e instanceof LifecyclePolicyError && reason.test(e.message));
    });
  }
});
