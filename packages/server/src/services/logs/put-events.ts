import { ConditionFailedError, type MetadataWrite } from '../../storage/index.js';
import type { RequestContext } from '../provider.js';
import { judgeBatch } from './batch-rules.js';
import { requireGroup, scopeOf, type LogsContext } from './context.js';
import { streamNotFound } from './errors.js';
import type { InputLogEvent, LogGroupRecord, LogStreamRecord, PutLogEventsRequest, PutLogEventsResponse } from './model.js';
import { positionOf } from './positions.js';
import { eventWrites, streamKey, tables } from './store.js';
import { createStream } from './streams.js';

/**
 * Store a batch in a stream: the events, their timeline copies and the stream's first/last event
 * times in one commit, one batch per stream at a time (so those times never go backwards).
 */
export async function appendLogEvents(lc: LogsContext, group: LogGroupRecord, streamName: string, events: readonly InputLogEvent[], options: { createStream?: boolean } = {}): Promise<PutLogEventsResponse> {
  const now = lc.clock.now();
  const verdict = judgeBatch(events, now, group.retentionInDays);
  if (options.createStream) await createStream(lc, group, streamName);
  const key = streamKey(group.id, streamName);
  return lc.locks.run(`stream:${key}`, async () => {
    const item = await lc.store.storage.metadata.get<LogStreamRecord>(tables.streams, key);
    if (!item) throw streamNotFound();
    const stream = item.value;
    const writes: MetadataWrite[] = [];
    let first = stream.firstEventTimestamp;
    let last = stream.lastEventTimestamp;
    for (const i of verdict.accepted) {
      const e = events[i]!;
      writes.push(...eventWrites(group, stream, positionOf(e.timestamp, lc.sequence.next()), { t: e.timestamp, i: now, m: e.message }));
      first = first === undefined ? e.timestamp : Math.min(first, e.timestamp);
      last = last === undefined ? e.timestamp : Math.max(last, e.timestamp);
    }
    if (writes.length) {
      const updated: LogStreamRecord = { ...stream, firstEventTimestamp: first, lastEventTimestamp: last, lastIngestionTime: now };
      writes.push({ op: 'put', table: tables.streams, key, value: updated, ifVersion: item.version });
      try {
        await lc.store.storage.commit({ writes });
      } catch (e) {
        if (e instanceof ConditionFailedError) throw streamNotFound();
        throw e;
      }
    }
    return {
      nextSequenceToken: `49${String(now).padStart(54, '0')}`,
      rejectedLogEventsInfo: verdict.rejected,
    };
  });
}

export function putEventsOperation(lc: LogsContext) {
  return {
    PutLogEvents: async (input: PutLogEventsRequest, ctx: RequestContext): Promise<PutLogEventsResponse> => {
      const group = await requireGroup(lc, scopeOf(ctx), input.logGroupName);
      return appendLogEvents(lc, group, input.logStreamName, input.logEvents);
    },
  };
}
