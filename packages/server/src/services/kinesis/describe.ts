import { shardIdOf, streamArn, type Shard, type ShardRecord, type StreamRecord } from './model.js';
import { isOpen } from './topology.js';

/** Shards still listed: open ones, and closed ones whose records are within the retention period. */
export function visibleShards(stream: StreamRecord, now: number): ShardRecord[] {
  const horizon = now - stream.retentionHours * 3_600_000;
  return stream.shards.filter((s) => isOpen(s) || (s.closedAt ?? now) >= horizon);
}

export function describeShard(s: ShardRecord): Shard {
  return {
    ShardId: shardIdOf(s.index),
    ParentShardId: s.parent !== undefined ? shardIdOf(s.parent) : undefined,
    AdjacentParentShardId: s.adjacentParent !== undefined ? shardIdOf(s.adjacentParent) : undefined,
    HashKeyRange: { StartingHashKey: s.startHash, EndingHashKey: s.endHash },
    SequenceNumberRange: { StartingSequenceNumber: s.startSeq, EndingSequenceNumber: s.endSeq },
  };
}

export function summaryOf(stream: StreamRecord) {
  return {
    StreamName: stream.name,
    StreamARN: streamArn(stream, stream.name),
    StreamStatus: 'ACTIVE' as const,
    StreamModeDetails: { StreamMode: stream.mode },
    StreamCreationTimestamp: new Date(stream.createdAt),
  };
}
