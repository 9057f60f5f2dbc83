import { AwsError } from '../../errors/index.js';
import { batchEntryCode, batchEntryIdsNotDistinct, emptyBatchRequest, invalidBatchEntryId, tooManyEntriesInBatchRequest } from './errors.js';
import type { BatchResultErrorEntry } from './model.js';

/**
 * The rules every *Batch operation shares (API reference, SendMessageBatch): 1–10 entries with
 * distinct ids of up to 80 alphanumerics, hyphens and underscores; and per-entry results, where a
 * failed entry reports its query-protocol error code on both protocols. Pure.
 */

const MAX_ENTRIES = 10;
const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

export function checkBatch(entries: readonly { Id: string }[], entryName: string): void {
  if (entries.length === 0) throw emptyBatchRequest(entryName);
  if (entries.length > MAX_ENTRIES) throw tooManyEntriesInBatchRequest(entries.length);
  const seen = new Set<string>();
  for (const { Id } of entries) {
    if (!ENTRY_ID.test(Id)) throw invalidBatchEntryId();
    if (seen.has(Id)) throw batchEntryIdsNotDistinct(Id);
    seen.add(Id);
  }
}

export function failedEntry(id: string, error: unknown): BatchResultErrorEntry {
  if (error instanceof AwsError) return { Id: id, SenderFault: error.fault === 'Sender', Code: batchEntryCode(error), Message: error.message };
  return { Id: id, SenderFault: false, Code: 'InternalError', Message: 'We encountered an internal error. Please try again.' };
}

/** Batch results as SQS sends them: an empty Successful or Failed list is left out. */
export function batchResult<T>(successful: T[], failed: BatchResultErrorEntry[]): { Successful: T[]; Failed: BatchResultErrorEntry[] } {
  const out: Partial<{ Successful: T[]; Failed: BatchResultErrorEntry[] }> = {};
  if (successful.length > 0) out.Successful = successful;
  if (failed.length > 0) out.Failed = failed;
  // The generated result type marks both lists required; the wire encoder omits absent members.
  return out as { Successful: T[]; Failed: BatchResultErrorEntry[] };
}
