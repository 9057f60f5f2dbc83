import type { RequestContext } from '../provider.js';
import { shardPrefix, tables } from './catalog.js';
import { requireStream, scopeOf, type KinesisContext } from './context.js';
import { visibleShards } from './describe.js';
import { expiredIterator, invalidArgument, shardNotFound, streamNotFound } from './errors.js';
import { decodeIterator, encodeIterator, expiry } from './iterators.js';
import {
  shardIdOf,
  type ChildShard,
  type GetRecordsInput,
  type GetRecordsOutput,
  type GetShardIteratorInput,
  type GetShardIteratorOutput,
  type ShardRecord,
  type StoredRecord,
  type StreamRecord,
} from './model.js';
import { decodeSequence, positionAfterTick, positionBeforeTime, previous, TRIM_HORIZON_POSITION } from './sequence-numbers.js';
import { isOpen } from './topology.js';

/** GetRecords returns at most 10 MiB (AWS's per-call limit), at least one record. */
export const MAX_GET_BYTES = 10 * 1_048_576;

function requireShard(stream: StreamRecord, shardId: string, now: number): ShardRecord {
  const shard = visibleShards(stream, now).find((s) => shardIdOf(s.index) === shardId);
  if (!shard) throw shardNotFound(shardId, stream.name, stream.accountId);
  return shard;
}

/** Where an iterator of this type starts: "records after this position". */
function startPosition(kc: KinesisContext, stream: StreamRecord, shard: ShardRecord, input: GetShardIteratorInput): string {
  const shardId = shardIdOf(shard.index);
  switch (input.ShardIteratorType) {
    case 'TRIM_HORIZON':
      return TRIM_HORIZON_POSITION;
    case 'LATEST':
      return shard.endSeq ?? positionAfterTick(kc.ticks.current());
    case 'AT_TIMESTAMP':
      if (!input.Timestamp) throw invalidArgument('The timestampInMillis parameter cannot be null for ShardIteratorType AT_TIMESTAMP');
      return positionBeforeTime(input.Timestamp.getTime());
    case 'AT_SEQUENCE_NUMBER':
    case 'AFTER_SEQUENCE_NUMBER': {
      const given = input.StartingSequenceNumber;
      if (given === undefined) throw invalidArgument(`StartingSequenceNumber must be specified for ShardIteratorType ${input.ShardIteratorType}.`);
      const decoded = decodeSequence(given);
      if (!decoded) throw invalidArgument(`StartingSequenceNumber ${given} used in GetShardIterator on shard ${shardId} in stream ${stream.name} under account ${stream.accountId} is invalid.`);
      if (decoded.shardIndex !== shard.index) {
        throw invalidArgument(`Invalid StartingSequenceNumber. It encodes ${shardIdOf(decoded.shardIndex)}, while it was used in a call to a shard with ${shardId}`);
      }
      return input.ShardIteratorType === 'AT_SEQUENCE_NUMBER' ? previous(given) : given;
    }
  }
}

function childrenOf(stream: StreamRecord, index: number): ChildShard[] {
  return stream.shards
    .filter((s) => s.parent === index || s.adjacentParent === index)
    .map((s) => ({
      ShardId: shardIdOf(s.index),
      ParentShards: [s.parent, s.adjacentParent].filter((p): p is number => p !== undefined).map(shardIdOf),
      HashKeyRange: { StartingHashKey: s.startHash, EndingHashKey: s.endHash },
    }));
}

export function readingOperations(kc: KinesisContext) {
  return {
    GetShardIterator: (input: GetShardIteratorInput, ctx: RequestContext): GetShardIteratorOutput => {
      const stream = requireStream(kc, ctx, input);
      const now = kc.clock.now();
      const shard = requireShard(stream, input.ShardId, now);
      const after = startPosition(kc, stream, shard, input);
      return { ShardIterator: encodeIterator({ streamId: stream.id, streamName: stream.name, shardIndex: shard.index, after, issuedAt: now }) };
    },

    /**
     * GetRecords: the records after the iterator's position, up to Limit or 10 MiB. A closed
     * shard read to its end answers without NextShardIterator and names its children.
     */
    GetRecords: async (input: GetRecordsInput, ctx: RequestContext): Promise<GetRecordsOutput> => {
      const it = decodeIterator(input.ShardIterator);
      if (!it) throw invalidArgument('Invalid ShardIterator.');
      const now = kc.clock.now();
      const expired = expiry(it, now);
      if (expired) throw expiredIterator(expired);
      const scope = scopeOf(ctx);
      const stream = kc.catalog.get(scope, it.streamName);
      if (!stream || stream.id !== it.streamId) throw streamNotFound(it.streamName, scope.accountId);
      const shard = requireShard(stream, shardIdOf(it.shardIndex), now);

      const limit = input.Limit ?? 10_000;
      const horizon = positionBeforeTime(now - stream.retentionHours * 3_600_000);
      const after = it.after > horizon ? it.after : horizon;
      const prefix = shardPrefix(stream.id, shard.index);
      const items = await kc.storage.metadata.list<StoredRecord>(tables.records, { prefix, startAfter: prefix + after, limit });
      const records: GetRecordsOutput['Records'] = [];
      let bytes = 0;
      let last = after;
      let lastArrival = now;
      for (const item of items) {
        const data = Buffer.from(item.value.d, 'base64');
        if (records.length > 0 && bytes + data.length > MAX_GET_BYTES) break;
        bytes += data.length;
        last = item.key.slice(prefix.length);
        lastArrival = decodeSequence(last)?.ms ?? now;
        records.push({ SequenceNumber: last, ApproximateArrivalTimestamp: new Date(lastArrival), Data: data, PartitionKey: item.value.k });
      }
      const atEnd = records.length === items.length && items.length < limit;
      if (!isOpen(shard) && atEnd) {
        return { Records: records, MillisBehindLatest: 0, ChildShards: childrenOf(stream, shard.index) };
      }
      return {
        Records: records,
        NextShardIterator: encodeIterator({ ...it, after: last, issuedAt: now }),
        MillisBehindLatest: atEnd ? 0 : Math.max(0, now - lastArrival),
      };
    },
  };
}
