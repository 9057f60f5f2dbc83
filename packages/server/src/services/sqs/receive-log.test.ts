import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Message } from './model.js';
import { parseReceiveNote } from './restore.js';
import { arnOf, sqsHarness, urlOf, type SqsHarness } from './testing.js';

type Received = { Messages?: Message[] };
const settle = () => new Promise((r) => setTimeout(r, 120));

describe('how receives reach storage', () => {
  let h: SqsHarness;
  beforeEach(async () => {
    h = await sqsHarness();
  });
  afterEach(async () => {
    await h.dispose();
  });
  const stored = async (name: string) => (await h.storage.deliveries.peek(arnOf(name), 10))[0];

  it('writes a standard-queue receive shortly after answering', async () => {
    await h.call('CreateQueue', { QueueName: 'q' });
    await h.call('SendMessage', { QueueUrl: urlOf('q'), MessageBody: 'x' });
    await h.call<Received>('ReceiveMessage', { QueueUrl: urlOf('q') });
    assert.equal((await stored('q')).lastError, undefined);
    await settle();
    const row = await stored('q');
    assert.equal(row.notBefore, h.clock.now() + 30_000);
    assert.deepEqual(parseReceiveNote(row.lastError), { receives: 1, firstReceivedAt: h.clock.now() });
  });

  it('skips the write when the message is deleted first', async () => {
    await h.call('CreateQueue', { QueueName: 'q' });
    await h.call('SendMessage', { QueueUrl: urlOf('q'), MessageBody: 'x' });
    const { Messages } = await h.call<Received>('ReceiveMessage', { QueueUrl: urlOf('q') });
    await h.call('DeleteMessage', { QueueUrl: urlOf('q'), ReceiptHandle: Messages![0].ReceiptHandle });
    await settle();
    assert.equal(await stored('q'), undefined);
  });

  it('commits FIFO receives before answering', async () => {
    await h.call('CreateQueue', { QueueName: 'f.fifo', Attributes: { FifoQueue: 'true' } });
    await h.call('SendMessage', { QueueUrl: urlOf('f.fifo'), MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd' });
    await h.call<Received>('ReceiveMessage', { QueueUrl: urlOf('f.fifo') });
    assert.equal(parseReceiveNote((await stored('f.fifo')).lastError)?.receives, 1);
  });
});
