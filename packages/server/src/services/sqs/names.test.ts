import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQueueArn, parseQueueUrl, queueArn, queueUrl, validateQueueName } from './names.js';

const defaults = { region: 'us-east-1', accountId: '123456789012' };

describe('queue names', () => {
  it('accepts 1–80 alphanumerics, hyphens and underscores', () => {
    validateQueueName('a', false);
    validateQueueName('My_Queue-1', false);
    validateQueueName('x'.repeat(80), false);
  });

  it('refuses other names with SQS wording', () => {
    for (const name of ['in.fo', 'x'.repeat(81), 'ééwwà)', 'example.fifo']) {
      assert.throws(() => validateQueueName(name, false), { message: 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length' });
    }
    assert.throws(() => validateQueueName('', false), { message: 'Queue name cannot be empty' });
  });

  it('requires .fifo on FIFO queues, counted in the 80 characters', () => {
    validateQueueName('orders.fifo', true);
    validateQueueName(`${'x'.repeat(75)}.fifo`, true);
    assert.throws(() => validateQueueName('orders', true), /must end with \.fifo suffix/);
    assert.throws(() => validateQueueName(`${'x'.repeat(76)}.fifo`, true), /must end with \.fifo suffix/);
  });
});

describe('queue ARNs and URLs', () => {
  it('builds and parses ARNs, with the partition of the region', () => {
    const loc = { region: 'eu-west-1', accountId: '123456789012', name: 'q' };
    assert.equal(queueArn(loc), 'arn:aws:sqs:eu-west-1:123456789012:q');
    assert.equal(queueArn({ ...loc, region: 'cn-north-1' }), 'arn:aws-cn:sqs:cn-north-1:123456789012:q');
    assert.deepEqual(parseQueueArn('arn:aws:sqs:eu-west-1:123456789012:q'), loc);
    assert.equal(parseQueueArn('arn:aws:sns:eu-west-1:123456789012:q'), undefined);
  });

  it('builds URLs on the address the client used', () => {
    assert.equal(queueUrl('http://localhost:4566/', { ...defaults, name: 'q' }), 'http://localhost:4566/123456789012/q');
  });

  it('resolves QueueUrl in any host form', () => {
    const q = { ...defaults, name: 'q' };
    assert.deepEqual(parseQueueUrl('http://127.0.0.1:4566/123456789012/q', defaults), q);
    assert.deepEqual(parseQueueUrl('https://sqs.eu-west-1.amazonaws.com/123456789012/q', defaults), { ...q, region: 'eu-west-1' });
    assert.deepEqual(parseQueueUrl('https://eu-west-1.queue.amazonaws.com/123456789012/q', defaults), { ...q, region: 'eu-west-1' });
    assert.deepEqual(parseQueueUrl('http://localhost:4566/queue/eu-central-1/123456789012/q', defaults), { ...q, region: 'eu-central-1' });
    assert.deepEqual(parseQueueUrl('http://localhost:4566/000000000000/q.fifo', defaults), { ...q, accountId: '000000000000', name: 'q.fifo' });
    assert.deepEqual(parseQueueUrl('q', defaults), q);
  });

  it('rejects URLs that name no queue', () => {
    assert.equal(parseQueueUrl('', defaults), undefined);
    assert.equal(parseQueueUrl('http://localhost:4566/', defaults), undefined);
    assert.equal(parseQueueUrl('http://localhost:4566/not-an-account/q', defaults), undefined);
  });
});
