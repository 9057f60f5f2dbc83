import { ConditionFailedError } from '../interfaces.js';
import { StorageClosedError } from './group-commit.js';

/**
 * Messages between `WorkerSqliteStorage` (main thread) and `worker-thread.ts`, which owns the
 * SQLite connection. Calls name one method of one store; `now` is the caller's clock at a commit.
 */

export type StoreName = 'storage' | 'metadata' | 'journal' | 'deliveries';

export interface WorkerCall {
  id: number;
  store: StoreName;
  method: string;
  args: unknown[];
  now?: number;
}

export interface SerializedError {
  name: string;
  message: string;
  table?: string;
  key?: string;
}

export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };

export interface WorkerInit {
  path: string;
}

export function serializeError(e: unknown): SerializedError {
  if (e instanceof ConditionFailedError) return { name: e.name, message: e.message, table: e.table, key: e.key };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

/** The error classes callers test for (`instanceof`) come back as themselves. */
export function deserializeError(e: SerializedError): Error {
  if (e.name === 'ConditionFailedError' && e.table !== undefined && e.key !== undefined) return new ConditionFailedError(e.table, e.key);
  if (e.name === 'StorageClosedError') return new StorageClosedError();
  const error = new Error(e.message);
  error.name = e.name;
  return error;
}
