import type { RequestContext } from '../provider.js';
import { tables, streamKey } from './catalog.js';
import { requireStream, saveStream, scopeOf, type KinesisContext } from './context.js';
import { describeShard, summaryOf, visibleShards } from './describe.js';
import { invalidArgument, limitExceeded, messages, streamExists, validation } from './errors.js';
import {
  shardIndexOf,
  type CreateStreamInput,
  type DecreaseStreamRetentionPeriodInput,
  type DeleteStreamInput,
  type DescribeLimitsOutput,
  type DescribeStreamInput,
  type DescribeStreamOutput,
  type DescribeStreamSummaryInput,
  type DescribeStreamSummaryOutput,
  type IncreaseStreamRetentionPeriodInput,
  type ListStreamsInput,
  type ListStreamsOutput,
  type StreamRecord,
  type UpdateStreamModeInput,
} from './model.js';
import { isOpen, initialShards } from './topology.js';

function token(kind: string, value: string): string {
  return Buffer.from(`${kind}|${value}`, 'utf8').toString('base64');
}

export function readToken(kind: string, text: string): string | undefined {
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  return decoded.startsWith(`${kind}|`) ? decoded.slice(kind.length + 1) : undefined;
}

export { token as writeToken };

function checkRetention(hours: number): void {
  if (hours < 24) throw invalidArgument(messages.retentionTooShort(hours));
  if (hours > 8760) throw invalidArgument(messages.retentionTooLong(hours));
}

export function streamOperations(kc: KinesisContext) {
  const change = (ctx: RequestContext, input: { StreamName?: string; StreamARN?: string }, fn: (s: StreamRecord) => StreamRecord | undefined) =>
    kc.control.run(async () => {
      const stream = requireStream(kc, ctx, input);
      const next = fn(stream);
      if (next) await saveStream(kc, next, stream);
      return {};
    });

  return {
    CreateStream: (input: CreateStreamInput, ctx: RequestContext) =>
      kc.control.run(async () => {
        const scope = scopeOf(ctx);
        if (kc.catalog.get(scope, input.StreamName)) throw streamExists(input.StreamName, scope.accountId);
        const mode = input.StreamModeDetails?.StreamMode ?? (input.ShardCount !== undefined ? 'PROVISIONED' : 'ON_DEMAND');
        if (mode === 'ON_DEMAND' && input.ShardCount !== undefined) throw validation('ShardCount is not supported for ON_DEMAND streams.');
        const count = mode === 'ON_DEMAND' ? kc.settings.onDemandShards : input.ShardCount!;
        const current = kc.catalog.openShardCount(scope);
        if (current + count > kc.settings.shardLimit) throw limitExceeded(messages.shardLimit(scope.accountId, scope.region, current, kc.settings.shardLimit, count));
        const now = kc.clock.now();
        const topology = initialShards(count, kc.ticks.next(), now);
        const stream: StreamRecord = { name: input.StreamName, ...scope, id: kc.ids.hex(8), createdAt: now, mode, retentionHours: 24, tags: {}, ...topology };
        await saveStream(kc, stream, undefined);
        return {};
      }),

    DeleteStream: (input: DeleteStreamInput, ctx: RequestContext) =>
      kc.control.run(async () => {
        const stream = requireStream(kc, ctx, input);
        kc.catalog.delete(stream);
        try {
          // Records go in the background (sweeper.ts); the stream is gone at once.
          await kc.storage.commit({
            writes: [
              { op: 'delete', table: tables.streams, key: streamKey(stream, stream.name) },
              { op: 'put', table: tables.purges, key: stream.id, value: { streamId: stream.id, shards: stream.shards.map((s) => s.index) } },
            ],
          });
        } catch (e) {
          kc.catalog.put(stream);
          throw e;
        }
        return {};
      }),

    DescribeStream: (input: DescribeStreamInput, ctx: RequestContext): DescribeStreamOutput => {
      const stream = requireStream(kc, ctx, input);
      const limit = input.Limit ?? 100;
      const after = input.ExclusiveStartShardId !== undefined ? (shardIndexOf(input.ExclusiveStartShardId) ?? -1) : -1;
      const shards = visibleShards(stream, kc.clock.now()).filter((s) => s.index > after);
      return {
        StreamDescription: {
          ...summaryOf(stream),
          Shards: shards.slice(0, limit).map(describeShard),
          HasMoreShards: shards.length > limit,
          RetentionPeriodHours: stream.retentionHours,
          EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
          EncryptionType: 'NONE',
        },
      };
    },

    DescribeStreamSummary: (input: DescribeStreamSummaryInput, ctx: RequestContext): DescribeStreamSummaryOutput => {
      const stream = requireStream(kc, ctx, input);
      return {
        StreamDescriptionSummary: {
          ...summaryOf(stream),
          RetentionPeriodHours: stream.retentionHours,
          EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
          EncryptionType: 'NONE',
          OpenShardCount: stream.shards.filter(isOpen).length,
          ConsumerCount: 0,
        },
      };
    },

    ListStreams: (input: ListStreamsInput, ctx: RequestContext): ListStreamsOutput => {
      const limit = input.Limit ?? 100;
      let after = input.ExclusiveStartStreamName;
      if (input.NextToken !== undefined) {
        after = readToken('s', input.NextToken);
        if (after === undefined) throw invalidArgument(`NextToken ${input.NextToken} is invalid.`);
      }
      const streams = kc.catalog.list(scopeOf(ctx)).filter((s) => after === undefined || s.name > after);
      const page = streams.slice(0, limit);
      const more = streams.length > limit;
      return {
        StreamNames: page.map((s) => s.name),
        HasMoreStreams: more,
        NextToken: more ? token('s', page[page.length - 1]!.name) : undefined,
        StreamSummaries: page.map(summaryOf),
      };
    },

    IncreaseStreamRetentionPeriod: (input: IncreaseStreamRetentionPeriodInput, ctx: RequestContext) =>
      change(ctx, input, (s) => {
        checkRetention(input.RetentionPeriodHours);
        if (input.RetentionPeriodHours < s.retentionHours) throw invalidArgument(messages.cannotIncrease(s.name, input.RetentionPeriodHours, s.retentionHours));
        return { ...s, retentionHours: input.RetentionPeriodHours };
      }),

    DecreaseStreamRetentionPeriod: (input: DecreaseStreamRetentionPeriodInput, ctx: RequestContext) =>
      change(ctx, input, (s) => {
        checkRetention(input.RetentionPeriodHours);
        if (input.RetentionPeriodHours > s.retentionHours) throw invalidArgument(messages.cannotDecrease(s.name, input.RetentionPeriodHours, s.retentionHours));
        return { ...s, retentionHours: input.RetentionPeriodHours };
      }),

    UpdateStreamMode: (input: UpdateStreamModeInput, ctx: RequestContext) =>
      change(ctx, input, (s) => (s.mode === input.StreamModeDetails.StreamMode ? undefined : { ...s, mode: input.StreamModeDetails.StreamMode })),

    DescribeLimits: (_input: unknown, ctx: RequestContext): DescribeLimitsOutput => {
      const scope = scopeOf(ctx);
      return {
        ShardLimit: kc.settings.shardLimit,
        OpenShardCount: kc.catalog.openShardCount(scope),
        OnDemandStreamCount: kc.catalog.list(scope).filter((s) => s.mode === 'ON_DEMAND').length,
        OnDemandStreamCountLimit: 50,
      };
    },
  };
}
