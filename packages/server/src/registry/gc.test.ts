import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { putBlob, startUpload } from './blobs.js';
import { deleteImages } from './delete.js';
import { collectGarbage } from './gc.js';
import { applyLifecyclePolicy, lifecycleCandidates } from './lifecycle-runner.js';
import { MediaTypes } from './manifest.js';
import { putManifest } from './push.js';
import { createRepository, deleteRepository, updateRepository } from './repositories.js';
import { eventsOf, imageManifest, repo, sha256, testContext } from './testing/fixtures.js';

const HOUR = 3_600_000;
const options = { graceMs: HOUR, uploadTtlMs: 24 * HOUR, lockTimeoutMs: 1000 };
const config = Buffer.from('{}');
const layer = (n: number) => Buffer.from(`layer ${n}`);

async function pushed(ctx: ReturnType<typeof testContext>, name: string, layers: Buffer[], tag?: string) {
  const ref = repo(name);
  for (const b of [config, ...layers]) await putBlob(ctx, ref, b, sha256(b));
  return putManifest(ctx, ref, { bytes: imageManifest(config, layers), contentType: MediaTypes.ociManifest, tag });
}

describe('garbage collection', () => {
  it('keeps referenced blobs and fresh uploads, deletes what nothing references after the grace period', async () => {
    const ctx = testContext();
    await createRepository(ctx, repo('a'));
    await createRepository(ctx, repo('b'));
    const kept = await pushed(ctx, 'a', [layer(1)], 'v1');
    await pushed(ctx, 'b', [layer(2)], 'v1');
    await putBlob(ctx, repo('a'), layer(3), sha256(layer(3)));

    let report = await collectGarbage(ctx, options);
    assert.equal(report.blobsDeleted, 0, 'a dangling layer survives its grace period');

    await deleteRepository(ctx, repo('b'), true);
    ctx.clock.advance(2 * HOUR);
    report = await collectGarbage(ctx, options);
    const left = new Set(ctx.storage.blobs.blobs.keys());
    assert.ok(left.has(kept.digest) && left.has(sha256(layer(1))) && left.has(sha256(config)));
    assert.ok(!left.has(sha256(layer(2))), "the deleted repository's layer is gone");
    assert.ok(!left.has(sha256(layer(3))), 'the never-referenced layer is gone');
    assert.equal(report.blobsDeleted, 3, 'layer 2, layer 3 and b:v1 manifest');
  });

  it('aborts uploads idle past their time to live', async () => {
    const ctx = testContext();
    await createRepository(ctx, repo('a'));
    await startUpload(ctx, repo('a'));
    assert.equal((await collectGarbage(ctx, options)).uploadsAborted, 0);
    ctx.clock.advance(25 * HOUR);
    assert.equal((await collectGarbage(ctx, options)).uploadsAborted, 1);
  });

  it('skips a round rather than wait forever on pushes in flight', async () => {
    const ctx = testContext();
    let release!: () => void;
    const push = ctx.lock.withShared(() => new Promise<void>((r) => (release = r)));
    assert.equal((await collectGarbage(ctx, { ...options, lockTimeoutMs: 10 })).skipped, true);
    release();
    await push;
  });
});

describe('lifecycle policies applied', () => {
  it('expire what the policy selects, with DELETE events, and leave the rest', async () => {
    const ctx = testContext();
    const ref = repo('a');
    await createRepository(ctx, ref);
    const old = await pushed(ctx, 'a', [layer(1)], 'old');
    ctx.clock.advance(24 * HOUR);
    const young = await pushed(ctx, 'a', [layer(2)], 'young');
    const policy = JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } }] });
    await updateRepository(ctx, ref, (r) => ({ ...r, lifecyclePolicyText: policy }));
    assert.deepEqual((await lifecycleCandidates(ctx, ref, policy)).map((c) => [c.digest, c.tags, c.rulePriority]), [[old.digest, ['old'], 1]]);
    assert.equal(await applyLifecyclePolicy(ctx, ref), 1);
    assert.deepEqual(eventsOf(ctx.storage).slice(-1), [{ result: 'SUCCESS', 'repository-name': 'a', 'image-digest': old.digest, 'action-type': 'DELETE', 'image-tag': 'old' }]);
    assert.equal((await deleteImages(ctx, ref, [{ imageDigest: young.digest }]))[0].ok, true);
  });
});
