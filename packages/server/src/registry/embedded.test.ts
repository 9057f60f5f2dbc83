import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ManualClock, SequentialIds } from '../core/index.js';
import { openEmbeddedStorage, type Storage } from '../storage/index.js';
import { putBlob } from './blobs.js';
import type { RegistryContext } from './context.js';
import { deleteImages } from './delete.js';
import { collectGarbage } from './gc.js';
import { resolveImage } from './images.js';
import { SharedExclusiveLock } from './lock.js';
import { MediaTypes } from './manifest.js';
import { putManifest } from './push.js';
import { createRepository } from './repositories.js';
import { imageManifest, repo, sha256 } from './testing/fixtures.js';

/** The registry over the real embedded backend (SQLite + content-addressed files), not the in-memory double. */
describe('registry on the embedded storage', () => {
  let dir: string;
  let storage: Storage;
  let ctx: RegistryContext & { clock: ManualClock };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bosun-registry-embedded-'));
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const ids = new SequentialIds();
    storage = await openEmbeddedStorage({ dataDir: dir, clock, ids });
    ctx = { storage, clock, ids, lock: new SharedExclusiveLock(), options: { createOnPush: false } };
  });
  after(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pushes, journals the PUSH in the same commit, deletes and collects', async () => {
    const ref = repo('embedded/app');
    await createRepository(ctx, ref);
    const config = Buffer.from('{}');
    const layer = Buffer.from('embedded layer');
    for (const b of [config, layer]) await putBlob(ctx, ref, b, sha256(b));
    const seqBefore = await storage.journal.lastSeq();
    const pushed = await putManifest(ctx, ref, { bytes: imageManifest(config, [layer]), contentType: MediaTypes.ociManifest, tag: 'v1' });
    const records = await storage.journal.read(seqBefore, 10);
    assert.equal(records.length, 1);
    assert.equal(records[0].stream, 'arn:aws:events:us-east-1:123456789012:event-bus/default');
    assert.equal(JSON.parse(records[0].body).detail['image-digest'], pushed.digest);
    assert.equal((await resolveImage(ctx, ref, { tag: 'v1' }))?.digest, pushed.digest);

    assert.deepEqual((await collectGarbage(ctx, { graceMs: 3_600_000, uploadTtlMs: 86_400_000, lockTimeoutMs: 1000 })).blobsDeleted, 0);
    assert.ok((await deleteImages(ctx, ref, [{ imageTag: 'v1' }]))[0].ok);
    ctx.clock.advance(2 * 3_600_000);
    const report = await collectGarbage(ctx, { graceMs: 3_600_000, uploadTtlMs: 86_400_000, lockTimeoutMs: 1000 });
    assert.equal(report.blobsDeleted, 3, 'config, layer and manifest');
    assert.equal(await storage.blobs.stat(sha256(layer)), undefined);
  });
});
