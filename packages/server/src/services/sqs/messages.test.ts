import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Message } from './model.js';
import { arnOf, sqsHarness, urlOf, type SqsHarness } from './testing.js';

type Received = { Messages?: Message[] };

describe('SQS messages', () => {
  let h: SqsHarness;
  const QueueUrl = urlOf('q');
  const receive = (input: object = {}) => h.call<Received>('ReceiveMessage', { QueueUrl, ...input });
  beforeEach(async () => {
    h = await sqsHarness();
    await h.call('CreateQueue', { QueueName: 'q', Attributes: { VisibilityTimeout: '10' } });
  });
  afterEach(async () => {
    await h.dispose();
  });

  it('sends and receives with the MD5s and attributes SQS computes', async () => {
    const sent = await h.call<Record<string, string>>('SendMessage', {
      QueueUrl,
      MessageBody: 'Test Message',
      MessageAttributes: { Hello: { DataType: 'String', StringValue: 'World' } },
      MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'some-trace-id' } },
    });
    assert.equal(sent.MD5OfMessageBody, 'd1d4180b7e411c4be86b00fb2ee103eb');
    assert.equal(sent.MD5OfMessageAttributes, '7db7fb1ba7f41366a8ea5eb18220b26d');
    assert.equal(sent.MD5OfMessageSystemAttributes, 'fdce4f2818803f2f73becc09a54792c0');
    const { Messages } = await receive({ MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount', 'AWSTraceHeader'] });
    const m = Messages![0];
    assert.equal(m.MessageId, sent.MessageId);
    assert.equal(m.MD5OfBody, sent.MD5OfMessageBody);
    assert.equal(m.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
    assert.deepEqual(m.Attributes, { SentTimestamp: String(h.clock.now()), ApproximateReceiveCount: '1', AWSTraceHeader: 'some-trace-id' });
  });

  it('filters message attributes by name and prefix, hashing only what it returns', async () => {
    await h.call('SendMessage', { QueueUrl, MessageBody: 'x', MessageAttributes: { 'a.one': { DataType: 'String', StringValue: '1' }, b: { DataType: 'Number', StringValue: '2' } } });
    const { Messages } = await receive({ MessageAttributeNames: ['a.*'] });
    assert.deepEqual(Object.keys(Messages![0].MessageAttributes!), ['a.one']);
    assert.notEqual(Messages![0].MD5OfMessageAttributes, undefined);
    h.clock.advance(10_000);
    const plain = await receive();
    assert.equal(plain.Messages![0].MessageAttributes, undefined);
    assert.equal(plain.Messages![0].MD5OfMessageAttributes, undefined);
  });

  it('hides a received message for the visibility timeout, then redelivers it', async () => {
    await h.call('SendMessage', { QueueUrl, MessageBody: 'x' });
    const first = await receive();
    assert.deepEqual(await receive(), {});
    h.clock.advance(9_999);
    assert.deepEqual(await receive(), {});
    h.clock.advance(1);
    const again = await receive({ AttributeNames: ['ApproximateReceiveCount'] });
    assert.equal(again.Messages![0].MessageId, first.Messages![0].MessageId);
    assert.equal(again.Messages![0].Attributes!.ApproximateReceiveCount, '2');
  });

  it('deletes with the latest receipt handle only, and twice without harm', async () => {
    await h.call('SendMessage', { QueueUrl, MessageBody: 'x' });
    const old = (await receive()).Messages![0].ReceiptHandle!;
    h.clock.advance(10_000);
    const latest = (await receive()).Messages![0].ReceiptHandle!;
    await h.call('DeleteMessage', { QueueUrl, ReceiptHandle: old });
    h.clock.advance(10_000);
    assert.equal((await receive()).Messages?.length, 1, 'an outdated handle does not delete');
    h.clock.advance(10_000);
    const current = (await receive()).Messages![0].ReceiptHandle!;
    await h.call('DeleteMessage', { QueueUrl, ReceiptHandle: current });
    await h.call('DeleteMessage', { QueueUrl, ReceiptHandle: current });
    h.clock.advance(60_000);
    assert.deepEqual(await receive(), {});
    assert.notEqual(latest, current);
    assert.deepEqual(await h.failure('DeleteMessage', { QueueUrl, ReceiptHandle: 'dummy' }), {
      code: 'ReceiptHandleIsInvalid',
      queryCode: 'ReceiptHandleIsInvalid',
      message: 'The input receipt handle "dummy" is not valid.',
    });
  });

  it('changes visibility of messages in flight only', async () => {
    await h.call('SendMessage', { QueueUrl, MessageBody: 'x' });
    const handle = (await receive()).Messages![0].ReceiptHandle!;
    await h.call('ChangeMessageVisibility', { QueueUrl, ReceiptHandle: handle, VisibilityTimeout: 0 });
    const again = (await receive({ VisibilityTimeout: 100 })).Messages![0].ReceiptHandle!;
    assert.match((await h.failure('ChangeMessageVisibility', { QueueUrl, ReceiptHandle: handle, VisibilityTimeout: 5 })).message, /Message does not exist or is not available/);
    await h.call('ChangeMessageVisibility', { QueueUrl, ReceiptHandle: again, VisibilityTimeout: 1 });
    h.clock.advance(1000);
    assert.equal((await receive()).Messages?.length, 1);
    const batch = await h.call<Record<string, unknown>>('ChangeMessageVisibilityBatch', {
      QueueUrl,
      Entries: [
        { Id: 'bad', ReceiptHandle: 'dummy', VisibilityTimeout: 5 },
        { Id: 'neg', ReceiptHandle: again, VisibilityTimeout: -20 },
      ],
    });
    assert.deepEqual(batch, {
      Failed: [
        { Id: 'bad', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: 'The input receipt handle "dummy" is not valid.' },
        { Id: 'neg', SenderFault: true, Code: 'InvalidParameterValue', Message: 'Value -20 for parameter VisibilityTimeout is invalid. Reason: VisibilityTimeout must be an integer between 0 and 43200.' },
      ],
    });
  });

  it('delays messages per message and per queue', async () => {
    await h.call('SendMessage', { QueueUrl, MessageBody: 'x', DelaySeconds: 5 });
    const counts = async () => (await h.call<{ Attributes: Record<string, string> }>('GetQueueAttributes', { QueueUrl, AttributeNames: ['All'] })).Attributes;
    assert.equal((await counts()).ApproximateNumberOfMessagesDelayed, '1');
    assert.deepEqual(await receive(), {});
    h.clock.advance(5000);
    assert.equal((await counts()).ApproximateNumberOfMessages, '1');
    await receive();
    assert.equal((await counts()).ApproximateNumberOfMessagesNotVisible, '1');
    assert.match((await h.failure('SendMessage', { QueueUrl, MessageBody: 'x', DelaySeconds: 901 })).message, /DelaySeconds must be >= 0 and <= 900/);
  });

  it('sends batches entry by entry and refuses malformed batches', async () => {
    const r = await h.call<Record<string, unknown[]>>('SendMessageBatch', { QueueUrl, Entries: [{ Id: 'ok', MessageBody: 'a' }, { Id: 'bad', MessageBody: '\u0000' }] });
    assert.equal(r.Successful.length, 1);
    assert.deepEqual(r.Failed, [{ Id: 'bad', SenderFault: true, Code: 'InvalidMessageContents', Message: r.Failed[0] && (r.Failed[0] as { Message: string }).Message }]);
    assert.equal((await h.failure('SendMessageBatch', { QueueUrl, Entries: [] })).message, 'There should be at least one SendMessageBatchRequestEntry in the request.');
    assert.equal((await h.failure('SendMessageBatch', { QueueUrl, Entries: [{ Id: 'a', MessageBody: 'x' }, { Id: 'a', MessageBody: 'y' }] })).message, 'Id a repeated.');
    assert.match((await h.failure('SendMessageBatch', { QueueUrl, Entries: [{ Id: 'é', MessageBody: 'x' }] })).message, /A batch entry id can only contain/);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' }));
    assert.equal((await h.failure('SendMessageBatch', { QueueUrl, Entries: eleven })).message, 'Maximum number of entries per request are 10. You have sent 11.');
    const big = 'x'.repeat(600_000);
    assert.equal((await h.failure('SendMessageBatch', { QueueUrl, Entries: [{ Id: 'a', MessageBody: big }, { Id: 'b', MessageBody: big }] })).queryCode, 'AWS.SimpleQueueService.BatchRequestTooLong');
  });

  it('checks receive parameters', async () => {
    assert.equal((await h.failure('ReceiveMessage', { QueueUrl, MaxNumberOfMessages: 11 })).message, 'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.');
    assert.equal((await h.failure('ReceiveMessage', { QueueUrl, WaitTimeSeconds: 21 })).message, 'Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.');
    assert.equal((await h.failure('SendMessage', { QueueUrl, MessageBody: 'x', MessageDeduplicationId: 'd' })).queryCode, 'InvalidParameterValue');
  });

  it('drops messages past the retention period', async () => {
    await h.call('SetQueueAttributes', { QueueUrl, Attributes: { MessageRetentionPeriod: '60' } });
    await h.call('SendMessage', { QueueUrl, MessageBody: 'old' });
    h.clock.advance(30_000);
    await h.call('SendMessage', { QueueUrl, MessageBody: 'new' });
    h.clock.advance(30_000);
    await h.service.sweep();
    const { Messages } = await receive({ MaxNumberOfMessages: 10 });
    assert.deepEqual(Messages?.map((m) => m.Body), ['new']);
  });

  it('moves a message to the dead-letter queue after maxReceiveCount receives', async () => {
    await h.call('CreateQueue', { QueueName: 'dlq' });
    await h.call('SetQueueAttributes', { QueueUrl, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf('dlq'), maxReceiveCount: 2 }) } });
    const sent = await h.call<{ MessageId: string }>('SendMessage', { QueueUrl, MessageBody: 'poison', MessageAttributes: { a: { DataType: 'String', StringValue: 'v' } } });
    await receive();
    h.clock.advance(10_000);
    await receive();
    h.clock.advance(10_000);
    assert.deepEqual(await receive(), {});
    const { Messages } = await h.call<Received>('ReceiveMessage', { QueueUrl: urlOf('dlq'), AttributeNames: ['All'], MessageAttributeNames: ['All'] });
    assert.equal(Messages![0].MessageId, sent.MessageId);
    assert.equal(Messages![0].Body, 'poison');
    assert.equal(Messages![0].Attributes!.DeadLetterQueueSourceArn, arnOf('q'));
    assert.deepEqual(Messages![0].MessageAttributes, { a: { DataType: 'String', StringValue: 'v' } });
  });

  it('wakes a long poll as soon as a message arrives, and bounds it otherwise', async () => {
    const started = Date.now();
    const polling = h.call<Received>('ReceiveMessage', { QueueUrl, WaitTimeSeconds: 20 });
    await new Promise((r) => setTimeout(r, 20));
    await h.service.queues.sendMessage(arnOf('q'), 'hello');
    const { Messages } = await polling;
    assert.equal(Messages![0].Body, 'hello');
    assert.ok(Date.now() - started < 1000);
    const closing = h.call<Received>('ReceiveMessage', { QueueUrl, WaitTimeSeconds: 20 });
    await new Promise((r) => setTimeout(r, 20));
    await h.service.close();
    assert.deepEqual(await closing, {});
  });

  it('answers the internal API like SendMessage, and QueueDoesNotExist for unknown ARNs', async () => {
    const r = await h.service.queues.sendMessage(arnOf('q'), 'Test Message', { messageAttributes: { Hello: { DataType: 'String', StringValue: 'World' } } });
    assert.equal(r.md5OfBody, 'd1d4180b7e411c4be86b00fb2ee103eb');
    await assert.rejects(h.service.queues.sendMessage(arnOf('nope'), 'x'), { code: 'QueueDoesNotExist' });
  });

  it('sends a batch through the internal API in one commit, each entry answered by position', async () => {
    const results = await h.service.queues.sendMessageBatch(arnOf('q'), [{ body: 'one' }, { body: '' }, { body: 'three', messageAttributes: { a: { DataType: 'String', StringValue: 'v' } } }]);
    assert.equal(results.length, 3);
    assert.ok(results[1] instanceof Error);
    const sent = results.flatMap((r) => (r instanceof Error ? [] : [r.messageId]));
    assert.equal(sent.length, 2);
    const { Messages } = await receive({ MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] });
    assert.deepEqual(Messages!.map((m) => m.Body).sort(), ['one', 'three']);
    assert.deepEqual(Messages!.map((m) => m.MessageId).sort(), sent.sort());
    assert.deepEqual(Messages!.find((m) => m.Body === 'three')!.MessageAttributes, { a: { DataType: 'String', StringValue: 'v' } });
    await assert.rejects(h.service.queues.sendMessageBatch(arnOf('nope'), [{ body: 'x' }]), { code: 'QueueDoesNotExist' });
  });
});
