import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { awsCli, startBosun, testAccount, type BosunProcess, awsJson } from './harness.js';

/**
 * EventBridge → SNS → SQS: a rule whose target is a topic publishes each matched event (or its
 * transformed input) as the message; the topic's subscriptions, filter policies included, take it
 * from there.
 */


function receive(bosun: BosunProcess, url: string, count: number, settleMs = 0): string[] {
  const got: string[] = [];
  const deadline = Date.now() + 15_000;
  let settleUntil = 0;
  for (;;) {
    const out = awsJson(bosun, ['sqs', 'receive-message', '--queue-url', url, '--max-number-of-messages', '10', '--wait-time-seconds', '1']);
    for (const m of (out.Messages ?? []) as { Body: string; ReceiptHandle: string }[]) {
      got.push(m.Body);
      awsJson(bosun, ['sqs', 'delete-message', '--queue-url', url, '--receipt-handle', m.ReceiptHandle]);
    }
    if (got.length >= count && settleUntil === 0) settleUntil = Date.now() + settleMs;
    if ((settleUntil && Date.now() >= settleUntil) || Date.now() > deadline) return got;
  }
}

describe('EventBridge rules with SNS topic targets', () => {
  let bosun: BosunProcess;
  before(async () => {
    bosun = await startBosun();
  });
  after(async () => {
    await bosun.dispose();
  });

  it('PutEvents → rule → topic → subscribed queue, for both aws CLIs', () => {
    const topicArn = String(awsJson(bosun, ['sns', 'create-topic', '--name', 'deployments']).TopicArn);
    const queueUrl = String(awsJson(bosun, ['sqs', 'create-queue', '--queue-name', 'deployments']).QueueUrl);
    const queueArn = `arn:aws:sqs:us-east-1:${testAccount}:deployments`;
    awsJson(bosun, ['sns', 'subscribe', '--topic-arn', topicArn, '--protocol', 'sqs', '--notification-endpoint', queueArn, '--attributes', '{"FilterPolicyScope":"MessageBody","FilterPolicy":"{\\"detail\\":{\\"env\\":[\\"prod\\"]}}"}']);
    awsJson(bosun, ['events', 'put-rule', '--name', 'to-sns', '--event-pattern', '{"source":["bosun.test"]}']);
    awsJson(bosun, ['events', 'put-targets', '--rule', 'to-sns', '--targets', JSON.stringify([{ Id: 'topic', Arn: topicArn }])]);

    for (const which of ['v1', 'v2'] as const) {
      const entries = [
        { Source: 'bosun.test', DetailType: 'deploy', Detail: JSON.stringify({ env: 'prod', which }) },
        { Source: 'bosun.test', DetailType: 'deploy', Detail: JSON.stringify({ env: 'dev', which }) },
        { Source: 'other', DetailType: 'deploy', Detail: JSON.stringify({ env: 'prod', which }) },
      ];
      const put = awsJson(bosun, ['events', 'put-events', '--entries', JSON.stringify(entries)], which);
      assert.equal(put.FailedEntryCount, 0);
      const bodies = receive(bosun, queueUrl, 1, 1_500);
      assert.equal(bodies.length, 1, `only the prod event from the matching source (${which})`);
      const envelope = JSON.parse(bodies[0]) as Record<string, string>;
      assert.equal(envelope.Type, 'Notification');
      assert.equal(envelope.TopicArn, topicArn);
      assert.ok(envelope.Signature);
      const event = JSON.parse(envelope.Message) as { source: string; 'detail-type': string; detail: { env: string; which: string }; account: string };
      assert.deepEqual([event.source, event['detail-type'], event.detail, event.account], ['bosun.test', 'deploy', { env: 'prod', which }, testAccount]);
    }
  });

  it('an input transformer shapes the message', () => {
    const topicArn = String(awsJson(bosun, ['sns', 'create-topic', '--name', 'alerts']).TopicArn);
    const queueUrl = String(awsJson(bosun, ['sqs', 'create-queue', '--queue-name', 'alerts']).QueueUrl);
    awsJson(bosun, ['sns', 'subscribe', '--topic-arn', topicArn, '--protocol', 'sqs', '--notification-endpoint', `arn:aws:sqs:us-east-1:${testAccount}:alerts`, '--attributes', 'RawMessageDelivery=true']);
    awsJson(bosun, ['events', 'put-rule', '--name', 'alerts', '--event-pattern', '{"source":["bosun.alerts"]}']);
    awsJson(bosun, [
      'events', 'put-targets', '--rule', 'alerts', '--targets',
      JSON.stringify([{ Id: 'topic', Arn: topicArn, InputTransformer: { InputPathsMap: { level: '$.detail.level' }, InputTemplate: '"Alert at level <level>"' } }]),
    ]);
    awsJson(bosun, ['events', 'put-events', '--entries', JSON.stringify([{ Source: 'bosun.alerts', DetailType: 'alert', Detail: '{"level":"high"}' }])]);
    assert.deepEqual(receive(bosun, queueUrl, 1), ['"Alert at level high"']);
  });
});
