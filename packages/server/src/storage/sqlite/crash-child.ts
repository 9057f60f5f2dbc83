// Test helper process for crash.test.ts: commits as fast as it can and reports each commit (and an
// upload's size) on stdout once it has resolved, until the parent kills it with SIGKILL. A third
// argument `worker` runs SQLite on a worker thread.
import { systemClock } from '../../core/clock.js';
import { randomIds } from '../../core/ids.js';
import { openEmbeddedStorage } from '../index.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-child <dataDir> [worker]');
const storage = await openEmbeddedStorage({ dataDir, clock: systemClock, ids: randomIds, sqliteWorker: process.argv[3] === 'worker' });

const upload = await storage.blobs.createUpload();
const size = await storage.blobs.appendUpload(upload, Buffer.alloc(4096, 7));
process.stdout.write(`upload ${upload} ${size}\n`);

// Several writers at once, so kills land inside multi-commit groups too.
const writer = async (w: number) => {
  for (let i = 0; ; i++) {
    const key = `w${w}-${i}`;
    await storage.commit({
      writes: [{ op: 'put', table: 't', key, value: i }],
      events: [{ stream: 's', body: key }],
      deliveries: [{ queue: 'q', body: key }],
    });
    process.stdout.write(`commit ${key}\n`);
  }
};
await Promise.all([0, 1, 2, 3].map(writer));
