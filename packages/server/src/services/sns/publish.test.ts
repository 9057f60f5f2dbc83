import assert from 'node:assert/strict';
import { verify, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ACCOUNT, queueArn, startHarness, type Harness } from './sns.test-helper.js';

let h: Harness;
before(async () => (h = await startHarness()));
after(async () => h.close());

const arn = (name: string): string => `arn:aws:sns:us-east-1:${ACCOUNT}:${name}`;

async function topicWithQueue(name: string, attributes: Record<string, string> = {}): Promise<{ topicArn: string; queue: string; subscriptionArn: string }> {
  const topicArn = arn(name);
  await h.call('CreateTopic', { Name: name, Attributes: name.endsWith('.fifo') ? { FifoTopic: 'true' } : {} });
  const queue = queueArn(`${name}-q`);
  const { SubscriptionArn } = await h.call<{ SubscriptionArn: string }>('Subscribe', { TopicArn: topicArn, Protocol: 'sqs', Endpoint: queue, Attributes: attributes });
  return { topicArn, queue, subscriptionArn: SubscriptionArn };
}

test('a published message reaches the subscribed queue in a signed envelope that verifies', async () => {
  const { topicArn, queue, subscriptionArn } = await topicWithQueue('envelope');
  const { MessageId } = await h.call<{ MessageId: string }>('Publish', {
    TopicArn: topicArn,
    Message: 'hello "world"',
    Subject: 'greeting',
    MessageAttributes: { color: { DataType: 'String', StringValue: 'red' }, blob: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1]) } },
  });
  assert.equal(await h.sns.deliverDue(), 1);
  const [sent] = h.sqs.to(queue);
  const env = JSON.parse(sent.body) as Record<string, unknown>;
  assert.deepEqual(Object.keys(env), ['Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL', 'MessageAttributes']);
  assert.equal(env.MessageId, MessageId);
  assert.equal(env.Message, 'hello "world"');
  assert.equal(env.Timestamp, '2026-01-01T00:00:00.000Z');
  assert.equal(env.UnsubscribeURL, `http://bosun.test/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`);
  assert.deepEqual(env.MessageAttributes, { color: { Type: 'String', Value: 'red' }, blob: { Type: 'Binary', Value: 'AAE=' } });
  assert.equal(sent.messageAttributes, undefined);
  const cert = new X509Certificate(await readFile(join(h.dataDir, 'sns', 'signing-cert.pem')));
  const text = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'].map((k) => `${k}\n${String(env[k])}\n`).join('');
  assert.ok(verify('sha1', Buffer.from(text), cert.publicKey, Buffer.from(String(env.Signature), 'base64')));
  assert.equal(await h.sns.deliverDue(), 0, 'delivered once');
});

test('raw delivery sends the bare message with SQS message attributes', async () => {
  const { topicArn, queue } = await topicWithQueue('raw', { RawMessageDelivery: 'True' });
  await h.call('Publish', { TopicArn: topicArn, Message: 'just me', MessageAttributes: { n: { DataType: 'Number', StringValue: '7' } } });
  await h.sns.deliverDue();
  const [sent] = h.sqs.to(queue);
  assert.equal(sent.body, 'just me');
  assert.deepEqual(sent.messageAttributes, { n: { DataType: 'Number', StringValue: '7' } });
});

test('filter policies choose the subscriptions a message goes to', async () => {
  const { topicArn, queue, subscriptionArn } = await topicWithQueue('filtered', { FilterPolicy: '{"color":["red"]}' });
  const bodyQueue = queueArn('filtered-body');
  await h.call('Subscribe', {
    TopicArn: topicArn,
    Protocol: 'sqs',
    Endpoint: bodyQueue,
    Attributes: { FilterPolicyScope: 'MessageBody', FilterPolicy: '{"size":[{"numeric":[">",10]}]}' },
  });
  await h.call('Publish', { TopicArn: topicArn, Message: '{"size":5}', MessageAttributes: { color: { DataType: 'String', StringValue: 'red' } } });
  await h.call('Publish', { TopicArn: topicArn, Message: '{"size":50}', MessageAttributes: { color: { DataType: 'String', StringValue: 'blue' } } });
  await h.sns.deliverDue();
  assert.deepEqual(h.sqs.to(queue).map((m) => (JSON.parse(m.body) as { Message: string }).Message), ['{"size":5}']);
  assert.deepEqual(h.sqs.to(bodyQueue).map((m) => (JSON.parse(m.body) as { Message: string }).Message), ['{"size":50}']);

  const e = await h.error('SetSubscriptionAttributes', { SubscriptionArn: subscriptionArn, AttributeName: 'FilterPolicy', AttributeValue: '{"a":[{"wildcard":"x*"}]}' });
  assert.deepEqual([e.code, e.message], ['InvalidParameter', 'Invalid parameter: FilterPolicy: Unrecognized match type wildcard']);
  const sub = await h.call<{ Attributes: Record<string, string> }>('GetSubscriptionAttributes', { SubscriptionArn: subscriptionArn });
  assert.equal(sub.Attributes.FilterPolicy, '{"color":["red"]}', 'a rejected policy leaves the stored one');
  assert.equal(sub.Attributes.FilterPolicyScope, 'MessageAttributes');
  const nested = await h.error('Subscribe', { TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn('x'), Attributes: { FilterPolicy: '{"a":{"b":["c"]}}' } });
  assert.equal(nested.message, 'Invalid parameter: Attributes Reason: Filter policy scope MessageAttributes does not support nested filter policy');
});

test('MessageStructure=json sends each protocol its own text', async () => {
  const { topicArn, queue } = await topicWithQueue('structured');
  await h.call('Publish', { TopicArn: topicArn, MessageStructure: 'json', Message: JSON.stringify({ default: 'd', sqs: 'for sqs' }) });
  await h.sns.deliverDue();
  assert.equal((JSON.parse(h.sqs.to(queue)[0].body) as { Message: string }).Message, 'for sqs');
  const e = await h.error('Publish', { TopicArn: topicArn, MessageStructure: 'json', Message: '{"sqs":"x"}' });
  assert.equal(e.message, 'Invalid parameter: Message Structure - No default entry in JSON message body');
});

test('bad publishes get SNS errors and queue nothing', async () => {
  const { topicArn } = await topicWithQueue('strict');
  const cases: [Record<string, unknown>, string, string][] = [
    [{ TopicArn: arn('nope'), Message: 'x' }, 'NotFound', 'Topic does not exist'],
    [{ Message: 'x' }, 'InvalidParameter', 'Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter'],
    [{ TopicArn: topicArn, Message: '' }, 'InvalidParameter', 'Invalid parameter: Empty message'],
    [{ TopicArn: topicArn, Message: 'x'.repeat(262_145) }, 'InvalidParameter', 'Invalid parameter: Message too long'],
    [{ TopicArn: topicArn, Message: 'x', Subject: '' }, 'InvalidParameter', 'Invalid parameter: Subject'],
    [{ TopicArn: topicArn, Message: 'x', MessageGroupId: 'g' }, 'InvalidParameter', 'Invalid parameter: MessageGroupId Reason: The request includes MessageGroupId parameter that is not valid for this topic type'],
    [
      { TopicArn: topicArn, Message: 'x', MessageAttributes: { 'bad name': { DataType: 'String', StringValue: 'v' } } },
      'ParameterValueInvalid',
      "Invalid non-alphanumeric character '#x20' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.",
    ],
    [
      { TopicArn: topicArn, Message: 'x', MessageAttributes: { a: { DataType: 'Float', StringValue: '1' } } },
      'ParameterValueInvalid',
      "The message attribute 'a' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.",
    ],
    [{ TopicArn: topicArn, Message: 'x', MessageAttributes: { a: { DataType: 'Number', StringValue: 'abc' } } }, 'ParameterValueInvalid', "Could not cast message attribute 'a' value to number."],
    [
      { TopicArn: topicArn, Message: 'x', MessageAttributes: { a: { DataType: 'String', BinaryValue: Buffer.from('x') } } },
      'ParameterValueInvalid',
      "The message attribute 'a' with type 'String' must use field 'String'.",
    ],
  ];
  for (const [input, code, message] of cases) {
    const e = await h.error('Publish', input);
    assert.deepEqual([e.code, e.message], [code, message]);
  }
  // The 256 KB limit counts attributes too; exactly at the limit is fine.
  await h.call('Publish', { TopicArn: topicArn, Message: 'x'.repeat(262_144 - 8), MessageAttributes: { a: { DataType: 'String', StringValue: 'z' } } });
  const over = await h.error('Publish', { TopicArn: topicArn, Message: 'x'.repeat(262_144 - 7), MessageAttributes: { a: { DataType: 'String', StringValue: 'z' } } });
  assert.equal(over.message, 'Invalid parameter: Message too long');
  assert.equal(await h.sns.deliverDue(), 1);
});

test('PublishBatch publishes each entry and checks the batch as a whole', async () => {
  const { topicArn, queue } = await topicWithQueue('batch');
  const out = await h.call<{ Successful: { Id: string; MessageId: string }[]; Failed: unknown[] }>('PublishBatch', {
    TopicArn: topicArn,
    PublishBatchRequestEntries: [
      { Id: 'a', Message: 'one' },
      { Id: 'b', Message: 'two', Subject: 's' },
    ],
  });
  assert.deepEqual(out.Successful.map((s) => s.Id), ['a', 'b']);
  assert.deepEqual(out.Failed, []);
  await h.sns.deliverDue();
  assert.deepEqual(h.sqs.to(queue).map((m) => (JSON.parse(m.body) as { Message: string }).Message).sort(), ['one', 'two']);
  const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ Id: `e${i}`, Message: 'm' }));
  assert.equal((await h.error('PublishBatch', { TopicArn: topicArn, PublishBatchRequestEntries: entries(11) })).code, 'TooManyEntriesInBatchRequest');
  assert.equal((await h.error('PublishBatch', { TopicArn: topicArn, PublishBatchRequestEntries: [] })).code, 'EmptyBatchRequest');
  assert.equal((await h.error('PublishBatch', { TopicArn: topicArn, PublishBatchRequestEntries: [{ Id: 'a', Message: 'm' }, { Id: 'a', Message: 'n' }] })).code, 'BatchEntryIdsNotDistinct');
  assert.equal((await h.error('PublishBatch', { TopicArn: topicArn, PublishBatchRequestEntries: [{ Id: 'a b', Message: 'm' }] })).code, 'InvalidBatchEntryId');
  const big = [{ Id: 'a', Message: 'x'.repeat(200_000) }, { Id: 'b', Message: 'x'.repeat(100_000) }];
  assert.equal((await h.error('PublishBatch', { TopicArn: topicArn, PublishBatchRequestEntries: big })).code, 'BatchRequestTooLong');
});

test('FIFO topics need a group id, deduplicate for five minutes and number messages', async () => {
  const { topicArn, queue } = await topicWithQueue('orders.fifo');
  const fifoQueue = queueArn('orders.fifo');
  await h.call('Subscribe', { TopicArn: topicArn, Protocol: 'sqs', Endpoint: fifoQueue });
  assert.equal((await h.error('Publish', { TopicArn: topicArn, Message: 'm' })).message, 'Invalid parameter: The MessageGroupId parameter is required for FIFO topics');
  assert.equal(
    (await h.error('Publish', { TopicArn: topicArn, Message: 'm', MessageGroupId: 'g' })).message,
    'Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
  );
  const first = await h.call<{ MessageId: string; SequenceNumber: string }>('Publish', { TopicArn: topicArn, Message: 'm', MessageGroupId: 'g', MessageDeduplicationId: 'd1' });
  const again = await h.call<{ MessageId: string; SequenceNumber: string }>('Publish', { TopicArn: topicArn, Message: 'm', MessageGroupId: 'g', MessageDeduplicationId: 'd1' });
  assert.equal(again.MessageId, first.MessageId);
  assert.match(first.SequenceNumber, /^\d{20}$/);
  const next = await h.call<{ SequenceNumber: string }>('Publish', { TopicArn: topicArn, Message: 'n', MessageGroupId: 'g', MessageDeduplicationId: 'd2' });
  assert.ok(BigInt(next.SequenceNumber) > BigInt(first.SequenceNumber));
  await h.sns.deliverDue();
  const toFifo = h.sqs.to(fifoQueue);
  assert.equal(toFifo.length, 2);
  assert.deepEqual([toFifo[0].messageGroupId, toFifo[0].messageDeduplicationId], ['g', 'd1']);
  const env = JSON.parse(toFifo[0].body) as Record<string, unknown>;
  assert.equal(env.SequenceNumber, first.SequenceNumber);
  assert.equal(env.Signature, undefined);
  assert.equal(h.sqs.to(queue)[0].messageGroupId, undefined, 'a standard queue gets no group id');
  h.clock.advance(5 * 60_000 + 1);
  const later = await h.call<{ MessageId: string }>('Publish', { TopicArn: topicArn, Message: 'm', MessageGroupId: 'g', MessageDeduplicationId: 'd1' });
  assert.notEqual(later.MessageId, first.MessageId);
});
