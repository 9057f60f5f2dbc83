import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BatchDeleteImageCommand, CreateRepositoryCommand, DescribeImagesCommand, ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { ociLayout, skopeo } from './images.js';
import { awsCli, sdkConfig, startBosun, testAccount, testRegion, type BosunProcess, awsJson } from './harness.js';

/**
 * ECR Image Action events end to end: a rule on the default bus for `aws.ecr` / `ECR Image Action`
 * with an SQS target receives the PUSH of a skopeo push and the DELETE of BatchDeleteImage, in
 * exactly the envelope the ECR User Guide documents, with the real digest and tag.
 */





describe('ECR Image Action events on the default bus', () => {
  let bosun: BosunProcess;
  let work: string;
  before(async () => {
    bosun = await startBosun();
    work = mkdtempSync(join(tmpdir(), 'bosun-registry-events-'));
  });
  after(async () => {
    await bosun.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('journals the PUSH in the same step as the push, so a rule on its detail matches at once', async () => {
    awsJson(bosun, ['events', 'put-rule', '--name', 'ecr-push-v2', '--event-pattern', JSON.stringify({ source: ['aws.ecr'], 'detail-type': ['ECR Image Action'], detail: { 'action-type': ['PUSH'], 'repository-name': ['events/matched'], 'image-tag': ['v2'] } })]);
    const ecr = new ECRClient(sdkConfig(bosun.url));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'events/matched' }));
    const token = await ecr.send(new GetAuthorizationTokenCommand({}));
    const creds = Buffer.from(token.authorizationData![0].authorizationToken!, 'base64').toString('utf8');
    ociLayout(join(work, 'matched'), 'events layer');
    for (const tag of ['v1', 'v2']) await skopeo(['copy', '--dest-tls-verify=false', '--dest-creds', creds, `oci:${join(work, 'matched')}:latest`, `docker://${new URL(bosun.url).host}/events/matched:${tag}`]);
    const deadline = Date.now() + 10_000;
    let matched = 0;
    while (Date.now() < deadline) {
      const status = (await (await fetch(`${bosun.url}/_bosun/events/status`)).json()) as { rules: { name: string; counters: Record<string, number> }[] };
      matched = status.rules.find((r) => r.name === 'ecr-push-v2')?.counters.MatchedEvents ?? 0;
      if (matched > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(matched, 1, 'exactly the v2 push matched');
  });

  it('delivers the PUSH and DELETE events with exactly the documented shape', async () => {
    const url = String(awsJson(bosun, ['sqs', 'create-queue', '--queue-name', 'ecr-events']).QueueUrl);
    const arn = String((awsJson(bosun, ['sqs', 'get-queue-attributes', '--queue-url', url, '--attribute-names', 'QueueArn']).Attributes as Record<string, string>).QueueArn);
    awsJson(bosun, ['events', 'put-rule', '--name', 'ecr-images', '--event-pattern', JSON.stringify({ source: ['aws.ecr'], 'detail-type': ['ECR Image Action'] })]);
    awsJson(bosun, ['events', 'put-targets', '--rule', 'ecr-images', '--targets', JSON.stringify([{ Id: 'q', Arn: arn }])]);

    const ecr = new ECRClient(sdkConfig(bosun.url));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'events/app' }));
    const token = await ecr.send(new GetAuthorizationTokenCommand({}));
    const creds = Buffer.from(token.authorizationData![0].authorizationToken!, 'base64').toString('utf8');
    ociLayout(join(work, 'img'), 'events layer');
    const before = Date.now();
    await skopeo(['copy', '--dest-tls-verify=false', '--dest-creds', creds, `oci:${join(work, 'img')}:latest`, `docker://${new URL(bosun.url).host}/events/app:v1`]);
    // skopeo compresses the layer on the way, so the pushed manifest is the registry's to tell.
    const pushed = (await ecr.send(new DescribeImagesCommand({ repositoryName: 'events/app', imageIds: [{ imageTag: 'v1' }] }))).imageDetails![0].imageDigest!;
    assert.notEqual(pushed, undefined);
    await ecr.send(new BatchDeleteImageCommand({ repositoryName: 'events/app', imageIds: [{ imageTag: 'v1' }] }));

    const bodies: string[] = [];
    const deadline = Date.now() + 15_000;
    while (bodies.length < 2 && Date.now() < deadline) {
      const out = awsJson(bosun, ['sqs', 'receive-message', '--queue-url', url, '--max-number-of-messages', '10', '--wait-time-seconds', '1']);
      for (const m of (out.Messages ?? []) as { Body: string; ReceiptHandle: string }[]) {
        bodies.push(m.Body);
        awsJson(bosun, ['sqs', 'delete-message', '--queue-url', url, '--receipt-handle', m.ReceiptHandle]);
      }
    }
    assert.equal(bodies.length, 2, `received ${bodies.length} events`);
    const events = bodies.map((b) => JSON.parse(b) as Record<string, unknown>).sort((a, b) => String((a.detail as Record<string, string>)['action-type']).localeCompare(String((b.detail as Record<string, string>)['action-type'])));
    for (const [event, action] of [[events[0], 'DELETE'], [events[1], 'PUSH']] as const) {
      assert.deepEqual(Object.keys(event), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
      assert.match(String(event.id), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.match(String(event.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.ok(Date.parse(String(event.time)) >= Math.floor(before / 1000) * 1000);
      assert.deepEqual(
        { ...event, id: 'x', time: 'x' },
        {
          version: '0',
          id: 'x',
          'detail-type': 'ECR Image Action',
          source: 'aws.ecr',
          account: testAccount,
          time: 'x',
          region: testRegion,
          resources: [],
          detail: { result: 'SUCCESS', 'repository-name': 'events/app', 'image-digest': pushed, 'action-type': action, 'image-tag': 'v1' },
        },
      );
      assert.deepEqual(Object.keys(event.detail as object), ['result', 'repository-name', 'image-digest', 'action-type', 'image-tag']);
    }
  });
});
