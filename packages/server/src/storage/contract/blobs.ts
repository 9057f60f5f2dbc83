import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DigestMismatchError } from '../interfaces.js';
import { collect, digestOf, failingStream, readAll, streamOf, useHarness, type HarnessFactory } from './harness.js';

const bytes = (text: string) => Buffer.from(text);

/** BlobStore whole-blob operations: put/stat/read/ranges, digest verification, list, delete, races, durability. */
export function blobsContract(name: string, factory: HarnessFactory): void {
  describe(`${name}: blobs`, () => {
    const h = useHarness(factory);

    it('puts bytes and streams, addressed by sha256, and reads them back', async () => {
      const { storage } = h();
      const data = bytes('hello, registry');
      const info = await storage.blobs.put(data);
      assert.deepEqual(info, { digest: digestOf(data), size: data.length });
      assert.deepEqual(await storage.blobs.stat(info.digest), info);
      assert.deepEqual(await readAll(await storage.blobs.read(info.digest)), data);
      const streamed = bytes('streamed content '.repeat(100));
      const streamedInfo = await storage.blobs.put(streamOf(streamed));
      assert.equal(streamedInfo.digest, digestOf(streamed));
      assert.deepEqual(await readAll(await storage.blobs.read(streamedInfo.digest)), streamed);
    });

    it('stores an empty blob', async () => {
      const { storage } = h();
      const info = await storage.blobs.put(new Uint8Array(0));
      assert.deepEqual(info, { digest: digestOf(''), size: 0 });
      assert.equal((await readAll(await storage.blobs.read(info.digest))).length, 0);
    });

    it('reads inclusive byte ranges, clamping the end, rejecting unsatisfiable ones', async () => {
      const { storage } = h();
      const data = bytes('0123456789');
      const { digest } = await storage.blobs.put(data);
      assert.equal((await readAll(await storage.blobs.read(digest, { start: 2, end: 5 }))).toString(), '2345');
      assert.equal((await readAll(await storage.blobs.read(digest, { start: 9, end: 9 }))).toString(), '9');
      assert.equal((await readAll(await storage.blobs.read(digest, { start: 7, end: 100 }))).toString(), '789');
      await assert.rejects(storage.blobs.read(digest, { start: 10, end: 12 }), RangeError);
      await assert.rejects(storage.blobs.read(digest, { start: 5, end: 4 }), RangeError);
    });

    it('verifies an expected sha256 or sha512 digest', async () => {
      const { storage } = h();
      const data = bytes('layer');
      assert.deepEqual(await storage.blobs.put(data, digestOf(data)), { digest: digestOf(data), size: 5 });
      const sha512 = digestOf(data, 'sha512');
      assert.deepEqual(await storage.blobs.put(streamOf(data), sha512), { digest: sha512, size: 5 });
      assert.deepEqual(await readAll(await storage.blobs.read(sha512)), data);
    });

    it('rejects content that does not match, leaving nothing visible', async () => {
      const { storage } = h();
      const data = bytes('actual');
      for (const algorithm of ['sha256', 'sha512'] as const) {
        const claimed = digestOf('claimed', algorithm);
        await assert.rejects(storage.blobs.put(streamOf(data), claimed), (error: unknown) => {
          assert.ok(error instanceof DigestMismatchError);
          assert.equal(error.expected, claimed);
          assert.equal(error.actual, digestOf(data, algorithm));
          return true;
        });
        assert.equal(await storage.blobs.stat(claimed), undefined);
        assert.equal(await storage.blobs.stat(digestOf(data, algorithm)), undefined);
      }
      assert.deepEqual(await collect(storage.blobs.list()), []);
    });

    it('rejects a malformed expected digest', async () => {
      const { storage } = h();
      await assert.rejects(storage.blobs.put(bytes('x'), 'sha256:XYZ'));
      await assert.rejects(storage.blobs.put(bytes('x'), 'md5:0123456789abcdef0123456789abcdef'));
      assert.deepEqual(await collect(storage.blobs.list()), []);
    });

    it('leaves nothing behind when the source stream fails', async () => {
      const { storage } = h();
      await assert.rejects(storage.blobs.put(failingStream(bytes('partial'))), /client went away/);
      assert.deepEqual(await collect(storage.blobs.list()), []);
    });

    it('answers undefined/false for absent or malformed digests', async () => {
      const { storage } = h();
      const absent = digestOf('absent');
      assert.equal(await storage.blobs.stat(absent), undefined);
      assert.equal(await storage.blobs.read(absent), undefined);
      assert.equal(await storage.blobs.delete(absent), false);
      assert.equal(await storage.blobs.stat('sha256:../../etc/passwd'), undefined);
      assert.equal(await storage.blobs.read('nonsense'), undefined);
    });

    it('lists and deletes', async () => {
      const { storage } = h();
      const infos = await Promise.all(['a', 'b', 'c'].map((t) => storage.blobs.put(bytes(t))));
      const sha512 = await storage.blobs.put(bytes('d'), digestOf('d', 'sha512'));
      const byDigest = (x: { digest: string }, y: { digest: string }) => x.digest.localeCompare(y.digest);
      assert.deepEqual((await collect(storage.blobs.list())).sort(byDigest), [...infos, sha512].sort(byDigest));
      assert.equal(await storage.blobs.delete(infos[0].digest), true);
      assert.equal(await storage.blobs.delete(infos[0].digest), false);
      assert.equal(await storage.blobs.stat(infos[0].digest), undefined);
      assert.equal(await storage.blobs.read(infos[0].digest), undefined);
      assert.equal((await collect(storage.blobs.list())).length, 3);
    });

    it('survives concurrent puts of the same content', async () => {
      const { storage } = h();
      const data = bytes('same layer pushed by many clients '.repeat(2000));
      const digest = digestOf(data);
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => storage.blobs.put(i % 2 ? streamOf(data, 4096) : data, i % 3 ? digest : undefined)),
      );
      for (const info of results) assert.deepEqual(info, { digest, size: data.length });
      assert.deepEqual(await readAll(await storage.blobs.read(digest)), data);
      assert.deepEqual(await collect(storage.blobs.list()), [{ digest, size: data.length }]);
    });

    it('keeps blobs across close and reopen', async () => {
      const { storage } = h();
      const data = bytes('durable');
      const info = await storage.blobs.put(data);
      const reopened = await h().reopen();
      assert.deepEqual(await reopened.blobs.stat(info.digest), info);
      assert.deepEqual(await readAll(await reopened.blobs.read(info.digest)), data);
    });
  });
}
