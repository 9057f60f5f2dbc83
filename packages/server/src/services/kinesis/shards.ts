import type { RequestContext } from '../provider.js';
import { requireStream, saveStream, scopeOf, type KinesisContext } from './context.js';
import { describeShard, visibleShards } from './describe.js';
import { invalidArgument, limitExceeded, messages, onDemand } from './errors.js';
import { parseHashKey } from './hash-keys.js';
import { shardIndexOf, streamArn, type ListShardsInput, type ListShardsOutput, type MergeShardsInput, type ShardRecord, type SplitShardInput, type StreamRecord, type UpdateShardCountInput, type UpdateShardCountOutput } from './model.js';
import { readToken, writeToken } from './streams.js';
import { isOpen, mergeShards, reshard, splitShard, type Topology } from './topology.js';

/** Shards a ShardFilter selects (ListShards). */
function filterShards(shards: ShardRecord[], filter: ListShardsInput['ShardFilter']): ShardRecord[] {
  if (!filter) return shards;
  switch (filter.Type) {
    case 'AT_LATEST':
      return shards.filter(isOpen);
    case 'AFTER_SHARD_ID': {
      const after = filter.ShardId !== undefined ? shardIndexOf(filter.ShardId) : undefined;
      if (after === undefined) throw invalidArgument('ShardId must be specified for the AFTER_SHARD_ID ShardFilter type.');
      return shards.filter((s) => s.index > after);
    }
    case 'AT_TIMESTAMP':
    case 'FROM_TIMESTAMP': {
      if (!filter.Timestamp) throw invalidArgument(`Timestamp must be specified for the ${filter.Type} ShardFilter type.`);
      const t = filter.Timestamp.getTime();
      const openAt = (s: ShardRecord) => s.createdAt <= t && (s.closedAt === undefined || s.closedAt > t);
      return shards.filter((s) => openAt(s) || (filter.Type === 'FROM_TIMESTAMP' && s.createdAt > t));
    }
    case 'AT_TRIM_HORIZON':
    case 'FROM_TRIM_HORIZON':
      return shards;
  }
}

export function shardOperations(kc: KinesisContext) {
  const reshape = (ctx: RequestContext, input: { StreamName?: string; StreamARN?: string }, fn: (s: StreamRecord, t: Topology) => Topology) =>
    kc.control.run(async () => {
      const stream = requireStream(kc, ctx, input);
      const next = fn(stream, { shards: stream.shards, nextShardIndex: stream.nextShardIndex });
      await saveStream(kc, { ...stream, ...next }, stream);
      return { stream, next };
    });
  const label = (s: StreamRecord) => ({ stream: s.name, accountId: s.accountId });

  return {
    ListShards: (input: ListShardsInput, ctx: RequestContext): ListShardsOutput => {
      let name = input.StreamName;
      let after = input.ExclusiveStartShardId !== undefined ? (shardIndexOf(input.ExclusiveStartShardId) ?? -1) : -1;
      if (input.NextToken !== undefined) {
        if (input.StreamName !== undefined || input.StreamARN !== undefined) throw invalidArgument('NextToken and StreamName cannot be provided together.');
        const decoded = readToken('l', input.NextToken);
        const m = decoded !== undefined ? /^(\d+)\|(.+)$/.exec(decoded) : null;
        if (!m) throw invalidArgument(`NextToken ${input.NextToken} is invalid.`);
        after = Number(m[1]);
        name = m[2];
      }
      const stream = requireStream(kc, ctx, { StreamName: name, StreamARN: input.NextToken === undefined ? input.StreamARN : undefined });
      const limit = input.MaxResults ?? 1000;
      const shards = filterShards(visibleShards(stream, kc.clock.now()), input.ShardFilter).filter((s) => s.index > after);
      const page = shards.slice(0, limit);
      const more = shards.length > limit;
      return { Shards: page.map(describeShard), NextToken: more ? writeToken('l', `${page[page.length - 1]!.index}|${stream.name}`) : undefined };
    },

    SplitShard: async (input: SplitShardInput, ctx: RequestContext) => {
      await reshape(ctx, input, (s, t) => {
        const key = parseHashKey(input.NewStartingHashKey);
        if (key === undefined) throw invalidArgument(`NewStartingHashKey ${input.NewStartingHashKey} is not a valid hash key.`);
        return splitShard(t, label(s), input.ShardToSplit, key, kc.ticks.next(), kc.clock.now());
      });
      return {};
    },

    MergeShards: async (input: MergeShardsInput, ctx: RequestContext) => {
      await reshape(ctx, input, (s, t) => mergeShards(t, label(s), input.ShardToMerge, input.AdjacentShardToMerge, kc.ticks.next(), kc.clock.now()));
      return {};
    },

    UpdateShardCount: async (input: UpdateShardCountInput, ctx: RequestContext): Promise<UpdateShardCountOutput> => {
      const { stream } = await reshape(ctx, input, (s, t) => {
        if (s.mode === 'ON_DEMAND') throw onDemand(s.name, s.accountId);
        const current = t.shards.filter(isOpen).length;
        const target = input.TargetShardCount;
        // AWS's documented bounds: at most double, at least half the open shards, in one call.
        if (target > current * 2 || target < Math.ceil(current / 2)) {
          throw limitExceeded(`UpdateShardCount cannot scale up over double your current open shard count or scale down below half your current open shard count. Current open shard count: ${current}`);
        }
        const scope = scopeOf(ctx);
        const others = kc.catalog.openShardCount(scope) - current;
        if (others + target > kc.settings.shardLimit) throw limitExceeded(messages.shardLimit(scope.accountId, scope.region, others + current, kc.settings.shardLimit, target - current));
        return target === current ? t : reshard(t, target, kc.ticks.next(), kc.clock.now());
      });
      return { StreamName: stream.name, CurrentShardCount: stream.shards.filter(isOpen).length, TargetShardCount: input.TargetShardCount, StreamARN: streamArn(stream, stream.name) };
    },
  };
}
