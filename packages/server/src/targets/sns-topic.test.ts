import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AwsError } from '../errors/index.js';
import { SnsTopicTarget, type SnsPublisher } from './sns-topic.js';
import type { DeliveryRequest } from './target.js';

const request = (targetArn: string, target: Record<string, unknown> = {}): DeliveryRequest => ({
  targetArn,
  target: { Id: 't', Arn: targetArn, ...target },
  input: '{"detail":{}}',
  event: '{"detail":{}}',
  eventId: 'e-1',
  ruleArn: 'arn:aws:events:us-east-1:123456789012:rule/r',
  accountId: '123456789012',
  region: 'us-east-1',
});

function publisher(fail?: AwsError): SnsPublisher & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    async publish(topicArn, entry) {
      calls.push({ topicArn, ...entry });
      if (fail) throw fail;
      return { messageId: 'm' };
    },
  };
}

test('accepts SNS topic ARNs only', () => {
  const t = new SnsTopicTarget(() => undefined);
  assert.ok(t.accepts('arn:aws:sns:us-east-1:123456789012:topic'));
  assert.ok(!t.accepts('arn:aws:sqs:us-east-1:123456789012:queue'));
});

test('publishes the input as the message', async () => {
  const p = publisher();
  const outcome = await new SnsTopicTarget(() => p).deliver(request('arn:aws:sns:us-east-1:123456789012:topic'));
  assert.deepEqual(outcome, { ok: true });
  assert.deepEqual(p.calls, [{ topicArn: 'arn:aws:sns:us-east-1:123456789012:topic', Message: '{"detail":{}}', MessageGroupId: undefined, MessageDeduplicationId: undefined }]);
});

test('FIFO topics get the SqsParameters group and the event id for deduplication', async () => {
  const p = publisher();
  await new SnsTopicTarget(() => p).deliver(request('arn:aws:sns:us-east-1:123456789012:t.fifo', { SqsParameters: { MessageGroupId: 'g' } }));
  assert.deepEqual(p.calls[0], { topicArn: 'arn:aws:sns:us-east-1:123456789012:t.fifo', Message: '{"detail":{}}', MessageGroupId: 'g', MessageDeduplicationId: 'e-1' });
});

test('failures are classified for retry or dead-letter', async () => {
  const cases: [AwsError | undefined, boolean, string][] = [
    [new AwsError('NotFound', 'Topic does not exist', { status: 404 }), false, 'NO_RESOURCE'],
    [new AwsError('InvalidParameter', 'Invalid parameter: Message too long'), false, 'INVALID_PARAMETER'],
    [new AwsError('InternalError', 'boom', { status: 500 }), true, 'INTERNAL_ERROR'],
  ];
  for (const [error, retryable, errorCode] of cases) {
    const outcome = await new SnsTopicTarget(() => publisher(error)).deliver(request('arn:aws:sns:us-east-1:123456789012:topic'));
    assert.equal(outcome.ok, false);
    if (!outcome.ok) assert.deepEqual([outcome.retryable, outcome.errorCode], [retryable, errorCode]);
  }
  const absent = await new SnsTopicTarget(() => undefined).deliver(request('arn:aws:sns:us-east-1:123456789012:topic'));
  assert.ok(!absent.ok && absent.retryable);
});
