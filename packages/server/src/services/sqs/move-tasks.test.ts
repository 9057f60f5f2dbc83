import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ListMessageMoveTasksResult, Message } from './model.js';
import { arnOf, sqsHarness, urlOf, type SqsHarness } from './testing.js';

type Received = { Messages?: Message[] };

describe('SQS dead-letter queue redrive (message move tasks)', () => {
  let h: SqsHarness;
  beforeEach(async () => {
    h = await sqsHarness();
    await h.call('CreateQueue', { QueueName: 'dlq' });
    await h.call('CreateQueue', { QueueName: 'src', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf('dlq'), maxReceiveCount: 1 }) } });
  });
  afterEach(async () => {
    await h.dispose();
  });

  const tasks = () => h.call<ListMessageMoveTasksResult>('ListMessageMoveTasks', { SourceArn: arnOf('dlq'), MaxResults: 10 });
  const settle = async () => {
    for (let i = 0; i < 20 && (await tasks()).Results?.[0]?.Status === 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 50));
  };

  it('moves dead letters back to the queue they came from', async () => {
    const sent = await h.call<{ MessageId: string }>('SendMessage', { QueueUrl: urlOf('src'), MessageBody: 'retry me' });
    await h.call('ReceiveMessage', { QueueUrl: urlOf('src'), VisibilityTimeout: 0 });
    await h.call('ReceiveMessage', { QueueUrl: urlOf('src') });
    const { TaskHandle } = await h.call<{ TaskHandle: string }>('StartMessageMoveTask', { SourceArn: arnOf('dlq') });
    assert.ok(TaskHandle);
    await settle();
    const [task] = (await tasks()).Results!;
    assert.equal(task.Status, 'COMPLETED');
    assert.equal(task.ApproximateNumberOfMessagesMoved, 1);
    const { Messages } = await h.call<Received>('ReceiveMessage', { QueueUrl: urlOf('src'), AttributeNames: ['All'] });
    assert.equal(Messages![0].MessageId, sent.MessageId);
    assert.equal(Messages![0].Attributes!.DeadLetterQueueSourceArn, undefined);
  });

  it('refuses sources that are no dead-letter queue, and unknown handles', async () => {
    assert.equal((await h.failure('StartMessageMoveTask', { SourceArn: arnOf('src') })).message, 'Source queue must be configured as a Dead Letter Queue.');
    assert.equal((await h.failure('StartMessageMoveTask', { SourceArn: arnOf('nope') })).code, 'ResourceNotFoundException');
    assert.equal((await h.failure('CancelMessageMoveTask', { TaskHandle: 'garbage' })).message, 'Value for parameter TaskHandle is invalid.');
  });
});
