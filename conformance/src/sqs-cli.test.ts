import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { awsCli, startBosun, testAccount, type BosunProcess } from './harness.js';

/**
 * SQS through both aws CLIs: v1 (current models) speaks AWS JSON 1.0, Debian's v2.9 speaks the
 * query protocol. The same operations, answered alike, errors with the legacy query codes.
 */
describe('SQS with the aws CLIs', () => {
  let bosun: BosunProcess;
  before(async () => {
    bosun = await startBosun();
  });
  after(async () => {
    await bosun.dispose();
  });

  for (const which of ['v1', 'v2'] as const) {
    const sqs = (...args: string[]) => {
      const r = awsCli(which, bosun.url, ['sqs', ...args]);
      assert.equal(r.status, 0, r.stderr);
      return (r.stdout.trim() ? JSON.parse(r.stdout) : {}) as Record<string, unknown>;
    };

    describe(`aws CLI ${which}`, () => {
      const name = `cli-${which}`;
      let url: string;

      it('creates a queue and reads its attributes', () => {
        url = String(sqs('create-queue', '--queue-name', name, '--attributes', 'VisibilityTimeout=45').QueueUrl);
        assert.equal(url, `${bosun.url}/${testAccount}/${name}`);
        const attrs = sqs('get-queue-attributes', '--queue-url', url, '--attribute-names', 'All').Attributes as Record<string, string>;
        assert.equal(attrs.VisibilityTimeout, '45');
        assert.equal(attrs.QueueArn, `arn:aws:sqs:us-east-1:${testAccount}:${name}`);
      });

      it('sends and receives with attributes and AWS-identical MD5s', () => {
        const sent = sqs('send-message', '--queue-url', url, '--message-body', 'Test Message', '--message-attributes', '{"Hello":{"DataType":"String","StringValue":"World"}}');
        assert.equal(sent.MD5OfMessageBody, 'd1d4180b7e411c4be86b00fb2ee103eb');
        assert.equal(sent.MD5OfMessageAttributes, '7db7fb1ba7f41366a8ea5eb18220b26d');
        const received = sqs('receive-message', '--queue-url', url, '--attribute-names', 'All', '--message-attribute-names', 'All');
        const [m] = received.Messages as { MessageId: string; ReceiptHandle: string; Body: string; MD5OfMessageAttributes: string; Attributes: Record<string, string>; MessageAttributes: Record<string, { StringValue: string }> }[];
        assert.equal(m.MessageId, sent.MessageId);
        assert.equal(m.Body, 'Test Message');
        assert.equal(m.MD5OfMessageAttributes, '7db7fb1ba7f41366a8ea5eb18220b26d');
        assert.equal(m.MessageAttributes.Hello.StringValue, 'World');
        assert.equal(m.Attributes.ApproximateReceiveCount, '1');
        sqs('delete-message', '--queue-url', url, '--receipt-handle', m.ReceiptHandle);
        assert.equal(sqs('receive-message', '--queue-url', url).Messages, undefined);
      });

      it('sends, receives and deletes in batches, with per-entry failures', () => {
        const sent = sqs('send-message-batch', '--queue-url', url, '--entries', 'Id=a,MessageBody=one', 'Id=b,MessageBody=two');
        assert.equal((sent.Successful as unknown[]).length, 2);
        const { Messages } = sqs('receive-message', '--queue-url', url, '--max-number-of-messages', '10', '--attribute-names', 'ApproximateReceiveCount') as { Messages: { ReceiptHandle: string; Attributes: Record<string, string> }[] };
        assert.equal(Messages.length, 2);
        assert.equal(Messages[0].Attributes.ApproximateReceiveCount, '1');
        const entries = [...Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })), { Id: 'bogus', ReceiptHandle: 'dummy' }];
        const deleted = sqs('delete-message-batch', '--queue-url', url, '--entries', JSON.stringify(entries));
        assert.equal((deleted.Successful as unknown[]).length, 2);
        assert.deepEqual(deleted.Failed, [{ Id: 'bogus', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: 'The input receipt handle "dummy" is not valid.' }]);
      });

      it('runs a FIFO queue', () => {
        const fifoUrl = String(sqs('create-queue', '--queue-name', `${name}.fifo`, '--attributes', 'FifoQueue=true,ContentBasedDeduplication=true').QueueUrl);
        const a = sqs('send-message', '--queue-url', fifoUrl, '--message-body', 'first', '--message-group-id', 'g');
        assert.equal(String(a.SequenceNumber).length, 20);
        sqs('send-message', '--queue-url', fifoUrl, '--message-body', 'second', '--message-group-id', 'g');
        const { Messages } = sqs('receive-message', '--queue-url', fifoUrl, '--max-number-of-messages', '10') as { Messages: { Body: string }[] };
        assert.deepEqual(Messages.map((m) => m.Body), ['first', 'second']);
      });

      it('tags and purges', () => {
        sqs('tag-queue', '--queue-url', url, '--tags', 'env=dev,team=a');
        sqs('untag-queue', '--queue-url', url, '--tag-keys', 'team');
        assert.deepEqual(sqs('list-queue-tags', '--queue-url', url).Tags, { env: 'dev' });
        sqs('send-message', '--queue-url', url, '--message-body', 'x');
        sqs('purge-queue', '--queue-url', url);
        assert.equal(sqs('receive-message', '--queue-url', url).Messages, undefined);
      });

      it('reports a missing queue with the legacy query code', () => {
        const r = awsCli(which, bosun.url, ['sqs', 'get-queue-url', '--queue-name', 'does-not-exist']);
        assert.notEqual(r.status, 0);
        assert.match(r.stderr, /\(AWS\.SimpleQueueService\.NonExistentQueue\) when calling the GetQueueUrl operation.*: The specified queue does not exist/);
      });

      it('deletes the queue', () => {
        sqs('delete-queue', '--queue-url', url);
        const r = awsCli(which, bosun.url, ['sqs', 'get-queue-attributes', '--queue-url', url]);
        assert.match(r.stderr, /NonExistentQueue/);
      });
    });
  }
});
