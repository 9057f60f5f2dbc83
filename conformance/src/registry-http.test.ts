import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { CreateRepositoryCommand, DescribeImagesCommand, ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { sdkConfig, startBosun, testAccount, type BosunProcess } from './harness.js';

/**
 * The distribution API over plain HTTP, as the spec words it: chunked and resumable uploads,
 * ranges, tags pagination, referrers, deletes — and bad input answered with the spec's error codes
 * while stored data stays intact.
 */

const sha256 = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const sha512 = (b: Buffer | string) => `sha512:${createHash('sha512').update(b).digest('hex')}`;
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json<T = { errors: { code: string; message: string }[] }>(): T;
}

describe('distribution API over HTTP', () => {
  let bosun: BosunProcess;
  let base: string;
  let auth: string;

  async function call(method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await fetch(`${base}${path}`, { method, body, headers: { authorization: auth, ...headers }, redirect: 'manual' });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
  }
  const code = (r: Reply) => r.json().errors[0].code;

  async function pushBlob(repo: string, blob: Buffer): Promise<string> {
    const r = await call('POST', `/v2/${repo}/blobs/uploads/?digest=${sha256(blob)}`, blob, { 'content-type': 'application/octet-stream' });
    assert.equal(r.status, 201, r.text);
    return sha256(blob);
  }

  function manifestOf(config: Buffer, layers: Buffer[], extra: Record<string, unknown> = {}): Buffer {
    return Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length },
        layers: layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256(l), size: l.length })),
        ...extra,
      }),
    );
  }

  const config = Buffer.from('{"architecture":"amd64","os":"linux"}');
  const layer = Buffer.from('x'.repeat(10_000));

  before(async () => {
    bosun = await startBosun({ env: { BOSUN_REGISTRY_GC_INTERVAL_SECONDS: '0' } });
    base = bosun.url;
    const ecr = new ECRClient(sdkConfig(bosun.url));
    for (const name of ['http/app', 'http/other']) await ecr.send(new CreateRepositoryCommand({ repositoryName: name }));
    const token = await ecr.send(new GetAuthorizationTokenCommand({}));
    auth = `Basic ${token.authorizationData![0].authorizationToken!}`;
    await pushBlob('http/app', config);
    await pushBlob('http/app', layer);
  });
  after(async () => {
    await bosun.dispose();
  });

  it('answers /v2/ with 200 and the API version header once authenticated, else with ECR’s challenge', async () => {
    const ok = await call('GET', '/v2/');
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('docker-distribution-api-version'), 'registry/2.0');
    const anon = await fetch(`${base}/v2/`);
    assert.equal(anon.status, 401);
    assert.equal(anon.headers.get('www-authenticate'), `Basic realm="${base}/",service="ecr.amazonaws.com"`);
    assert.equal((await anon.text()).trim(), 'Not Authorized');
  });

  it('routes an AWS-shaped host by the region in it, which must be the token’s', async () => {
    const get = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(base);
        const req = request({ host: url.hostname, port: url.port, path: '/v2/', headers: { host, authorization: auth } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    assert.equal(await get(`${testAccount}.dkr.ecr.us-east-1.bosun.example:5000`), 200);
    assert.equal(await get(`${testAccount}.dkr.ecr.eu-west-1.bosun.example:5000`), 401);
    assert.equal(await get('999999999999.dkr.ecr.us-east-1.bosun.example:5000'), 401);
  });

  it('runs a chunked upload with Content-Range, reports progress, and resumes after a failed chunk', async () => {
    const blob = Buffer.from('0123456789'.repeat(1000));
    const start = await call('POST', '/v2/http/app/blobs/uploads/');
    assert.equal(start.status, 202);
    const location = start.headers.get('location')!;
    assert.equal(start.headers.get('range'), '0-0');
    const first = await call('PATCH', location, blob.subarray(0, 4000), { 'content-range': '0-3999', 'content-type': 'application/octet-stream' });
    assert.equal(first.status, 202);
    assert.equal(first.headers.get('range'), '0-3999');
    const wrongOffset = await call('PATCH', location, blob.subarray(5000, 6000), { 'content-range': '5000-5999' });
    assert.equal(wrongOffset.status, 416);
    assert.equal(code(wrongOffset), 'BLOB_UPLOAD_INVALID');
    assert.equal(wrongOffset.headers.get('range'), '0-3999');
    const status = await call('GET', location);
    assert.equal(status.status, 204);
    assert.equal(status.headers.get('range'), '0-3999');
    const second = await call('PATCH', location, blob.subarray(4000), { 'content-range': `4000-${blob.length - 1}` });
    assert.equal(second.status, 202);
    const done = await call('PUT', `${location}?digest=${sha256(blob)}`);
    assert.equal(done.status, 201);
    assert.equal(done.headers.get('docker-content-digest'), sha256(blob));
    const head = await call('HEAD', `/v2/http/app/blobs/${sha256(blob)}`);
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(blob.length));
  });

  it('keeps the upload at its last good size when a chunk is cut off mid-way', async () => {
    const start = await call('POST', '/v2/http/app/blobs/uploads/');
    const location = start.headers.get('location')!;
    await call('PATCH', location, Buffer.from('a'.repeat(100)));
    await new Promise<void>((resolve) => {
      const url = new URL(location, base);
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'PATCH', headers: { authorization: auth, 'content-length': '100000' } });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(50_000, 98), () => setTimeout(() => (req.destroy(), resolve()), 100));
    });
    await new Promise((r) => setTimeout(r, 200));
    const status = await call('GET', location);
    assert.equal(status.headers.get('range'), '0-99');
    const blob = Buffer.from('a'.repeat(100));
    const wrong = await call('PUT', `${location}?digest=${sha256('something else')}`);
    assert.equal(wrong.status, 400);
    assert.equal(code(wrong), 'DIGEST_INVALID');
    assert.equal((await call('HEAD', `/v2/http/app/blobs/${sha256(blob)}`)).status, 404, 'nothing half-written became visible');
  });

  it('verifies sha512 digests and refuses a wrong one', async () => {
    const blob = Buffer.from('sha512 content');
    const ok = await call('POST', `/v2/http/app/blobs/uploads/?digest=${sha512(blob)}`, blob);
    assert.equal(ok.status, 201);
    const bad = await call('POST', `/v2/http/app/blobs/uploads/?digest=${sha256('not it')}`, blob);
    assert.equal(bad.status, 400);
    assert.equal(code(bad), 'DIGEST_INVALID');
    const malformed = await call('POST', '/v2/http/app/blobs/uploads/?digest=sha256:nothex', blob);
    assert.equal(code(malformed), 'DIGEST_INVALID');
  });

  it('serves byte ranges of a blob', async () => {
    const r = await call('GET', `/v2/http/app/blobs/${sha256(layer)}`, undefined, { range: 'bytes=10-19' });
    assert.equal(r.status, 206);
    assert.equal(r.headers.get('content-range'), `bytes 10-19/${layer.length}`);
    assert.equal(r.text, 'x'.repeat(10));
    const beyond = await call('GET', `/v2/http/app/blobs/${sha256(layer)}`, undefined, { range: `bytes=${layer.length}-` });
    assert.equal(beyond.status, 416);
  });

  it('answers unknown blobs, manifests, uploads and repositories with the spec codes', async () => {
    const cases: [string, string, number, string][] = [
      ['GET', `/v2/http/app/blobs/${sha256('nope')}`, 404, 'BLOB_UNKNOWN'],
      ['GET', '/v2/http/app/manifests/nope', 404, 'MANIFEST_UNKNOWN'],
      ['GET', '/v2/http/app/blobs/uploads/5d3b9a6e-0000-4000-8000-000000000000', 404, 'BLOB_UPLOAD_UNKNOWN'],
      ['GET', '/v2/http/missing/tags/list', 404, 'NAME_UNKNOWN'],
      ['GET', '/v2/Bad_Name/tags/list', 400, 'NAME_INVALID'],
      ['GET', '/v2/http/app/manifests/sha256:short', 400, 'DIGEST_INVALID'],
    ];
    for (const [method, path, status, c] of cases) {
      const r = await call(method, path);
      assert.equal(r.status, status, `${method} ${path}: ${r.text}`);
      assert.equal(code(r), c, path);
    }
    const missing = await call('GET', '/v2/http/missing/tags/list');
    assert.equal(missing.json().errors[0].message, `The repository with name 'http/missing' does not exist in the registry with id '${testAccount}'`);
  });

  it('pushes manifests by tag and digest, negotiates content, lists tags page by page', async () => {
    const manifest = manifestOf(config, [layer]);
    const put = await call('PUT', '/v2/http/app/manifests/v1', manifest, { 'content-type': OCI_MANIFEST });
    assert.equal(put.status, 201);
    assert.equal(put.headers.get('docker-content-digest'), sha256(manifest));
    for (const tag of ['v2', 'v3']) assert.equal((await call('PUT', `/v2/http/app/manifests/${tag}`, manifest, { 'content-type': OCI_MANIFEST })).status, 201);
    const byDigest = await call('PUT', `/v2/http/app/manifests/${sha256(manifest)}`, manifest, { 'content-type': OCI_MANIFEST });
    assert.equal(byDigest.status, 201);
    const get = await call('GET', '/v2/http/app/manifests/v1', undefined, { accept: OCI_MANIFEST });
    assert.equal(get.text, manifest.toString());
    assert.equal(get.headers.get('content-type'), OCI_MANIFEST);
    const head = await call('HEAD', `/v2/http/app/manifests/${sha256(manifest)}`, undefined, { accept: OCI_MANIFEST });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(manifest.length));
    const dockerOnly = await call('GET', '/v2/http/app/manifests/v1', undefined, { accept: 'application/vnd.docker.distribution.manifest.v2+json' });
    assert.equal(dockerOnly.status, 404);
    const page1 = await call('GET', '/v2/http/app/tags/list?n=2');
    assert.deepEqual(page1.json(), { name: 'http/app', tags: ['v1', 'v2'] });
    assert.equal(page1.headers.get('link'), '</v2/http/app/tags/list?n=2&last=v2>; rel="next"');
    const page2 = await call('GET', '/v2/http/app/tags/list?n=2&last=v2');
    assert.deepEqual(page2.json(), { name: 'http/app', tags: ['v3'] });
  });

  it('refuses bad manifests with the spec codes and stores nothing', async () => {
    const before = await new ECRClient(sdkConfig(bosun.url)).send(new DescribeImagesCommand({ repositoryName: 'http/app' }));
    const missingLayer = manifestOf(config, [Buffer.from('never uploaded')]);
    const cases: [Buffer, string, number, string][] = [
      [Buffer.from('{"schemaVersion": 2, "mediaType"'), OCI_MANIFEST, 400, 'MANIFEST_INVALID'],
      [manifestOf(config, [layer]), 'application/vnd.example.unknown+json', 400, 'MANIFEST_INVALID'],
      [Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: 'x', digest: 'sha256:zz', size: 1 }, layers: [] })), OCI_MANIFEST, 400, 'MANIFEST_INVALID'],
      [missingLayer, OCI_MANIFEST, 400, 'MANIFEST_BLOB_UNKNOWN'],
    ];
    for (const [body, type, status, c] of cases) {
      const r = await call('PUT', '/v2/http/app/manifests/bad', body, { 'content-type': type });
      assert.equal(r.status, status, r.text);
      assert.equal(code(r), c);
    }
    const wrongDigest = await call('PUT', `/v2/http/app/manifests/${sha256('other')}`, manifestOf(config, [layer]), { 'content-type': OCI_MANIFEST });
    assert.equal(code(wrongDigest), 'DIGEST_INVALID');
    const after = await new ECRClient(sdkConfig(bosun.url)).send(new DescribeImagesCommand({ repositoryName: 'http/app' }));
    assert.deepEqual(after.imageDetails, before.imageDetails);
    assert.equal((await call('GET', '/v2/http/app/manifests/bad')).status, 404);
  });

  it('lists referrers of a subject, filtered by artifact type', async () => {
    const subject = manifestOf(config, [layer]);
    const sbom = manifestOf(config, [layer], { artifactType: 'application/spdx+json', subject: { mediaType: OCI_MANIFEST, digest: sha256(subject), size: subject.length } });
    const put = await call('PUT', `/v2/http/app/manifests/${sha256(sbom)}`, sbom, { 'content-type': OCI_MANIFEST });
    assert.equal(put.headers.get('oci-subject'), sha256(subject));
    const all = await call('GET', `/v2/http/app/referrers/${sha256(subject)}`);
    assert.equal(all.headers.get('content-type'), 'application/vnd.oci.image.index.v1+json');
    assert.deepEqual(all.json<{ manifests: unknown[] }>().manifests, [{ mediaType: OCI_MANIFEST, digest: sha256(sbom), size: sbom.length, artifactType: 'application/spdx+json' }]);
    const filtered = await call('GET', `/v2/http/app/referrers/${sha256(subject)}?artifactType=application/other`);
    assert.equal(filtered.headers.get('oci-filters-applied'), 'artifactType');
    assert.deepEqual(filtered.json<{ manifests: unknown[] }>().manifests, []);
  });

  it('mounts a blob from another repository, and deletes manifests by tag and digest', async () => {
    const mount = await call('POST', `/v2/http/other/blobs/uploads/?mount=${sha256(layer)}&from=http/app`);
    assert.equal(mount.status, 201);
    assert.equal((await call('HEAD', `/v2/http/other/blobs/${sha256(layer)}`)).status, 200);
    const manifest = manifestOf(config, [layer], { annotations: { delete: 'me' } });
    await pushBlob('http/other', config);
    assert.equal((await call('PUT', '/v2/http/other/manifests/gone', manifest, { 'content-type': OCI_MANIFEST })).status, 201);
    assert.equal((await call('DELETE', '/v2/http/other/manifests/gone')).status, 202);
    assert.equal((await call('GET', `/v2/http/other/manifests/${sha256(manifest)}`)).status, 404, 'the last tag took the image with it');
    assert.equal((await call('DELETE', `/v2/http/other/manifests/${sha256(manifest)}`)).status, 404);
    assert.equal((await call('DELETE', `/v2/http/other/blobs/${sha256(layer)}`)).status, 405);
  });
});

describe('expired registry tokens', () => {
  it('are refused with 403 DENIED and ECR’s message', async () => {
    const bosun = await startBosun({ env: { BOSUN_REGISTRY_TOKEN_TTL_SECONDS: '1' } });
    try {
      const ecr = new ECRClient(sdkConfig(bosun.url));
      const token = await ecr.send(new GetAuthorizationTokenCommand({}));
      const auth = `Basic ${token.authorizationData![0].authorizationToken!}`;
      assert.equal((await fetch(`${bosun.url}/v2/`, { headers: { authorization: auth } })).status, 200);
      await new Promise((r) => setTimeout(r, 1100));
      const r = await fetch(`${bosun.url}/v2/`, { headers: { authorization: auth } });
      assert.equal(r.status, 403);
      assert.deepEqual(await r.json(), { errors: [{ code: 'DENIED', message: 'Your authorization token has expired. Reauthenticate and try again.' }] });
    } finally {
      await bosun.dispose();
    }
  });
});
