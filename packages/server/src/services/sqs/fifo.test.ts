import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Message } from './model.js';
import { arnOf, sqsHarness, urlOf, type SqsHarness } from './testing.js';

type Received = { Messages?: Message[] };

describe('SQS FIFO queues', () => {
  let h: SqsHarness;
  const QueueUrl = urlOf('jobs.fifo');
  const send = (body: string, group: string, dedup?: string) =>
    h.call<{ MessageId: string; SequenceNumber: string }>('SendMessage', { QueueUrl, MessageBody: body, MessageGroupId: group, MessageDeduplicationId: dedup });
  const bodies = async (input: object = {}) => ((await h.call<Received>('ReceiveMessage', { QueueUrl, MaxNumberOfMessages: 10, ...input })).Messages ?? []).map((m) => m.Body);
  beforeEach(async () => {
    h = await sqsHarness();
    await h.call('CreateQueue', { QueueName: 'jobs.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true', VisibilityTimeout: '10' } });
  });
  afterEach(async () => {
    await h.dispose();
  });

  it('keeps order within a group and locks the group while a message is in flight', async () => {
    await send('a1', 'A');
    await send('b1', 'B');
    await send('a2', 'A');
    assert.deepEqual(await bodies({ MaxNumberOfMessages: 1 }), ['a1']);
    assert.deepEqual(await bodies(), ['b1']);
    assert.deepEqual(await bodies(), []);
    h.clock.advance(10_000);
    assert.deepEqual(await bodies(), ['a1', 'a2', 'b1']);
  });

  it('unlocks a group when its message is deleted', async () => {
    await send('a1', 'A');
    await send('a2', 'A');
    const { Messages } = await h.call<Received>('ReceiveMessage', { QueueUrl });
    assert.deepEqual(await bodies(), []);
    await h.call('DeleteMessage', { QueueUrl, ReceiptHandle: Messages![0].ReceiptHandle });
    assert.deepEqual(await bodies(), ['a2']);
  });

  it('deduplicates by content and by id within 5 minutes, answering with the first message', async () => {
    const first = await send('same', 'A');
    const again = await send('same', 'A');
    assert.equal(again.MessageId, first.MessageId);
    assert.equal(again.SequenceNumber, first.SequenceNumber);
    const byId = await send('one body', 'A', 'd-1');
    assert.equal((await send('other body', 'B', 'd-1')).MessageId, byId.MessageId);
    assert.deepEqual(await bodies(), ['same', 'one body']);
    h.clock.advance(5 * 60 * 1000);
    await h.service.sweep();
    assert.notEqual((await send('same', 'A')).MessageId, first.MessageId);
  });

  it('numbers messages with increasing 20-digit sequence numbers and returns FIFO system attributes', async () => {
    const a = await send('x', 'G', 'd1');
    const b = await send('y', 'G', 'd2');
    assert.equal(a.SequenceNumber.length, 20);
    assert.ok(BigInt(b.SequenceNumber) > BigInt(a.SequenceNumber));
    const { Messages } = await h.call<Received>('ReceiveMessage', { QueueUrl, AttributeNames: ['All'] });
    assert.equal(Messages![0].Attributes!.MessageGroupId, 'G');
    assert.equal(Messages![0].Attributes!.MessageDeduplicationId, 'd1');
    assert.equal(Messages![0].Attributes!.SequenceNumber, a.SequenceNumber);
  });

  it('refuses what FIFO queues do not take', async () => {
    assert.equal((await h.failure('SendMessage', { QueueUrl, MessageBody: 'x' })).message, 'The request must contain the parameter MessageGroupId.');
    assert.equal(
      (await h.failure('SendMessage', { QueueUrl, MessageBody: 'x', MessageGroupId: 'g', DelaySeconds: 60 })).message,
      'Value 60 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.',
    );
    await h.call('CreateQueue', { QueueName: 'plain.fifo', Attributes: { FifoQueue: 'true' } });
    assert.equal(
      (await h.failure('SendMessage', { QueueUrl: urlOf('plain.fifo'), MessageBody: 'x', MessageGroupId: 'g' })).message,
      'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    );
  });

  it('refuses a receipt handle whose visibility ran out', async () => {
    await send('a1', 'A');
    const handle = (await h.call<Received>('ReceiveMessage', { QueueUrl })).Messages![0].ReceiptHandle!;
    h.clock.advance(10_000);
    assert.equal((await h.failure('DeleteMessage', { QueueUrl, ReceiptHandle: handle })).message, `Value ${handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`);
  });

  it('redrives to a FIFO dead-letter queue, keeping the group', async () => {
    await h.call('CreateQueue', { QueueName: 'dlq.fifo', Attributes: { FifoQueue: 'true' } });
    await h.call('SetQueueAttributes', { QueueUrl, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf('dlq.fifo'), maxReceiveCount: 1 }) } });
    await send('poison', 'P');
    await send('next', 'P');
    assert.deepEqual(await bodies({ MaxNumberOfMessages: 1 }), ['poison']);
    h.clock.advance(10_000);
    assert.deepEqual(await bodies(), ['next']);
    const { Messages } = await h.call<Received>('ReceiveMessage', { QueueUrl: urlOf('dlq.fifo'), AttributeNames: ['MessageGroupId'] });
    assert.equal(Messages![0].Body, 'poison');
    assert.equal(Messages![0].Attributes!.MessageGroupId, 'P');
  });
});
