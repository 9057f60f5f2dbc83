import { ConditionFailedError } from '../../storage/index.js';
import type { RequestContext } from '../provider.js';
import { logStreamArn } from './arn.js';
import { requireGroup, requireGroupOf, requireStream, scopeOf, type LogsContext } from './context.js';
import { invalidNextToken, invalidParameter, messages, streamAlreadyExists } from './errors.js';
import type {
  CreateLogStreamRequest,
  DeleteLogStreamRequest,
  DescribeLogStreamsRequest,
  DescribeLogStreamsResponse,
  LogGroupRecord,
  LogStream,
  LogStreamRecord,
} from './model.js';
import { decodeOpaqueToken, encodeOpaqueToken } from './positions.js';
import { streamKey, tables } from './store.js';

function describeStream(group: LogGroupRecord, s: LogStreamRecord): LogStream {
  return {
    logStreamName: s.name,
    creationTime: s.createdAt,
    firstEventTimestamp: s.firstEventTimestamp,
    lastEventTimestamp: s.lastEventTimestamp,
    lastIngestionTime: s.lastIngestionTime,
    // Deprecated by AWS (ignored by PutLogEvents) but still reported.
    uploadSequenceToken: s.lastIngestionTime !== undefined ? `49${String(s.lastIngestionTime).padStart(54, '0')}` : undefined,
    arn: logStreamArn(group, group.name, s.name),
    // AWS stopped reporting per-stream sizes in 2019; it is always 0.
    storedBytes: 0,
  };
}

/** Create a stream; `false` when it exists already. */
export async function createStream(lc: LogsContext, group: LogGroupRecord, name: string): Promise<boolean> {
  const stream: LogStreamRecord = { name, groupId: group.id, id: lc.ids.hex(8), createdAt: lc.clock.now() };
  try {
    await lc.store.storage.commit({ writes: [{ op: 'put', table: tables.streams, key: streamKey(group.id, name), value: stream, ifVersion: 0 }] });
    return true;
  } catch (e) {
    if (e instanceof ConditionFailedError) return false;
    throw e;
  }
}

export function streamOperations(lc: LogsContext) {
  return {
    CreateLogStream: async (input: CreateLogStreamRequest, ctx: RequestContext): Promise<Record<string, never>> => {
      const group = await requireGroup(lc, scopeOf(ctx), input.logGroupName);
      if (!(await createStream(lc, group, input.logStreamName))) throw streamAlreadyExists();
      return {};
    },

    DeleteLogStream: async (input: DeleteLogStreamRequest, ctx: RequestContext): Promise<Record<string, never>> => {
      const group = await requireGroup(lc, scopeOf(ctx), input.logGroupName);
      const stream = await requireStream(lc, group, input.logStreamName);
      await lc.locks.run(`stream:${streamKey(group.id, stream.name)}`, () =>
        lc.store.storage.commit({
          writes: [
            { op: 'delete', table: tables.streams, key: streamKey(group.id, stream.name) },
            { op: 'put', table: tables.purges, key: `stream:${stream.id}`, value: { kind: 'stream', groupId: group.id, streamId: stream.id } },
          ],
        }),
      );
      return {};
    },

    DescribeLogStreams: async (input: DescribeLogStreamsRequest, ctx: RequestContext): Promise<DescribeLogStreamsResponse> => {
      const group = await requireGroupOf(lc, scopeOf(ctx), input);
      const orderBy = input.orderBy ?? 'LogStreamName';
      if (orderBy === 'LastEventTime' && input.logStreamNamePrefix !== undefined) throw invalidParameter(messages.lastEventTimeWithPrefix);
      const limit = input.limit ?? 50;
      let offset = 0;
      let after: string | undefined;
      const byName = orderBy === 'LogStreamName' && !input.descending;
      if (input.nextToken !== undefined) {
        const t = decodeOpaqueToken(byName ? 'n' : 'o', input.nextToken);
        if (t === undefined || (!byName && !/^\d+$/.test(t))) throw invalidNextToken();
        if (byName) after = t;
        else offset = Number(t);
      }
      if (byName) {
        const page = await lc.store.streams(group.id, { prefix: input.logStreamNamePrefix, startAfter: after, limit: limit + 1 });
        const shown = page.slice(0, limit);
        return { logStreams: shown.map((s) => describeStream(group, s)), nextToken: page.length > limit ? encodeOpaqueToken('n', shown[shown.length - 1]!.name) : undefined };
      }
      // Descending names and last-event order need the whole group in memory; paging is by offset.
      const all = await lc.store.streams(group.id, { prefix: input.logStreamNamePrefix });
      if (orderBy === 'LastEventTime') all.sort((a, b) => (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0) || (a.name < b.name ? -1 : 1));
      if (input.descending) all.reverse();
      const shown = all.slice(offset, offset + limit);
      const more = offset + limit < all.length;
      return { logStreams: shown.map((s) => describeStream(group, s)), nextToken: more ? encodeOpaqueToken('o', String(offset + limit)) : undefined };
    },
  };
}
