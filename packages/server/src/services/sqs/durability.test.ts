import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Message } from './model.js';
import { sqsHarness, urlOf } from './testing.js';

type Received = { Messages?: Message[] };

describe('SQS across a restart', () => {
  it('keeps queues, messages, receive counts, visibility and deduplication ids', async () => {
    let h = await sqsHarness();
    try {
      await h.call('CreateQueue', { QueueName: 'q', Attributes: { VisibilityTimeout: '30' } });
      await h.call('CreateQueue', { QueueName: 'f.fifo', Attributes: { FifoQueue: 'true' } });
      await h.call('SendMessage', { QueueUrl: urlOf('q'), MessageBody: 'kept', MessageAttributes: { a: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 2]) } } });
      await h.call('SendMessage', { QueueUrl: urlOf('q'), MessageBody: 'in flight' });
      const fifo = await h.call<{ MessageId: string }>('SendMessage', { QueueUrl: urlOf('f.fifo'), MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd' });
      const first = await h.call<Received>('ReceiveMessage', { QueueUrl: urlOf('q'), MaxNumberOfMessages: 1, VisibilityTimeout: 0 });
      assert.equal(first.Messages![0].Body, 'kept');
      await h.call<Received>('ReceiveMessage', { QueueUrl: urlOf('q'), MaxNumberOfMessages: 2 });

      h = await h.restart();
      // Both were received; 'kept' was received twice and is in flight with 'in flight' for 30 s.
      assert.deepEqual(await h.call('ReceiveMessage', { QueueUrl: urlOf('q') }), {});
      h.clock.advance(30_000);
      const { Messages } = await h.call<Received>('ReceiveMessage', { QueueUrl: urlOf('q'), MaxNumberOfMessages: 10, AttributeNames: ['ApproximateReceiveCount'], MessageAttributeNames: ['All'] });
      const byBody = Object.fromEntries(Messages!.map((m) => [m.Body, m]));
      assert.equal(byBody.kept.Attributes!.ApproximateReceiveCount, '3');
      assert.deepEqual([...(byBody.kept.MessageAttributes!.a.BinaryValue as Uint8Array)], [0, 1, 2]);
      assert.equal(byBody['in flight'].Attributes!.ApproximateReceiveCount, '2');
      const dup = await h.call<{ MessageId: string }>('SendMessage', { QueueUrl: urlOf('f.fifo'), MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd' });
      assert.equal(dup.MessageId, fifo.MessageId);
    } finally {
      await h.dispose();
    }
  });
});
