import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ociLayout, skopeo } from './images.js';
import { awsCli, startBosun, testAccount, testRegion, type BosunProcess, awsJson } from './harness.js';

/**
 * The mission's whole path for the first-wave targets: a real image push (skopeo) emits
 * `ECR Image Action`, and one rule on `aws.ecr` hands it to a CloudWatch Logs log group, an SNS
 * topic (with an SQS subscription) and a Kinesis stream. Each is read back with that service's own
 * aws CLI commands and must hold the same event, in the documented envelope.
 */





async function eventually<T>(read: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = read();
    if (v !== undefined) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('a pushed image reaches a log group, a topic and a stream', () => {
  let bosun: BosunProcess;
  let work: string;
  before(async () => {
    bosun = await startBosun();
    work = mkdtempSync(join(tmpdir(), 'bosun-ecr-targets-'));
  });
  after(async () => {
    await bosun.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('delivers the same ECR Image Action event to each, read back with each service’s commands', async () => {
    awsJson(bosun, ['logs', 'create-log-group', '--log-group-name', '/aws/events/ecr']);
    const topicArn = String(awsJson(bosun, ['sns', 'create-topic', '--name', 'images']).TopicArn);
    const queueUrl = String(awsJson(bosun, ['sqs', 'create-queue', '--queue-name', 'image-notifications']).QueueUrl);
    const queueArn = String((awsJson(bosun, ['sqs', 'get-queue-attributes', '--queue-url', queueUrl, '--attribute-names', 'QueueArn']).Attributes as Record<string, string>).QueueArn);
    awsJson(bosun, ['sns', 'subscribe', '--topic-arn', topicArn, '--protocol', 'sqs', '--notification-endpoint', queueArn]);
    awsJson(bosun, ['kinesis', 'create-stream', '--stream-name', 'images', '--shard-count', '1']);
    const streamArn = String((awsJson(bosun, ['kinesis', 'describe-stream-summary', '--stream-name', 'images']).StreamDescriptionSummary as Record<string, string>).StreamARN);
    awsJson(bosun, ['events', 'put-rule', '--name', 'image-pushes', '--event-pattern', JSON.stringify({ source: ['aws.ecr'], 'detail-type': ['ECR Image Action'], detail: { 'action-type': ['PUSH'] } })]);
    const targets = [
      { Id: 'logs', Arn: `arn:aws:logs:${testRegion}:${testAccount}:log-group:/aws/events/ecr` },
      { Id: 'topic', Arn: topicArn },
      { Id: 'stream', Arn: streamArn },
    ];
    assert.equal(awsJson(bosun, ['events', 'put-targets', '--rule', 'image-pushes', '--targets', JSON.stringify(targets)]).FailedEntryCount, 0);

    awsJson(bosun, ['ecr', 'create-repository', '--repository-name', 'team/app']);
    const password = awsCli('v1', bosun.url, ['ecr', 'get-login-password']).stdout.trim();
    ociLayout(join(work, 'img'), 'first-wave targets layer');
    await skopeo(['copy', '--dest-tls-verify=false', '--dest-creds', `AWS:${password}`, `oci:${join(work, 'img')}:latest`, `docker://${new URL(bosun.url).host}/team/app:v7`]);
    // The digest of the manifest as the registry stored it (skopeo may re-serialise the layout's).
    const pushed = (awsJson(bosun, ['ecr', 'describe-images', '--repository-name', 'team/app']).imageDetails as { imageDigest: string; imageTags: string[] }[])[0];
    assert.deepEqual(pushed.imageTags, ['v7']);
    const digest = pushed.imageDigest;

    // CloudWatch Logs: one stream per event, named by the event id; the message is the event.
    const fromLogs = await eventually(() => {
      const streams = awsJson(bosun, ['logs', 'describe-log-streams', '--log-group-name', '/aws/events/ecr']).logStreams as { logStreamName: string }[];
      if (!streams.length) return undefined;
      const got = awsJson(bosun, ['logs', 'get-log-events', '--log-group-name', '/aws/events/ecr', '--log-stream-name', streams[0].logStreamName, '--start-from-head']).events as { message: string }[];
      return got.length ? { stream: streams[0].logStreamName, message: got[0].message } : undefined;
    }, 'the log event');
    const event = JSON.parse(fromLogs.message) as Record<string, unknown>;
    assert.equal(fromLogs.stream, event.id);
    assert.deepEqual(Object.keys(event), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    assert.deepEqual(
      { ...event, id: '<id>', time: '<time>' },
      {
        version: '0',
        id: '<id>',
        'detail-type': 'ECR Image Action',
        source: 'aws.ecr',
        account: testAccount,
        time: '<time>',
        region: testRegion,
        resources: [],
        detail: { result: 'SUCCESS', 'repository-name': 'team/app', 'image-digest': digest, 'action-type': 'PUSH', 'image-tag': 'v7' },
      },
    );
    assert.match(String(event.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    // SNS → SQS: the notification envelope carries the event as its Message.
    const notification = await eventually(() => {
      const m = (awsJson(bosun, ['sqs', 'receive-message', '--queue-url', queueUrl, '--wait-time-seconds', '1']).Messages ?? []) as { Body: string }[];
      return m.length ? (JSON.parse(m[0].Body) as Record<string, string>) : undefined;
    }, 'the SNS notification');
    assert.equal(notification.Type, 'Notification');
    assert.equal(notification.TopicArn, topicArn);
    assert.equal(notification.Message, fromLogs.message);

    // Kinesis: the record's data is the event, partitioned by the event id (no PartitionKeyPath).
    const shardId = String(((awsJson(bosun, ['kinesis', 'list-shards', '--stream-name', 'images']).Shards as { ShardId: string }[])[0]).ShardId);
    const iterator = String(awsJson(bosun, ['kinesis', 'get-shard-iterator', '--stream-name', 'images', '--shard-id', shardId, '--shard-iterator-type', 'TRIM_HORIZON']).ShardIterator);
    const record = await eventually(() => {
      const r = (awsJson(bosun, ['kinesis', 'get-records', '--shard-iterator', iterator]).Records ?? []) as { Data: string; PartitionKey: string }[];
      return r[0];
    }, 'the Kinesis record');
    assert.equal(Buffer.from(record.Data, 'base64').toString('utf8'), fromLogs.message);
    assert.equal(record.PartitionKey, event.id);
  });
});
