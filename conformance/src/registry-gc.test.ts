import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { BatchDeleteImageCommand, CreateRepositoryCommand, ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { sdkConfig, startBosun, type BosunProcess } from './harness.js';

/**
 * Garbage collection running every second while skopeo pushes and pulls: no push fails, every
 * image pulls back intact, and the blobs of deleted images are collected.
 */

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function skopeo(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('skopeo', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`skopeo ${args.join(' ')}: ${err}`))));
  });
}

/** An OCI layout with two random gzip layers; returns the layer digests. */
function layout(dir: string): string[] {
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = (b: Buffer) => (writeFileSync(join(dir, 'blobs', 'sha256', sha256(b).slice(7)), b), { digest: sha256(b), size: b.length });
  const layers = [0, 1].map(() => gzipSync(randomBytes(256 * 1024)));
  const config = put(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } })));
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config }, layers: layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...put(l) })) }));
  const top = put(manifest);
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...top, annotations: { 'org.opencontainers.image.ref.name': 'latest' } }] }));
  return layers.map(sha256);
}

describe('garbage collection while pushes go on', () => {
  let bosun: BosunProcess;
  let work: string;
  before(async () => {
    bosun = await startBosun({ env: { BOSUN_REGISTRY_GC_INTERVAL_SECONDS: '1', BOSUN_REGISTRY_GC_GRACE_SECONDS: '3' } });
    work = mkdtempSync(join(tmpdir(), 'bosun-registry-gc-'));
  });
  after(async () => {
    await bosun.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('never takes a blob a push or an image needs, and collects what deleted images left', async () => {
    const ecr = new ECRClient(sdkConfig(bosun.url));
    const token = await ecr.send(new GetAuthorizationTokenCommand({}));
    const creds = Buffer.from(token.authorizationData![0].authorizationToken!, 'base64').toString('utf8');
    const host = new URL(bosun.url).host;
    const names = [0, 1, 2, 3, 4, 5].map((i) => `gc/app-${i}`);
    for (const repositoryName of names) await ecr.send(new CreateRepositoryCommand({ repositoryName }));
    const deadline = Date.now() + 6000;
    let round = 0;
    while (Date.now() < deadline) {
      round += 1;
      await Promise.all(
        names.map(async (name, i) => {
          const dir = join(work, `${round}-${i}`);
          const layers = layout(dir);
          await skopeo(['copy', '--dest-tls-verify=false', '--dest-creds', creds, `oci:${dir}:latest`, `docker://${host}/${name}:r${round}`]);
          const out = join(work, `${round}-${i}-out`);
          await skopeo(['copy', '--src-tls-verify=false', '--src-creds', creds, `docker://${host}/${name}:r${round}`, `oci:${out}:x`]);
          for (const digest of layers) assert.ok(existsSync(join(out, 'blobs', 'sha256', digest.slice(7))), `${name} r${round} pulled back ${digest}`);
          if (i % 2 === 0) await ecr.send(new BatchDeleteImageCommand({ repositoryName: name, imageIds: [{ imageTag: `r${round}` }] }));
        }),
      );
    }
    assert.ok(round >= 2, `ran ${round} rounds`);
    const collectedBy = Date.now() + 10_000;
    let deleted = 0;
    while (Date.now() < collectedBy && deleted === 0) {
      await new Promise((r) => setTimeout(r, 500));
      deleted = bosun.logs.filter((l) => l.msg === 'registry garbage collected').reduce((n, l) => n + Number(l.blobsDeleted ?? 0), 0);
    }
    assert.ok(deleted > 0, 'the deleted images’ blobs were collected');
    for (const name of names.filter((_, i) => i % 2 === 1)) {
      await skopeo(['copy', '--src-tls-verify=false', '--src-creds', creds, `docker://${host}/${name}:r1`, `oci:${join(work, `${name.replace('/', '-')}-final`)}:x`]);
    }
  });
});
