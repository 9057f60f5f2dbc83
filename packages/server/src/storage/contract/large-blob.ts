import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { useHarness, type HarnessFactory } from './harness.js';

const MB = 1024 * 1024;
const TOTAL_MB = 200;
/** Far below the 200 MB a buffering implementation would need (it would hold the blob at least once). */
const MAX_GROWTH = 120 * MB;

/** Fresh, distinct 1 MB chunks (so a store that keeps references really holds 200 MB), hashed as they go. */
function generated(hash: ReturnType<typeof createHash>): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < TOTAL_MB; i++) {
        const chunk = Buffer.alloc(MB, i % 251);
        chunk.writeUInt32BE(i, 0);
        hash.update(chunk);
        yield chunk;
      }
    })(),
    { objectMode: false, highWaterMark: MB },
  );
}

/** Samples RSS while `work` runs and returns the peak growth over the starting value. */
async function peakGrowth(work: () => Promise<void>): Promise<number> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage.rss()) - start;
}

/** A 200 MB blob goes in and comes out as a stream, with memory bounded well below its size. */
export function largeBlobContract(name: string, factory: HarnessFactory): void {
  describe(`${name}: large blob`, () => {
    const h = useHarness(factory);

    it(`streams a ${TOTAL_MB} MB blob in and out without holding it in memory`, async () => {
      const { storage } = h();
      const sent = createHash('sha256');
      let digest = '';
      const growthIn = await peakGrowth(async () => {
        const info = await storage.blobs.put(generated(sent));
        digest = info.digest;
        assert.equal(info.size, TOTAL_MB * MB);
      });
      assert.equal(digest, `sha256:${sent.digest('hex')}`);
      assert.ok(growthIn < MAX_GROWTH, `put grew RSS by ${Math.round(growthIn / MB)} MB`);

      const received = createHash('sha256');
      let size = 0;
      const growthOut = await peakGrowth(async () => {
        for await (const chunk of (await storage.blobs.read(digest)) as AsyncIterable<Buffer>) {
          received.update(chunk);
          size += chunk.length;
        }
      });
      assert.equal(size, TOTAL_MB * MB);
      assert.equal(`sha256:${received.digest('hex')}`, digest);
      assert.ok(growthOut < MAX_GROWTH, `read grew RSS by ${Math.round(growthOut / MB)} MB`);

      const tail: Buffer[] = [];
      for await (const chunk of (await storage.blobs.read(digest, { start: TOTAL_MB * MB - 4, end: TOTAL_MB * MB - 1 })) as AsyncIterable<Buffer>) {
        tail.push(chunk);
      }
      assert.deepEqual(Buffer.concat(tail), Buffer.alloc(4, (TOTAL_MB - 1) % 251));
    });
  });
}
