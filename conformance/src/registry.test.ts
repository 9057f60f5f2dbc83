import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { CreateRepositoryCommand, DescribeImagesCommand, ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { awsCli, sdkConfig, startBosun, testAccount, type BosunProcess } from './harness.js';

/**
 * The registry with real clients: skopeo and podman push and pull through Bosun's /v2/ with ECR
 * auth, images made by podman, by umoci and by hand (an OCI layout written here), a multi-arch
 * index, and the aws CLI seeing the pushes.
 */

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/**
 * Run a client asynchronously: a synchronous spawn would stop this process from reading Bosun's
 * log pipe, and a full pipe would stall the server mid-test.
 */
function tryRun(cmd: string, args: string[], input?: string): Promise<{ status: number; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => resolve({ status: -1, stdout, stderr: stderr + String(e) }));
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

async function run(cmd: string, args: string[], input?: string): Promise<string> {
  const r = await tryRun(cmd, args, input);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** A one-file tar archive, ustar format, written by hand (no tools needed). */
function tarOf(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write(`${Math.floor(Date.UTC(2026, 0, 1) / 1000).toString(8).padStart(11, '0')}\0`, 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const pad = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, pad, Buffer.alloc(1024)]);
}

interface Layout {
  dir: string;
  manifests: Buffer[];
  index?: Buffer;
  layerDigests: string[][];
}

/** A hand-made OCI image layout: one image per architecture, under an index when there are several. */
function writeLayout(dir: string, architectures: string[], seed: string): Layout {
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = (b: Buffer) => {
    writeFileSync(join(dir, 'blobs', 'sha256', sha256(b).slice(7)), b);
    return { digest: sha256(b), size: b.length };
  };
  const manifests: Buffer[] = [];
  const layerDigests: string[][] = [];
  for (const architecture of architectures) {
    const layers = [1, 2].map((n) => tarOf(`file-${n}.txt`, Buffer.from(`${seed} ${architecture} layer ${n}\n`.repeat(100 * n))));
    const config = Buffer.from(JSON.stringify({ architecture, os: 'linux', rootfs: { type: 'layers', diff_ids: layers.map(sha256) }, config: {} }));
    const gz = layers.map((l) => gzipSync(l));
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...put(config) },
        layers: gz.map((g) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...put(g) })),
      }),
    );
    put(manifest);
    manifests.push(manifest);
    layerDigests.push(gz.map(sha256));
  }
  let top: { mediaType: string; digest: string; size: number };
  let index: Buffer | undefined;
  if (manifests.length === 1) top = { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...put(manifests[0]) };
  else {
    index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: manifests.map((m, i) => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha256(m), size: m.length, platform: { architecture: architectures[i], os: 'linux' } })),
      }),
    );
    top = { mediaType: 'application/vnd.oci.image.index.v1+json', ...put(index) };
  }
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ ...top, annotations: { 'org.opencontainers.image.ref.name': 'latest' } }] }));
  return { dir, manifests, index, layerDigests };
}

describe('registry with skopeo, podman and umoci', () => {
  let bosun: BosunProcess;
  let ecr: ECRClient;
  let host: string;
  let password: string;
  let work: string;
  const creds = () => `AWS:${password}`;

  before(async () => {
    bosun = await startBosun();
    ecr = new ECRClient(sdkConfig(bosun.url));
    host = new URL(bosun.url).host;
    for (const name of ['hand/single', 'hand/multi', 'umoci/image', 'podman/image', 'mounted/target']) await ecr.send(new CreateRepositoryCommand({ repositoryName: name }));
    const token = await ecr.send(new GetAuthorizationTokenCommand({}));
    password = Buffer.from(token.authorizationData![0].authorizationToken!, 'base64').toString('utf8').slice(4);
    work = mkdtempSync(join(tmpdir(), 'bosun-registry-'));
  });
  after(async () => {
    await bosun.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('the repositoryUri CreateRepository returned is host:port/name', async () => {
    const r = awsCli('v1', bosun.url, ['ecr', 'describe-repositories', '--repository-names', 'hand/single']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { repositories: { repositoryUri: string }[] }).repositories[0].repositoryUri, `${host}/hand/single`);
  });

  it('skopeo pushes a hand-made OCI image and pulls it back byte for byte', async () => {
    const layout = writeLayout(join(work, 'single'), ['amd64'], 'single');
    await run('skopeo', ['copy', '--dest-tls-verify=false', '--dest-creds', creds(), `oci:${layout.dir}:latest`, `docker://${host}/hand/single:v1`]);
    const raw = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', '--creds', creds(), `docker://${host}/hand/single:v1`]);
    assert.equal(raw, layout.manifests[0].toString(), 'the manifest comes back byte for byte');
    const out = join(work, 'single-out');
    await run('skopeo', ['copy', '--src-tls-verify=false', '--src-creds', creds(), `docker://${host}/hand/single:v1`, `oci:${out}:pulled`]);
    for (const digest of layout.layerDigests[0]) {
      const hex = digest.slice(7);
      assert.deepEqual(readFileSync(join(out, 'blobs', 'sha256', hex)), readFileSync(join(layout.dir, 'blobs', 'sha256', hex)), `layer ${digest} intact`);
    }
  });

  it('skopeo converts to Docker schema 2 on the way in, and the registry serves it as such', async () => {
    const layout = join(work, 'single');
    await run('skopeo', ['copy', '--format', 'v2s2', '--dest-tls-verify=false', '--dest-creds', creds(), `oci:${layout}:latest`, `docker://${host}/hand/single:docker`]);
    const raw = JSON.parse(await run('skopeo', ['inspect', '--raw', '--tls-verify=false', '--creds', creds(), `docker://${host}/hand/single:docker`])) as { mediaType: string };
    assert.equal(raw.mediaType, 'application/vnd.docker.distribution.manifest.v2+json');
    const r = awsCli('v1', bosun.url, ['ecr', 'describe-images', '--repository-name', 'hand/single', '--image-ids', 'imageTag=docker']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { imageDetails: { imageManifestMediaType: string }[] }).imageDetails[0].imageManifestMediaType, 'application/vnd.docker.distribution.manifest.v2+json');
  });

  it('skopeo copies a multi-arch index with all its images, and the aws CLI sees them', async () => {
    const layout = writeLayout(join(work, 'multi'), ['amd64', 'arm64'], 'multi');
    await run('skopeo', ['copy', '--all', '--dest-tls-verify=false', '--dest-creds', creds(), `oci:${layout.dir}:latest`, `docker://${host}/hand/multi:latest`]);
    const raw = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', '--creds', creds(), `docker://${host}/hand/multi:latest`]);
    assert.equal(raw, layout.index!.toString());
    const arm = JSON.parse(await run('skopeo', ['inspect', '--override-arch', 'arm64', '--tls-verify=false', '--creds', creds(), `docker://${host}/hand/multi:latest`])) as { Layers: string[]; Digest: string };
    assert.deepEqual(arm.Layers, layout.layerDigests[1]);
    const images = await ecr.send(new DescribeImagesCommand({ repositoryName: 'hand/multi' }));
    const byDigest = new Map(images.imageDetails!.map((d) => [d.imageDigest, d]));
    assert.equal(byDigest.size, 3);
    assert.deepEqual(byDigest.get(sha256(layout.index!))?.imageTags, ['latest']);
    assert.equal(byDigest.get(sha256(layout.index!))?.imageManifestMediaType, 'application/vnd.oci.image.index.v1+json');
    for (const m of layout.manifests) assert.equal(byDigest.get(sha256(m))?.imageTags, undefined, 'children are untagged');
    const out = join(work, 'multi-out');
    await run('skopeo', ['copy', '--all', '--src-tls-verify=false', '--src-creds', creds(), `docker://${host}/hand/multi:latest`, `oci:${out}:pulled`]);
    assert.deepEqual(readFileSync(join(out, 'blobs', 'sha256', sha256(layout.index!).slice(7))), layout.index);
  });

  it('umoci builds an image with no container tool, skopeo pushes it', async () => {
    const layout = join(work, 'umoci');
    await run('umoci', ['init', '--layout', layout]);
    await run('umoci', ['new', '--image', `${layout}:latest`]);
    const file = join(work, 'umoci-file.txt');
    writeFileSync(file, 'made by umoci\n');
    await run('umoci', ['insert', '--image', `${layout}:latest`, file, '/umoci-file.txt']);
    await run('umoci', ['config', '--image', `${layout}:latest`, '--config.cmd', '/bin/true']);
    await run('skopeo', ['copy', '--dest-tls-verify=false', '--dest-creds', creds(), `oci:${layout}:latest`, `docker://${host}/umoci/image:v1`]);
    const local = JSON.parse(await run('skopeo', ['inspect', `oci:${layout}:latest`])) as { Layers: string[] };
    const remote = JSON.parse(await run('skopeo', ['inspect', '--tls-verify=false', '--creds', creds(), `docker://${host}/umoci/image:v1`])) as { Layers: string[] };
    assert.deepEqual(remote.Layers, local.Layers);
  });

  it('podman logs in with `aws ecr get-login-password`, pushes a built image and pulls it back', async () => {
    const login = awsCli('v2', bosun.url, ['ecr', 'get-login-password']);
    assert.equal(login.status, 0, login.stderr);
    const authfile = join(work, 'auth.json');
    await run('podman', ['login', '--authfile', authfile, '--tls-verify=false', '-u', 'AWS', '--password-stdin', host], login.stdout.trim());
    const ctx = join(work, 'podman-ctx');
    mkdirSync(ctx, { recursive: true });
    writeFileSync(join(ctx, 'data.txt'), 'built by podman\n');
    writeFileSync(join(ctx, 'Containerfile'), 'FROM scratch\nCOPY data.txt /data.txt\n');
    const tag = `localhost/bosun-conformance-${process.pid}:v1`;
    await run('podman', ['build', '-q', '-t', tag, ctx]);
    try {
      await run('podman', ['push', '--authfile', authfile, '--tls-verify=false', tag, `${host}/podman/image:v1`]);
      await run('podman', ['rmi', '-f', tag]);
      await run('podman', ['pull', '--authfile', authfile, '--tls-verify=false', `${host}/podman/image:v1`]);
      const out = await run('podman', ['image', 'inspect', '--format', '{{.RepoTags}}', `${host}/podman/image:v1`]);
      assert.match(out, /podman\/image:v1/);
    } finally {
      await tryRun('podman', ['rmi', '-f', tag, `${host}/podman/image:v1`]);
    }
    const images = awsCli('v1', bosun.url, ['ecr', 'describe-images', '--repository-name', 'podman/image']);
    assert.equal(images.status, 0, images.stderr);
    assert.deepEqual((JSON.parse(images.stdout) as { imageDetails: { imageTags: string[] }[] }).imageDetails.map((d) => d.imageTags), [['v1']]);
  });

  it('skopeo mounts blobs from another repository instead of uploading them again', async () => {
    await run('skopeo', ['copy', '--src-tls-verify=false', '--dest-tls-verify=false', '--src-creds', creds(), '--dest-creds', creds(), `docker://${host}/hand/single:v1`, `docker://${host}/mounted/target:v1`]);
    await new Promise((r) => setTimeout(r, 200));
    const mounts = bosun.logs.filter((l) => l.method === 'POST' && String(l.path).startsWith('/v2/mounted/target/blobs/uploads') && l.status === 201);
    assert.ok(mounts.length >= 2, `expected mounts, saw ${mounts.length}`);
  });

  it('refuses credentials it did not issue with the 401 challenge, and unknown repositories as ECR does', async () => {
    const bad = await tryRun('skopeo', ['inspect', '--tls-verify=false', '--creds', 'AWS:not-a-token', `docker://${host}/hand/single:v1`]);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /unauthorized|authentication required|401/i);
    const layout = join(work, 'single');
    const missing = await tryRun('skopeo', ['copy', '--dest-tls-verify=false', '--dest-creds', creds(), `oci:${layout}:latest`, `docker://${host}/no/such-repo:v1`]);
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, new RegExp(`The repository with name 'no/such-repo' does not exist in the registry with id '${testAccount}'`));
  });
});

describe('registry with create-on-push', () => {
  it('creates the repository on the first push when configured to', async () => {
    const bosun = await startBosun({ env: { BOSUN_REGISTRY_CREATE_ON_PUSH: 'true' } });
    const work = mkdtempSync(join(tmpdir(), 'bosun-registry-cop-'));
    try {
      const ecr = new ECRClient(sdkConfig(bosun.url));
      const token = await ecr.send(new GetAuthorizationTokenCommand({}));
      const password = Buffer.from(token.authorizationData![0].authorizationToken!, 'base64').toString('utf8').slice(4);
      const layout = writeLayout(join(work, 'img'), ['amd64'], 'cop');
      await run('skopeo', ['copy', '--dest-tls-verify=false', '--dest-creds', `AWS:${password}`, `oci:${layout.dir}:latest`, `docker://${new URL(bosun.url).host}/fresh/repo:v1`]);
      const images = await ecr.send(new DescribeImagesCommand({ repositoryName: 'fresh/repo' }));
      assert.deepEqual(images.imageDetails?.map((d) => d.imageTags), [['v1']]);
    } finally {
      await bosun.dispose();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
