import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../core/clock.js';
import { SequentialIds } from '../../core/ids.js';
import { storageContract, type StorageHarness } from '../contract/index.js';
import { openEmbeddedStorage } from '../index.js';

/** Every contract suite against SQLite + files (in-process and on a worker thread), each test in its own temp data dir. */
for (const sqliteWorker of [false, true]) storageContract(sqliteWorker ? 'embedded (SQLite worker)' : 'embedded', () => openHarness(sqliteWorker));

async function openHarness(sqliteWorker: boolean): Promise<StorageHarness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bosun-storage-'));
  const clock = new ManualClock();
  // A fresh SequentialIds per open mimics a restart with a deterministic id source: ids repeat.
  const open = () => openEmbeddedStorage({ dataDir, clock, ids: new SequentialIds(), sqliteWorker });
  const harness: StorageHarness = {
    storage: await open(),
    clock,
    async reopen() {
      await harness.storage.close();
      harness.storage = await open();
      return harness.storage;
    },
    async cleanup() {
      await harness.storage.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
