import type { MetadataWrite } from '../../storage/index.js';
import type { RequestContext } from '../provider.js';
import { shardPrefix, tables } from './catalog.js';
import { requireStream, type KinesisContext } from './context.js';
import { invalidArgument, messages, recordTooLarge, throughputError } from './errors.js';
import { hashKeyOf, parseHashKey } from './hash-keys.js';
import { shardIdOf, type PutRecordInput, type PutRecordOutput, type PutRecordsInput, type PutRecordsOutput, type PutRecordsResultEntry, type StoredRecord, type StreamRecord } from './model.js';
import { encodeSequence } from './sequence-numbers.js';
import { throughputExceeded } from './throughput.js';

export const MAX_RECORD_BYTES = 1_048_576;
export const MAX_REQUEST_BYTES = 5 * 1_048_576;

export interface RecordEntry {
  data: Uint8Array;
  partitionKey: string;
  explicitHashKey?: string;
}

export type RecordOutcome = { shardIndex: number; sequenceNumber: string } | { errorCode: string; errorMessage: string };

/**
 * Append records to their shards in one commit. Routing, sequence numbers and the commit call
 * happen in one synchronous stretch: commits apply in call order, so within a shard storage order
 * is sequence order even under concurrent PutRecords, and a reader never sees a number appear
 * below one it has already read.
 */
export function appendRecords(kc: KinesisContext, stream: StreamRecord, entries: readonly RecordEntry[]): Promise<RecordOutcome[]> {
  const hashes = entries.map((e) => {
    if (e.explicitHashKey === undefined) return hashKeyOf(e.partitionKey);
    const key = parseHashKey(e.explicitHashKey);
    if (key === undefined) throw invalidArgument(messages.explicitHashKey(e.explicitHashKey));
    return key;
  });
  const now = kc.clock.now();
  const writes: MetadataWrite[] = [];
  const outcomes: RecordOutcome[] = entries.map((e, i) => {
    const shardIndex = kc.catalog.route(stream, hashes[i]!);
    if (kc.throttle && !kc.throttle.admit(`${stream.id}/${shardIndex}`, e.data.length + Buffer.byteLength(e.partitionKey), now)) {
      const t = throughputExceeded(shardIdOf(shardIndex), stream.name, stream.accountId);
      return { errorCode: t.code, errorMessage: t.message };
    }
    const sequenceNumber = encodeSequence(kc.ticks.next(), shardIndex);
    const value: StoredRecord = { d: Buffer.from(e.data).toString('base64'), k: e.partitionKey };
    writes.push({ op: 'put', table: tables.records, key: shardPrefix(stream.id, shardIndex) + sequenceNumber, value });
    return { shardIndex, sequenceNumber };
  });
  if (writes.length === 0) return Promise.resolve(outcomes);
  writes.push({ op: 'put', table: tables.clock, key: 'tick', value: kc.ticks.current() });
  return kc.storage.commit({ writes }).then(() => outcomes);
}

export function recordOperations(kc: KinesisContext) {
  return {
    PutRecord: async (input: PutRecordInput, ctx: RequestContext): Promise<PutRecordOutput> => {
      if (input.Data.length > MAX_RECORD_BYTES) throw recordTooLarge('data', input.Data.length, MAX_RECORD_BYTES);
      const stream = requireStream(kc, ctx, input);
      const [outcome] = await appendRecords(kc, stream, [{ data: input.Data, partitionKey: input.PartitionKey, explicitHashKey: input.ExplicitHashKey }]);
      if (!outcome || 'errorCode' in outcome) throw throughputError(outcome?.errorMessage ?? 'The record was not stored.');
      return { ShardId: shardIdOf(outcome.shardIndex), SequenceNumber: outcome.sequenceNumber };
    },

    PutRecords: async (input: PutRecordsInput, ctx: RequestContext): Promise<PutRecordsOutput> => {
      let total = 0;
      input.Records.forEach((r, i) => {
        if (r.Data.length > MAX_RECORD_BYTES) throw recordTooLarge(`records.${i + 1}.member.data`, r.Data.length, MAX_RECORD_BYTES);
        total += r.Data.length + Buffer.byteLength(r.PartitionKey, 'utf8');
      });
      if (total > MAX_REQUEST_BYTES) throw invalidArgument(messages.recordsTooLarge);
      const stream = requireStream(kc, ctx, input);
      const outcomes = await appendRecords(kc, stream, input.Records.map((r) => ({ data: r.Data, partitionKey: r.PartitionKey, explicitHashKey: r.ExplicitHashKey })));
      const records: PutRecordsResultEntry[] = outcomes.map((o) => ('errorCode' in o ? { ErrorCode: o.errorCode, ErrorMessage: o.errorMessage } : { ShardId: shardIdOf(o.shardIndex), SequenceNumber: o.sequenceNumber }));
      const failed = records.filter((r) => r.ErrorCode !== undefined).length;
      return { FailedRecordCount: failed, Records: records, EncryptionType: 'NONE' };
    },
  };
}

