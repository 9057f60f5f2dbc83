import type { RequestContext } from '../provider.js';
import { requireGroupOf, requireStream, scopeOf, type LogsContext } from './context.js';
import { invalidNextToken } from './errors.js';
import type { GetLogEventsRequest, GetLogEventsResponse, LogEventAt } from './model.js';
import { decodeLogToken, encodeLogToken, firstPositionAt, lastPositionBefore, POSITION_DIGITS } from './positions.js';
import { tables } from './store.js';

/** A response carries at most 1 MB of events (messages plus 26 bytes each), as AWS's do. */
export const MAX_RESPONSE_BYTES = 1_048_576;
const BOTTOM = '0'.repeat(POSITION_DIGITS);
const TOP = '9'.repeat(POSITION_DIGITS + 1);

function sizeOf(e: LogEventAt): number {
  return Buffer.byteLength(e.message, 'utf8') + 26;
}

/** Keep the first (forward) or last (backward) events that fit the response size. */
export function fitResponse(events: LogEventAt[], keep: 'first' | 'last'): LogEventAt[] {
  let total = 0;
  if (keep === 'first') {
    for (let i = 0; i < events.length; i++) {
      total += sizeOf(events[i]!);
      if (total > MAX_RESPONSE_BYTES) return events.slice(0, Math.max(i, 1));
    }
    return events;
  }
  for (let i = events.length - 1; i >= 0; i--) {
    total += sizeOf(events[i]!);
    if (total > MAX_RESPONSE_BYTES) return events.slice(Math.min(i + 1, events.length - 1));
  }
  return events;
}

export function getEventsOperation(lc: LogsContext) {
  return {
    /**
     * GetLogEvents: the newest events by default, the oldest with startFromHead; tokens continue
     * either way. At the end AWS hands back the token it was given, which is how clients stop.
     */
    GetLogEvents: async (input: GetLogEventsRequest, ctx: RequestContext): Promise<GetLogEventsResponse> => {
      const group = await requireGroupOf(lc, scopeOf(ctx), input);
      const stream = await requireStream(lc, group, input.logStreamName);
      const token = input.nextToken !== undefined ? decodeLogToken(input.nextToken) : undefined;
      if (input.nextToken !== undefined && !token) throw invalidNextToken();
      const limit = input.limit ?? 10_000;
      const lower = input.startTime !== undefined ? lastPositionBefore(input.startTime) : '';
      // endTime is exclusive: `upper` is the first position not shown, `upTo` the last one that may be.
      const upper = input.endTime !== undefined ? firstPositionAt(input.endTime) : TOP;
      const upTo = input.endTime !== undefined ? lastPositionBefore(input.endTime) : TOP;
      const forward = token ? token.direction === 'f' : input.startFromHead === true;

      let events: LogEventAt[];
      if (forward) {
        const after = token && token.position > lower ? token.position : lower;
        const read = after >= upper ? [] : await lc.store.readForward(tables.events, stream.id, after, upTo, limit);
        events = fitResponse(read, 'first');
      } else {
        const before = token && token.position < upper ? token.position : upper;
        const read = before <= lower ? [] : await lc.store.readBackward(stream.id, lower, before, limit);
        events = fitResponse(read, 'last');
      }

      const first = events[0];
      const last = events[events.length - 1];
      return {
        events: events.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
        nextForwardToken: last ? encodeLogToken({ direction: 'f', position: last.position }) : (input.nextToken ?? encodeLogToken({ direction: 'f', position: lower || BOTTOM })),
        nextBackwardToken: first ? encodeLogToken({ direction: 'b', position: first.position }) : (input.nextToken ?? encodeLogToken({ direction: 'b', position: upper === TOP ? BOTTOM : upper })),
      };
    },
  };
}

