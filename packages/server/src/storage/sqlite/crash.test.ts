import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { it } from 'node:test';
import { ManualClock } from '../../core/clock.js';
import { SequentialIds } from '../../core/ids.js';
import { openEmbeddedStorage } from '../index.js';

const child = fileURLToPath(new URL('./crash-child.js', import.meta.url));

/** Runs the child until it reported `commits` resolved commits, then SIGKILLs it; returns what it reported. */
async function runAndKill(dataDir: string, commits: number, sqliteWorker: boolean): Promise<{ committed: string[]; upload: [string, number] }> {
  const proc = spawn(process.execPath, [child, dataDir, ...(sqliteWorker ? ['worker'] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  const committed: string[] = [];
  let upload: [string, number] | undefined;
  for await (const line of createInterface({ input: proc.stdout })) {
    const [kind, a, b] = line.split(' ');
    if (kind === 'upload') upload = [a, Number(b)];
    if (kind === 'commit') committed.push(a);
    if (committed.length >= commits) {
      proc.kill('SIGKILL');
      break;
    }
  }
  await new Promise((resolve) => (proc.exitCode !== null || proc.signalCode !== null ? resolve(null) : proc.once('exit', resolve)));
  assert.ok(upload, 'child reported its upload');
  return { committed, upload };
}

for (const sqliteWorker of [false, true]) {
  it(`embedded${sqliteWorker ? ' (SQLite worker)' : ''}: every commit that resolved before a SIGKILL is there after reopening, whole`, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'bosun-crash-'));
    try {
      const { committed, upload } = await runAndKill(dataDir, 300, sqliteWorker);
      const storage = await openEmbeddedStorage({ dataDir, clock: new ManualClock(), ids: new SequentialIds() });
      try {
        for (const key of committed) assert.ok(await storage.metadata.get('t', key), `lost commit ${key}`);
        // Atomicity: commits in flight at the kill are either wholly there or wholly absent.
        const items = await storage.metadata.count('t');
        const events = await storage.journal.read(0, 1_000_000);
        assert.equal(events.length, items);
        assert.equal(await storage.deliveries.depth('q'), items);
        assert.deepEqual(new Set(events.map((e) => e.body)), new Set((await storage.metadata.list('t')).map((i) => i.key)));
        assert.equal(await storage.blobs.uploadSize(upload[0]), upload[1]);
      } finally {
        await storage.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
}
