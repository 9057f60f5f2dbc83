import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, decideRetry, retrySettings } from './backoff.js';

test('the default policy is 185 retries over 24 hours', () => {
  assert.deepEqual(retrySettings(undefined), { maximumRetryAttempts: 185, maximumEventAgeMs: 86_400_000 });
  assert.deepEqual(retrySettings({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 }), { maximumRetryAttempts: 0, maximumEventAgeMs: 60_000 });
});

test('backoff doubles, is capped, and jitters within [half, full]', () => {
  const shape = { baseMs: 1000, capMs: 8000 };
  assert.equal(backoffDelay(1, 0, shape), 500);
  assert.equal(backoffDelay(1, 0.999999, shape), 1000);
  assert.equal(backoffDelay(2, 0, shape), 1000);
  assert.equal(backoffDelay(3, 0, shape), 2000);
  assert.equal(backoffDelay(10, 0, shape), 4000);
  assert.equal(backoffDelay(10, 1, shape), 8000);
  for (let r = 1; r < 200; r++) {
    const d = backoffDelay(r, 0.5, shape);
    assert.ok(d >= 500 && d <= 8000);
  }
});

test('a failed attempt is retried until the attempt limit', () => {
  const settings = { maximumRetryAttempts: 2, maximumEventAgeMs: 86_400_000 };
  const base = { ingestedAt: 0, now: 0, settings, random: 0 };
  assert.deepEqual(decideRetry({ ...base, attempts: 1 }), { retry: true, at: 500 });
  assert.equal(decideRetry({ ...base, attempts: 2 }).retry, true);
  assert.deepEqual(decideRetry({ ...base, attempts: 3 }), { retry: false, condition: 'MaximumRetryAttempts' });
});

test('zero retries dead-letters at the first failure', () => {
  assert.deepEqual(decideRetry({ attempts: 1, ingestedAt: 0, now: 0, random: 0, settings: { maximumRetryAttempts: 0, maximumEventAgeMs: 60_000 } }), {
    retry: false,
    condition: 'MaximumRetryAttempts',
  });
});

test('a retry that would land after the event age limit gives up now', () => {
  const settings = { maximumRetryAttempts: 185, maximumEventAgeMs: 60_000 };
  assert.deepEqual(decideRetry({ attempts: 5, ingestedAt: 0, now: 59_000, settings, random: 0 }), { retry: false, condition: 'MaximumEventAgeInSeconds' });
});
