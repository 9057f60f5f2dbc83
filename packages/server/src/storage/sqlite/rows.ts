import type { Delivery, Item, JournalRecord } from '../interfaces.js';

/**
 * Row shapes as better-sqlite3 returns them, and their mapping to the storage types.
 * Pure functions: kept apart from the statements so the encoding rules live in one place.
 */

export interface MetadataRow {
  key: string;
  value: string;
  version: number;
}

export interface JournalRow {
  seq: number;
  stream: string;
  body: string;
  appended_at: number;
}

export interface DeliveryRow {
  seq: number;
  queue: string;
  body: string;
  meta: string;
  attempts: number;
  enqueued_at: number;
  not_before: number;
  last_error: string | null;
}

/** JSON text for a metadata value; `undefined` (which JSON cannot hold) is stored as null. */
export function encodeValue(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

export function toItem<T>(row: MetadataRow): Item<T> {
  return { key: row.key, value: JSON.parse(row.value) as T, version: row.version };
}

export function toRecord(row: JournalRow): JournalRecord {
  return { seq: row.seq, stream: row.stream, body: row.body, appendedAt: row.appended_at };
}

export function toDelivery(row: DeliveryRow): Delivery {
  const delivery: Delivery = {
    id: String(row.seq),
    queue: row.queue,
    body: row.body,
    meta: JSON.parse(row.meta) as Record<string, unknown>,
    attempts: row.attempts,
    enqueuedAt: row.enqueued_at,
    notBefore: row.not_before,
    seq: row.seq,
  };
  if (row.last_error !== null) delivery.lastError = row.last_error;
  return delivery;
}

/** Delivery ids are row seqs as decimal text; anything else names no delivery. */
export function deliverySeq(id: string): number | undefined {
  if (!/^[1-9][0-9]{0,15}$/.test(id)) return undefined;
  const seq = Number(id);
  return Number.isSafeInteger(seq) ? seq : undefined;
}

/** SQLite treats a negative LIMIT as "no limit"; callers asking for ≤ 0 rows must get none. */
export function sqlLimit(limit: number | undefined): number {
  if (limit === undefined) return -1;
  return Math.max(0, Math.floor(limit));
}
