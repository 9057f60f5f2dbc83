import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { arnOf, sqsHarness, urlOf, type SqsHarness } from './testing.js';

describe('SQS queues', () => {
  let h: SqsHarness;
  beforeEach(async () => {
    h = await sqsHarness();
  });
  afterEach(async () => {
    await h.dispose();
  });

  it('creates a queue idempotently and refuses the same name with other attributes', async () => {
    const first = await h.call<{ QueueUrl: string }>('CreateQueue', { QueueName: 'orders', Attributes: { VisibilityTimeout: '60' } });
    assert.equal(first.QueueUrl, urlOf('orders'));
    assert.deepEqual(await h.call('CreateQueue', { QueueName: 'orders', Attributes: { VisibilityTimeout: '60' } }), first);
    assert.deepEqual(await h.call('CreateQueue', { QueueName: 'orders' }), first);
    const err = await h.failure('CreateQueue', { QueueName: 'orders', Attributes: { VisibilityTimeout: '30' } });
    assert.deepEqual(err, {
      code: 'QueueNameExists',
      queryCode: 'QueueAlreadyExists',
      message: 'A queue already exists with the same name and a different value for attribute VisibilityTimeout',
    });
  });

  it('reports stored and computed attributes', async () => {
    h.clock.set(Date.UTC(2026, 0, 1, 12));
    await h.call('CreateQueue', { QueueName: 'q', Attributes: { DelaySeconds: '5' } });
    const { Attributes } = await h.call<{ Attributes: Record<string, string> }>('GetQueueAttributes', { QueueUrl: urlOf('q'), AttributeNames: ['All'] });
    assert.equal(Attributes.QueueArn, arnOf('q'));
    assert.equal(Attributes.DelaySeconds, '5');
    assert.equal(Attributes.CreatedTimestamp, String(Date.UTC(2026, 0, 1, 12) / 1000));
    assert.equal(Attributes.ApproximateNumberOfMessages, '0');
    assert.equal(Attributes.FifoQueue, undefined);
    const some = await h.call('GetQueueAttributes', { QueueUrl: urlOf('q'), AttributeNames: ['VisibilityTimeout', 'Policy'] });
    assert.deepEqual(some, { Attributes: { VisibilityTimeout: '30' } });
    assert.deepEqual(await h.call('GetQueueAttributes', { QueueUrl: urlOf('q') }), {});
  });

  it('changes attributes and the last-modified time', async () => {
    await h.call('CreateQueue', { QueueName: 'q' });
    h.clock.advance(5000);
    await h.call('SetQueueAttributes', { QueueUrl: urlOf('q'), Attributes: { VisibilityTimeout: '5', Policy: '{"Statement":{"Effect":"Allow"}}' } });
    const { Attributes } = await h.call<{ Attributes: Record<string, string> }>('GetQueueAttributes', { QueueUrl: urlOf('q'), AttributeNames: ['All'] });
    assert.equal(Attributes.VisibilityTimeout, '5');
    assert.equal(Number(Attributes.LastModifiedTimestamp) - Number(Attributes.CreatedTimestamp), 5);
    assert.deepEqual(await h.failure('SetQueueAttributes', { QueueUrl: urlOf('q'), Attributes: { QueueArn: 'x' } }), {
      code: 'InvalidAttributeName',
      queryCode: 'InvalidAttributeName',
      message: 'Unknown Attribute QueueArn.',
    });
  });

  it('creates FIFO queues only with FifoQueue=true and a .fifo name', async () => {
    await h.call('CreateQueue', { QueueName: 'jobs.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } });
    const { Attributes } = await h.call<{ Attributes: Record<string, string> }>('GetQueueAttributes', { QueueUrl: urlOf('jobs.fifo'), AttributeNames: ['All'] });
    assert.equal(Attributes.FifoQueue, 'true');
    assert.equal(Attributes.ContentBasedDeduplication, 'true');
    assert.match((await h.failure('CreateQueue', { QueueName: 'jobs', Attributes: { FifoQueue: 'true' } })).message, /must end with \.fifo suffix/);
    assert.equal((await h.failure('CreateQueue', { QueueName: 'x.fifo', Attributes: { FifoQueue: 'false' } })).message, 'Unknown Attribute FifoQueue.');
    assert.match((await h.failure('CreateQueue', { QueueName: 'x.fifo' })).message, /^Can only include alphanumeric/);
  });

  it('finds queues by name, lists them with prefix and pages, and deletes them', async () => {
    for (const name of ['b', 'a', 'c', 'other']) await h.call('CreateQueue', { QueueName: name });
    assert.deepEqual(await h.call('GetQueueUrl', { QueueName: 'a' }), { QueueUrl: urlOf('a') });
    assert.deepEqual(await h.call('ListQueues', { QueueNamePrefix: 'o' }), { QueueUrls: [urlOf('other')] });
    const page1 = await h.call<{ QueueUrls: string[]; NextToken?: string }>('ListQueues', { MaxResults: 2 });
    assert.deepEqual(page1.QueueUrls, [urlOf('a'), urlOf('b')]);
    const page2 = await h.call<{ QueueUrls: string[]; NextToken?: string }>('ListQueues', { MaxResults: 2, NextToken: page1.NextToken });
    assert.deepEqual(page2, { QueueUrls: [urlOf('c'), urlOf('other')] });
    await h.call('DeleteQueue', { QueueUrl: urlOf('a') });
    assert.deepEqual(await h.failure('GetQueueUrl', { QueueName: 'a' }), { code: 'QueueDoesNotExist', queryCode: 'AWS.SimpleQueueService.NonExistentQueue', message: 'The specified queue does not exist.' });
    assert.equal((await h.failure('DeleteQueue', { QueueUrl: urlOf('a') }, 'query')).message, 'The specified queue does not exist for this wsdl version.');
    assert.deepEqual(await h.call('ListQueues', { QueueNamePrefix: 'zzz' }), {});
  });

  it('tags queues', async () => {
    await h.call('CreateQueue', { QueueName: 'q', tags: { team: 'a' } });
    await h.call('TagQueue', { QueueUrl: urlOf('q'), Tags: { env: 'dev' } });
    await h.call('UntagQueue', { QueueUrl: urlOf('q'), TagKeys: ['team'] });
    assert.deepEqual(await h.call('ListQueueTags', { QueueUrl: urlOf('q') }), { Tags: { env: 'dev' } });
  });

  it('lists the sources of a dead-letter queue', async () => {
    await h.call('CreateQueue', { QueueName: 'dlq' });
    const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: arnOf('dlq'), maxReceiveCount: 2 });
    await h.call('CreateQueue', { QueueName: 'src1', Attributes: { RedrivePolicy } });
    await h.call('CreateQueue', { QueueName: 'src2', Attributes: { RedrivePolicy } });
    assert.deepEqual(await h.call('ListDeadLetterSourceQueues', { QueueUrl: urlOf('dlq') }), { queueUrls: [urlOf('src1'), urlOf('src2')] });
  });

  it('allows one purge a minute', async () => {
    await h.call('CreateQueue', { QueueName: 'q' });
    await h.call('SendMessage', { QueueUrl: urlOf('q'), MessageBody: 'x' });
    await h.call('PurgeQueue', { QueueUrl: urlOf('q') });
    assert.deepEqual(await h.call('ReceiveMessage', { QueueUrl: urlOf('q') }), {});
    assert.deepEqual(await h.failure('PurgeQueue', { QueueUrl: urlOf('q') }), {
      code: 'PurgeQueueInProgress',
      queryCode: 'AWS.SimpleQueueService.PurgeQueueInProgress',
      message: 'Only one PurgeQueue operation on q is allowed every 60 seconds.',
    });
    h.clock.advance(60_000);
    await h.call('PurgeQueue', { QueueUrl: urlOf('q') });
  });
});
