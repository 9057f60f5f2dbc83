import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DigestMismatchError, UploadOffsetError, UploadUnknownError } from '../interfaces.js';
import { collect, digestOf, failingStream, readAll, streamOf, useHarness, type HarnessFactory } from './harness.js';

const bytes = (text: string) => Buffer.from(text);

/** BlobStore chunked uploads: offsets, sizes, completion with verification, abort, listing, restarts. */
export function uploadsContract(name: string, factory: HarnessFactory): void {
  describe(`${name}: uploads`, () => {
    const h = useHarness(factory);

    it('appends chunks at their offsets and publishes on completion', async () => {
      const { storage } = h();
      const id = await storage.blobs.createUpload();
      assert.equal(await storage.blobs.uploadSize(id), 0);
      assert.equal(await storage.blobs.appendUpload(id, bytes('hello '), 0), 6);
      assert.equal(await storage.blobs.appendUpload(id, streamOf(bytes('chunked ')), 6), 14);
      assert.equal(await storage.blobs.appendUpload(id, bytes('world')), 19);
      assert.equal(await storage.blobs.uploadSize(id), 19);
      const whole = bytes('hello chunked world');
      assert.equal(await storage.blobs.stat(digestOf(whole)), undefined, 'not visible before completion');
      const info = await storage.blobs.completeUpload(id, digestOf(whole));
      assert.deepEqual(info, { digest: digestOf(whole), size: 19 });
      assert.deepEqual(await readAll(await storage.blobs.read(info.digest)), whole);
      assert.equal(await storage.blobs.uploadSize(id), undefined);
      await assert.rejects(storage.blobs.appendUpload(id, bytes('more')), UploadUnknownError);
    });

    it('refuses an append at the wrong offset and keeps the upload as it was', async () => {
      const { storage } = h();
      const id = await storage.blobs.createUpload();
      await storage.blobs.appendUpload(id, bytes('abc'), 0);
      await assert.rejects(storage.blobs.appendUpload(id, bytes('zzz'), 2), (error: unknown) => {
        assert.ok(error instanceof UploadOffsetError);
        assert.equal(error.uploadId, id);
        assert.equal(error.expected, 2);
        assert.equal(error.actual, 3);
        return true;
      });
      await assert.rejects(storage.blobs.appendUpload(id, bytes('zzz'), 4), UploadOffsetError);
      assert.equal(await storage.blobs.uploadSize(id), 3);
      assert.deepEqual(await storage.blobs.completeUpload(id, digestOf('abc')), { digest: digestOf('abc'), size: 3 });
    });

    it('serialises concurrent appends to one upload', async () => {
      const { storage } = h();
      const id = await storage.blobs.createUpload();
      const parts = Array.from({ length: 10 }, (_, i) => bytes(`part${i};`));
      const sizes = await Promise.all(parts.map((p) => storage.blobs.appendUpload(id, streamOf(p, 2))));
      assert.deepEqual([...sizes].sort((a, b) => a - b), parts.map((_, i) => (i + 1) * 6));
      assert.equal(await storage.blobs.uploadSize(id), 60);
    });

    it('keeps the previous size when an append stream fails', async () => {
      const { storage } = h();
      const id = await storage.blobs.createUpload();
      await storage.blobs.appendUpload(id, bytes('good'));
      await assert.rejects(storage.blobs.appendUpload(id, failingStream(bytes('half')), 4));
      assert.equal(await storage.blobs.uploadSize(id), 4);
      await storage.blobs.appendUpload(id, bytes('+more'), 4);
      assert.equal((await storage.blobs.completeUpload(id, digestOf('good+more'))).size, 9);
    });

    it('consumes the upload on a digest mismatch and publishes nothing', async () => {
      const { storage } = h();
      const id = await storage.blobs.createUpload();
      await storage.blobs.appendUpload(id, bytes('content'));
      await assert.rejects(storage.blobs.completeUpload(id, digestOf('other')), DigestMismatchError);
      assert.equal(await storage.blobs.uploadSize(id), undefined);
      assert.equal(await storage.blobs.stat(digestOf('content')), undefined);
      assert.deepEqual(await collect(storage.blobs.list()), []);
      assert.deepEqual(await storage.blobs.listUploads(), []);
    });

    it('completes with sha512', async () => {
      const { storage } = h();
      const id = await storage.blobs.createUpload();
      await storage.blobs.appendUpload(id, bytes('five'));
      const digest = digestOf('five', 'sha512');
      assert.deepEqual(await storage.blobs.completeUpload(id, digest), { digest, size: 4 });
      assert.deepEqual(await readAll(await storage.blobs.read(digest)), bytes('five'));
    });

    it('aborts', async () => {
      const { storage } = h();
      const id = await storage.blobs.createUpload();
      await storage.blobs.appendUpload(id, bytes('x'));
      assert.equal(await storage.blobs.abortUpload(id), true);
      assert.equal(await storage.blobs.abortUpload(id), false);
      assert.equal(await storage.blobs.uploadSize(id), undefined);
      await assert.rejects(storage.blobs.completeUpload(id, digestOf('x')), UploadUnknownError);
    });

    it('treats unknown and malformed ids as unknown uploads', async () => {
      const { storage } = h();
      for (const id of ['never-created', '../bosun.db', '']) {
        assert.equal(await storage.blobs.uploadSize(id), undefined);
        assert.equal(await storage.blobs.abortUpload(id), false);
        await assert.rejects(storage.blobs.appendUpload(id, bytes('x')), UploadUnknownError);
        await assert.rejects(storage.blobs.completeUpload(id, digestOf('x')), UploadUnknownError);
      }
    });

    it('lists uploads with their size and last-modified clock time', async () => {
      const { storage, clock } = h();
      const created = clock.now();
      const a = await storage.blobs.createUpload();
      const b = await storage.blobs.createUpload();
      clock.advance(60_000);
      await storage.blobs.appendUpload(b, bytes('1234'));
      const listed = (await storage.blobs.listUploads()).sort((x, y) => x.size - y.size);
      assert.deepEqual(listed, [
        { id: a, size: 0, modifiedAt: created },
        { id: b, size: 4, modifiedAt: created + 60_000 },
      ]);
    });

    it('resumes an upload after a restart and verifies all of its bytes', async () => {
      const { storage } = h();
      const id = await storage.blobs.createUpload();
      await storage.blobs.appendUpload(id, bytes('before restart, '), 0);
      const reopened = await h().reopen();
      assert.equal(await reopened.blobs.uploadSize(id), 16);
      assert.deepEqual((await reopened.blobs.listUploads()).map((u) => u.id), [id]);
      const other = await reopened.blobs.createUpload();
      assert.notEqual(other, id, 'a new upload must not reuse a surviving id');
      assert.equal(await reopened.blobs.appendUpload(id, bytes('after restart'), 16), 29);
      const whole = 'before restart, after restart';
      await assert.rejects(reopened.blobs.completeUpload(other, digestOf(whole)), DigestMismatchError);
      assert.deepEqual(await reopened.blobs.completeUpload(id, digestOf(whole)), { digest: digestOf(whole), size: 29 });
      assert.deepEqual(await readAll(await reopened.blobs.read(digestOf(whole))), bytes(whole));
    });
  });
}
