import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AwsError } from '../errors/index.js';
import { SqsTarget, type SqsSender, type SqsSendOptions } from './sqs.js';
import type { DeliveryRequest } from './target.js';

const queue = 'arn:aws:sqs:us-east-1:123456789012:q';
const request = (input: string, extra: Record<string, unknown> = {}): DeliveryRequest => ({
  targetArn: queue,
  target: { Id: 't', Arn: queue, ...extra },
  input,
  event: '{}',
  eventId: 'e',
  ruleArn: 'arn:aws:events:us-east-1:123456789012:rule/r',
  accountId: '123456789012',
  region: 'us-east-1',
});

test('deliveries to one queue in the same turn go out as one batch, each with its own outcome', async () => {
  const calls: { body: string }[][] = [];
  const sender: SqsSender = {
    sendMessage: async () => assert.fail('batch expected'),
    sendMessageBatch: async (_arn, entries) => {
      calls.push(entries);
      return entries.map((e) => (e.body === 'bad' ? new AwsError('InvalidParameterValue', 'nope') : { messageId: 'm', md5OfBody: '' }));
    },
  };
  const t = new SqsTarget(() => sender);
  const outcomes = await Promise.all(['a', 'bad', 'c'].map((b) => t.deliver(request(b))));
  assert.deepEqual(calls.map((c) => c.map((e) => e.body)), [['a', 'bad', 'c']]);
  assert.deepEqual(outcomes.map((o) => o.ok), [true, false, true]);
  assert.deepEqual(outcomes[1], { ok: false, retryable: false, errorCode: 'INVALID_PARAMETER', errorMessage: 'InvalidParameterValue: nope' });
});

test('without a batch API each message is sent alone; MessageGroupId comes from SqsParameters', async () => {
  const sent: [string, SqsSendOptions | undefined][] = [];
  const t = new SqsTarget(() => ({ sendMessage: async (_arn, body, options) => (sent.push([body, options]), { messageId: 'm', md5OfBody: '' }) }));
  assert.deepEqual(await t.deliver(request('x', { SqsParameters: { MessageGroupId: 'g1' } })), { ok: true });
  assert.deepEqual(sent, [['x', { messageGroupId: 'g1' }]]);
});

test('SQS failures are classified as EventBridge does', async () => {
  const failing = (e: unknown) => new SqsTarget(() => ({ sendMessage: async () => Promise.reject(e) }));
  assert.deepEqual(await failing(new AwsError('QueueDoesNotExist', 'The specified queue does not exist.')).deliver(request('x')), {
    ok: false,
    retryable: false,
    errorCode: 'NO_RESOURCE',
    errorMessage: 'The specified queue does not exist.',
  });
  assert.equal((await failing(new AwsError('AccessDenied', 'no')).deliver(request('x'))).ok, false);
  const throttled = await failing(new AwsError('RequestThrottled', 'slow')).deliver(request('x'));
  assert.deepEqual(throttled.ok ? undefined : [throttled.retryable, throttled.errorCode], [true, 'THROTTLING']);
  const crashed = await failing(new Error('socket hang up')).deliver(request('x'));
  assert.deepEqual(crashed.ok ? undefined : [crashed.retryable, crashed.errorCode], [true, 'SDK_CLIENT_ERROR']);
  const absent = await new SqsTarget(() => undefined).deliver(request('x'));
  assert.equal(absent.ok ? undefined : absent.retryable, true);
});
