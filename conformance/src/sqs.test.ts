import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import { sdkConfig, startBosun, testAccount, testRegion, type BosunProcess } from './harness.js';

/** Amazon SQS through AWS SDK v3 (AWS JSON 1.0 with query compatibility). The SDK checks every MD5 of a body. */
describe('SQS with AWS SDK v3', () => {
  let bosun: BosunProcess;
  let sqs: SQSClient;
  before(async () => {
    bosun = await startBosun();
    sqs = new SQSClient(sdkConfig(bosun.url));
  });
  after(async () => {
    sqs.destroy();
    await bosun.dispose();
  });
  const create = async (QueueName: string, Attributes?: Record<string, string>) => (await sqs.send(new CreateQueueCommand({ QueueName, Attributes }))).QueueUrl!;
  const arnOf = (name: string) => `arn:aws:sqs:${testRegion}:${testAccount}:${name}`;

  it('creates a queue whose URL is on the address the client used', async () => {
    const url = await create('orders');
    assert.equal(url, `${bosun.url}/${testAccount}/orders`);
    assert.equal((await sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }))).QueueUrl, url);
    assert.deepEqual((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'ord' }))).QueueUrls, [url]);
  });

  it('sends and receives with the MD5s AWS computes, attributes included', async () => {
    const QueueUrl = await create('md5');
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'Test Message',
        MessageAttributes: { Hello: { DataType: 'String', StringValue: 'World' }, Bin: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) } },
        MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'some-trace-id' } },
      }),
    );
    assert.equal(sent.MD5OfMessageBody, 'd1d4180b7e411c4be86b00fb2ee103eb');
    assert.equal(sent.MD5OfMessageSystemAttributes, 'fdce4f2818803f2f73becc09a54792c0');
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['Hello'], MessageSystemAttributeNames: ['All'] }));
    const m = Messages![0];
    assert.equal(m.Body, 'Test Message');
    assert.equal(m.MessageId, sent.MessageId);
    // The digest of {Hello: String "World"} that SQS itself returns.
    assert.equal(m.MD5OfMessageAttributes, '7db7fb1ba7f41366a8ea5eb18220b26d');
    assert.equal(m.Attributes!.ApproximateReceiveCount, '1');
    assert.equal(m.Attributes!.AWSTraceHeader, 'some-trace-id');
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
    const attrs = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }))).Attributes!;
    assert.equal(attrs.QueueArn, arnOf('md5'));
    assert.equal(attrs.ApproximateNumberOfMessages, '0');
    assert.equal(attrs.ApproximateNumberOfMessagesNotVisible, '0');
  });

  it('sends and deletes in batches', async () => {
    const QueueUrl = await create('batch');
    const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [1, 2, 3].map((i) => ({ Id: `m${i}`, MessageBody: `body ${i}` })) }));
    assert.equal(sent.Successful?.length, 3);
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    assert.deepEqual(Messages!.map((m) => m.Body).sort(), ['body 1', 'body 2', 'body 3']);
    const deleted = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: Messages!.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })) }));
    assert.equal(deleted.Successful?.length, 3);
    assert.equal(deleted.Failed, undefined);
  });

  it('returns a long poll as soon as a message arrives', async () => {
    const QueueUrl = await create('long-poll');
    const started = Date.now();
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 10 }));
    await new Promise((r) => setTimeout(r, 300));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'wake up' }));
    const { Messages } = await polling;
    assert.equal(Messages![0].Body, 'wake up');
    assert.ok(Date.now() - started < 3000, 'woken by the send, not by the timeout');
  });

  it('keeps FIFO order per group and deduplicates', async () => {
    const QueueUrl = await create('jobs.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    const first = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'a1', MessageGroupId: 'A' }));
    const dup = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'a1', MessageGroupId: 'A' }));
    assert.equal(dup.MessageId, first.MessageId);
    assert.equal(dup.SequenceNumber, first.SequenceNumber);
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'a2', MessageGroupId: 'A' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'b1', MessageGroupId: 'B' }));
    const one = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1 }));
    assert.equal(one.Messages![0].Body, 'a1');
    // Group A is locked while a1 is in flight.
    const rest = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    assert.deepEqual(rest.Messages!.map((m) => m.Body), ['b1']);
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: one.Messages![0].ReceiptHandle }));
    const next = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    assert.deepEqual(next.Messages!.map((m) => m.Body), ['a2']);
  });

  it('redrives to the dead-letter queue after maxReceiveCount receives', async () => {
    const dlqUrl = await create('dead-letters');
    const QueueUrl = await create('work', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf('dead-letters'), maxReceiveCount: 2 }) });
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'poison' }));
    for (let i = 0; i < 2; i++) {
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
      await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: Messages![0].ReceiptHandle, VisibilityTimeout: 0 }));
    }
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages, undefined);
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MessageSystemAttributeNames: ['DeadLetterQueueSourceArn'] }));
    const m: Message = Messages![0];
    assert.equal(m.MessageId, sent.MessageId);
    assert.equal(m.Attributes!.DeadLetterQueueSourceArn, arnOf('work'));
    assert.deepEqual((await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlqUrl }))).queueUrls, [QueueUrl]);
  });

  it('moves dead letters back to their source queue (StartMessageMoveTask)', async () => {
    await create('redrive-dlq');
    const QueueUrl = await create('redrive-src', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf('redrive-dlq'), maxReceiveCount: 1 }) });
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'try again' }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 0 }));
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages, undefined);
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf('redrive-dlq') }));
    assert.ok(TaskHandle);
    let status: string | undefined;
    for (let i = 0; i < 50 && status !== 'COMPLETED'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arnOf('redrive-dlq') }))).Results?.[0]?.Status;
    }
    assert.equal(status, 'COMPLETED');
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    assert.equal(Messages![0].MessageId, sent.MessageId);
  });

  it('surfaces SQS error codes', async () => {
    await assert.rejects(sqs.send(new GetQueueUrlCommand({ QueueName: 'missing' })), (e: Error & { $metadata: { httpStatusCode: number } }) => {
      assert.equal(e.name, 'QueueDoesNotExist');
      assert.equal(e.message, 'The specified queue does not exist.');
      assert.equal(e.$metadata.httpStatusCode, 400);
      return true;
    });
    const QueueUrl = await create('errors');
    await assert.rejects(sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 11 })), {
      name: 'InvalidParameterValue',
      message: 'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
    });
    await assert.rejects(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'bad \u0000' })), { name: 'InvalidMessageContents' });
    await assert.rejects(sqs.send(new CreateQueueCommand({ QueueName: 'errors', Attributes: { VisibilityTimeout: '5' } })), { name: 'QueueNameExists' });
  });

  it('keeps messages across a restart', async () => {
    const QueueUrl = await create('durable');
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'survives', MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } }));
    bosun = await bosun.restart();
    sqs.destroy();
    sqs = new SQSClient(sdkConfig(bosun.url));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'] }));
    assert.equal(Messages![0].MessageId, sent.MessageId);
    assert.equal(Messages![0].Body, 'survives');
    assert.equal(Messages![0].MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
  });
});
