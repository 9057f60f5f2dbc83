import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BatchDeleteImageCommand, CreateRepositoryCommand, DescribeImagesCommand, ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { awsCli, sdkConfig, startBosun, testAccount, testRegion, type BosunProcess } from './harness.js';

/**
 * ECR Image Action events end to end: a rule on the default bus for `aws.ecr` / `ECR Image Action`
 * with an SQS target receives the PUSH of a skopeo push and the DELETE of BatchDeleteImage, in
 * exactly the envelope the ECR User Guide documents, with the real digest and tag.
 */

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function cli(bosun: BosunProcess, args: string[]): Record<string, unknown> {
  const r = awsCli('v1', bosun.url, args);
  assert.equal(r.status, 0, `aws ${args.join(' ')}\n${r.stderr}`);
  return r.stdout.trim() ? (JSON.parse(r.stdout) as Record<string, unknown>) : {};
}

function skopeo(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('skopeo', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`skopeo ${args.join(' ')}: ${err}`))));
  });
}

/** A one-layer OCI layout (the layer need not be a real tar for a registry-to-registry copy). */
function layout(dir: string): void {
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = (b: Buffer) => (writeFileSync(join(dir, 'blobs', 'sha256', sha256(b).slice(7)), b), { digest: sha256(b), size: b.length });
  const config = put(Buffer.from('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}'));
  const layer = put(Buffer.from('events layer'));
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config }, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layer }] }));
  const top = put(manifest);
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...top, annotations: { 'org.opencontainers.image.ref.name': 'latest' } }] }));
}

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
    cli(bosun, ['events', 'put-rule', '--name', 'ecr-push-v2', '--event-pattern', JSON.stringify({ source: ['aws.ecr'], 'detail-type': ['ECR Image Action'], detail: { 'action-type': ['PUSH'], 'repository-name': ['events/matched'], 'image-tag': ['v2'] } })]);
    const ecr = new ECRClient(sdkConfig(bosun.url));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'events/matched' }));
    const token = await ecr.send(new GetAuthorizationTokenCommand({}));
    const creds = Buffer.from(token.authorizationData![0].authorizationToken!, 'base64').toString('utf8');
    layout(join(work, 'matched'));
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
    const url = String(cli(bosun, ['sqs', 'create-queue', '--queue-name', 'ecr-events']).QueueUrl);
    const arn = String((cli(bosun, ['sqs', 'get-queue-attributes', '--queue-url', url, '--attribute-names', 'QueueArn']).Attributes as Record<string, string>).QueueArn);
    cli(bosun, ['events', 'put-rule', '--name', 'ecr-images', '--event-pattern', JSON.stringify({ source: ['aws.ecr'], 'detail-type': ['ECR Image Action'] })]);
    cli(bosun, ['events', 'put-targets', '--rule', 'ecr-images', '--targets', JSON.stringify([{ Id: 'q', Arn: arn }])]);

    const ecr = new ECRClient(sdkConfig(bosun.url));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'events/app' }));
    const token = await ecr.send(new GetAuthorizationTokenCommand({}));
    const creds = Buffer.from(token.authorizationData![0].authorizationToken!, 'base64').toString('utf8');
    layout(join(work, 'img'));
    const before = Date.now();
    await skopeo(['copy', '--dest-tls-verify=false', '--dest-creds', creds, `oci:${join(work, 'img')}:latest`, `docker://${new URL(bosun.url).host}/events/app:v1`]);
    // skopeo compresses the layer on the way, so the pushed manifest is the registry's to tell.
    const pushed = (await ecr.send(new DescribeImagesCommand({ repositoryName: 'events/app', imageIds: [{ imageTag: 'v1' }] }))).imageDetails![0].imageDigest!;
    assert.notEqual(pushed, undefined);
    await ecr.send(new BatchDeleteImageCommand({ repositoryName: 'events/app', imageIds: [{ imageTag: 'v1' }] }));

    const bodies: string[] = [];
    const deadline = Date.now() + 15_000;
    while (bodies.length < 2 && Date.now() < deadline) {
      const out = cli(bosun, ['sqs', 'receive-message', '--queue-url', url, '--max-number-of-messages', '10', '--wait-time-seconds', '1']);
      for (const m of (out.Messages ?? []) as { Body: string; ReceiptHandle: string }[]) {
        bodies.push(m.Body);
        cli(bosun, ['sqs', 'delete-message', '--queue-url', url, '--receipt-handle', m.ReceiptHandle]);
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
