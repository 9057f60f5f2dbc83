import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_HTTP_RETRY_POLICY, effectiveHttpPolicy, httpContentType, MANAGED_ENDPOINT_RETRY_POLICY, retryDelaySeconds } from './delivery-policy.js';

test('the default HTTP/S policy retries three times, 20 s apart', () => {
  assert.deepEqual([1, 2, 3, 4].map((r) => retryDelaySeconds(DEFAULT_HTTP_RETRY_POLICY, r)), [20, 20, 20, undefined]);
});

test('AWS-managed endpoints: 3 immediate, 2 at 1 s, 10 backing off to 20 s, then 100,000 at 20 s', () => {
  const p = MANAGED_ENDPOINT_RETRY_POLICY;
  const first = Array.from({ length: 16 }, (_, i) => retryDelaySeconds(p, i + 1));
  assert.deepEqual(first.slice(0, 5), [0, 0, 0, 1, 1]);
  const backoff = first.slice(5, 15) as number[];
  assert.equal(backoff[0], 1);
  assert.equal(backoff[9], 20);
  for (let i = 1; i < backoff.length; i++) assert.ok(backoff[i] > backoff[i - 1], 'backoff grows');
  assert.equal(first[15], 20);
  assert.equal(retryDelaySeconds(p, 100_015), 20);
  assert.equal(retryDelaySeconds(p, 100_016), undefined);
});

test('a linear backoff phase spreads delays evenly between min and max', () => {
  const p = { ...DEFAULT_HTTP_RETRY_POLICY, minDelayTarget: 10, maxDelayTarget: 50, numRetries: 7, numNoDelayRetries: 1, numMinDelayRetries: 1, numMaxDelayRetries: 0 };
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8].map((r) => retryDelaySeconds(p, r)), [0, 10, 10, 20, 30, 40, 50, undefined]);
});

test('the subscription policy wins over the topic policy unless the topic disables overrides', () => {
  const topic = JSON.stringify({ http: { defaultHealthyRetryPolicy: { numRetries: 5, minDelayTarget: 1, maxDelayTarget: 1 }, defaultRequestPolicy: { headerContentType: 'application/json' } } });
  const sub = JSON.stringify({ healthyRetryPolicy: { numRetries: 1, minDelayTarget: 2, maxDelayTarget: 2 }, requestPolicy: { headerContentType: 'text/html' } });
  assert.equal(effectiveHttpPolicy(topic, undefined).numRetries, 5);
  assert.equal(effectiveHttpPolicy(topic, sub).numRetries, 1);
  const locked = JSON.stringify({ http: { defaultHealthyRetryPolicy: { numRetries: 5 }, disableSubscriptionOverrides: true } });
  assert.equal(effectiveHttpPolicy(locked, sub).numRetries, 5);
  assert.equal(httpContentType(topic, undefined), 'application/json');
  assert.equal(httpContentType(topic, sub), 'text/html');
  assert.equal(httpContentType(undefined, undefined), 'text/plain; charset=UTF-8');
});
