import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../core/clock.js';
import type { IdSource } from '../core/ids.js';
import { FileBlobStore } from './files/file-blob-store.js';
import { SqliteStorage } from './sqlite/sqlite-storage.js';
import { WorkerSqliteStorage } from './sqlite/worker-storage.js';

export * from './interfaces.js';
export { StorageClosedError } from './sqlite/group-commit.js';
export { SqliteStorage, type SqliteStorageOptions } from './sqlite/sqlite-storage.js';
export { WorkerSqliteStorage, type WorkerSqliteStorageOptions } from './sqlite/worker-storage.js';
export { FileBlobStore, type FileBlobStoreOptions } from './files/file-blob-store.js';

export interface EmbeddedStorageOptions {
  /** Everything lives here: `bosun.db` (+ WAL files), `blobs/`, `uploads/`, `tmp/`. Created if missing. */
  dataDir: string;
  clock: Clock;
  ids: IdSource;
  /** Run the SQLite connection on a worker thread (config `storage.sqliteWorker`); default here: in-process. */
  sqliteWorker?: boolean;
}

/** The single-node backend: SQLite for metadata, journal and deliveries; files for blobs. */
export function openEmbeddedStorage(options: EmbeddedStorageOptions & { sqliteWorker?: false }): Promise<SqliteStorage>;
export function openEmbeddedStorage(options: EmbeddedStorageOptions): Promise<SqliteStorage | WorkerSqliteStorage>;
export async function openEmbeddedStorage(options: EmbeddedStorageOptions): Promise<SqliteStorage | WorkerSqliteStorage> {
  await mkdir(options.dataDir, { recursive: true });
  const blobs = await FileBlobStore.open({ dir: options.dataDir, clock: options.clock, ids: options.ids });
  const sqlite = { path: join(options.dataDir, 'bosun.db'), clock: options.clock, blobs };
  return options.sqliteWorker ? WorkerSqliteStorage.open(sqlite) : new SqliteStorage(sqlite);
}
