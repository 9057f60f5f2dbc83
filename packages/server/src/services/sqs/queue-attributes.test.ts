import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyAttributes, defaultAttributes, firstDifference, normaliseAttributes, settingsOf } from './queue-attributes.js';

const dlqArn = 'arn:aws:sqs:us-east-1:123456789012:dlq';
const fifoDlqArn = 'arn:aws:sqs:us-east-1:123456789012:dlq.fifo';
const lookup = (arn: string) => (arn === dlqArn ? { fifo: false } : arn === fifoDlqArn ? { fifo: true } : undefined);
const standard = { fifo: false, lookup };
const fifo = { fifo: true, lookup };

describe('queue attributes', () => {
  it('defaults as SQS does', () => {
    const s = settingsOf(defaultAttributes(false));
    assert.deepEqual(
      [s.delaySeconds, s.maximumMessageSize, s.messageRetentionPeriod, s.receiveMessageWaitTimeSeconds, s.visibilityTimeout, s.fifo],
      [0, 1_048_576, 345_600, 0, 30, false],
    );
    assert.equal(defaultAttributes(true).DeduplicationScope, 'queue');
  });

  it('checks integer ranges, refusing signs, spaces and fractions', () => {
    assert.deepEqual(normaliseAttributes({ VisibilityTimeout: '0', DelaySeconds: '900', MessageRetentionPeriod: '60' }, standard), {
      VisibilityTimeout: '0',
      DelaySeconds: '900',
      MessageRetentionPeriod: '60',
    });
    const cases: [string, string][] = [
      ['DelaySeconds', '901'],
      ['DelaySeconds', '-45'],
      ['DelaySeconds', ' 6'],
      ['DelaySeconds', ''],
      ['MaximumMessageSize', '1023'],
      ['MaximumMessageSize', '1048577'],
      ['MessageRetentionPeriod', '1209601'],
      ['MessageRetentionPeriod', '65.2'],
      ['ReceiveMessageWaitTimeSeconds', '21'],
      ['VisibilityTimeout', '43201'],
      ['KmsDataKeyReusePeriodSeconds', '86405'],
    ];
    for (const [name, value] of cases) {
      assert.throws(() => normaliseAttributes({ [name]: value }, standard), { code: 'InvalidAttributeValue', message: `Invalid value for the parameter ${name}.` }, `${name}=${value}`);
    }
  });

  it('knows which names exist and which are FIFO-only', () => {
    assert.throws(() => normaliseAttributes({ Bogus: '1' }, standard), { code: 'InvalidAttributeName', message: 'Unknown Attribute Bogus.' });
    assert.throws(() => normaliseAttributes({ ContentBasedDeduplication: 'true' }, standard), { message: 'Unknown Attribute ContentBasedDeduplication.' });
    assert.throws(() => normaliseAttributes({ DeduplicationScope: 'queue' }, standard), {
      message: 'You can specify the DeduplicationScope only when FifoQueue is set to true.',
    });
    assert.deepEqual(normaliseAttributes({ ContentBasedDeduplication: 'TRUE', DeduplicationScope: 'messageGroup' }, fifo), {
      ContentBasedDeduplication: 'true',
      DeduplicationScope: 'messageGroup',
    });
    assert.throws(() => normaliseAttributes({ FifoQueue: 'false' }, fifo), { message: 'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.' });
  });

  it('validates and normalises RedrivePolicy', () => {
    const given = JSON.stringify({ maxReceiveCount: '3', deadLetterTargetArn: dlqArn });
    assert.deepEqual(normaliseAttributes({ RedrivePolicy: given }, standard), { RedrivePolicy: `{"deadLetterTargetArn":"${dlqArn}","maxReceiveCount":3}` });
    assert.deepEqual(normaliseAttributes({ RedrivePolicy: '' }, standard), { RedrivePolicy: null });
    const reason = (policy: object) => {
      const raw = JSON.stringify(policy);
      try {
        normaliseAttributes({ RedrivePolicy: raw }, standard);
      } catch (e) {
        return (e as Error).message.replace(`Value ${raw} for parameter RedrivePolicy is invalid. Reason: `, '');
      }
      return 'accepted';
    };
    assert.equal(reason({}), 'Redrive policy does not contain mandatory attribute: maxReceiveCount.');
    assert.equal(reason({ maxReceiveCount: 5 }), 'Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
    assert.equal(reason({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1001 }), 'Invalid value for maxReceiveCount: 1001, valid values are from 1 to 1000 both inclusive.');
    assert.equal(reason({ deadLetterTargetArn: 'arn:aws:sns:us-east-1:123456789012:t', maxReceiveCount: 5 }), 'Only SQS queues are valid resources for deadLetterTargetArn.');
    assert.equal(reason({ deadLetterTargetArn: fifoDlqArn, maxReceiveCount: 5 }), 'Dead-letter queue must be same type of queue as the source..');
    assert.equal(reason({ deadLetterTargetArn: `${dlqArn}-gone`, maxReceiveCount: 5 }), 'Dead letter target does not exist.');
    assert.equal(reason({ deadLetterTargetArn: dlqArn, maxReceiveCount: 5, extra: 1 }), 'Only following attributes are supported: [maxReceiveCount, deadLetterTargetArn].');
    assert.throws(() => normaliseAttributes({ RedrivePolicy: ' ' }, standard), { message: 'Invalid value for the parameter RedrivePolicy. Reason: Redrive policy is not a valid JSON map.' });
  });

  it('validates RedriveAllowPolicy and Policy', () => {
    normaliseAttributes({ RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [dlqArn] }) }, standard);
    assert.throws(() => normaliseAttributes({ RedriveAllowPolicy: '{"redrivePermission":"byQueue"}' }, standard), /you must also specify one or more sourceQueueArns values/);
    assert.throws(() => normaliseAttributes({ RedriveAllowPolicy: 'badjson' }, standard), /unsupported format/);
    assert.throws(() => normaliseAttributes({ Policy: '[]' }, standard), { message: 'Invalid value for the parameter Policy.' });
    assert.deepEqual(normaliseAttributes({ Policy: '' }, standard), { Policy: null });
  });

  it('lets KMS encryption replace SQS-managed encryption, but not both at once', () => {
    const next = applyAttributes(defaultAttributes(false), normaliseAttributes({ KmsMasterKeyId: 'alias/aws/sqs' }, standard));
    assert.equal(next.SqsManagedSseEnabled, 'false');
    assert.equal(next.KmsDataKeyReusePeriodSeconds, '300');
    assert.throws(() => normaliseAttributes({ SqsManagedSseEnabled: 'true', KmsMasterKeyId: 'k' }, standard), /one type of server-side encryption/);
  });

  it('finds the first attribute that differs from an existing queue', () => {
    const current = defaultAttributes(false);
    assert.equal(firstDifference(current, { VisibilityTimeout: '30', Policy: null }), undefined);
    assert.equal(firstDifference(current, { VisibilityTimeout: '31' }), 'VisibilityTimeout');
  });
});
