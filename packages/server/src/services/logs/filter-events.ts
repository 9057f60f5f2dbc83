import type { RequestContext } from '../provider.js';
import { requireGroupOf, scopeOf, type LogsContext } from './context.js';
import { invalidNextToken, invalidParameter, messages } from './errors.js';
import { compileFilterPattern } from './filter/pattern.js';
import type { FilteredLogEvent, FilterLogEventsRequest, FilterLogEventsResponse, TestMetricFilterRequest, TestMetricFilterResponse } from './model.js';
import { decodeOpaqueToken, encodeOpaqueToken, lastPositionBefore, POSITION_DIGITS } from './positions.js';
import { tables } from './store.js';
import { MAX_RESPONSE_BYTES } from './get-events.js';

/**
 * One FilterLogEvents call looks at no more than this many events; like AWS it may then answer
 * with fewer (even no) events and a nextToken, and the client keeps paging.
 */
export const MAX_SCANNED_PER_CALL = 100_000;
const TOP = '9'.repeat(POSITION_DIGITS + 1);

export function filterEventsOperations(lc: LogsContext) {
  return {
    FilterLogEvents: async (input: FilterLogEventsRequest, ctx: RequestContext): Promise<FilterLogEventsResponse> => {
      if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) throw invalidParameter(messages.namesAndPrefix);
      const matches = compileFilterPattern(input.filterPattern);
      const group = await requireGroupOf(lc, scopeOf(ctx), input);
      const limit = input.limit ?? 10_000;
      const names = input.logStreamNames ? new Set(input.logStreamNames) : undefined;
      const prefix = input.logStreamNamePrefix;
      const upTo = input.endTime !== undefined ? lastPositionBefore(input.endTime + 1) : TOP;
      let after = input.startTime !== undefined ? lastPositionBefore(input.startTime) : '';
      if (input.nextToken !== undefined) {
        const from = decodeOpaqueToken('f', input.nextToken);
        if (from === undefined || !/^\d+$/.test(from)) throw invalidNextToken();
        if (from > after) after = from;
      }

      const events: FilteredLogEvent[] = [];
      let bytes = 0;
      let scanned = 0;
      let cursor = after;
      let exhausted = false;
      while (events.length < limit && scanned < MAX_SCANNED_PER_CALL) {
        const chunk = await lc.store.readForward(tables.timeline, group.id, cursor, upTo, 1000);
        if (chunk.length === 0) {
          exhausted = true;
          break;
        }
        let full = false;
        for (const e of chunk) {
          scanned++;
          if ((names && !names.has(e.streamName ?? '')) || (prefix !== undefined && !(e.streamName ?? '').startsWith(prefix)) || !matches(e.message)) {
            cursor = e.position;
            continue;
          }
          const size = Buffer.byteLength(e.message, 'utf8') + 26;
          if (events.length >= limit || (bytes + size > MAX_RESPONSE_BYTES && events.length > 0)) {
            full = true;
            break;
          }
          bytes += size;
          cursor = e.position;
          events.push({ logStreamName: e.streamName, timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime, eventId: e.position });
        }
        if (full) break;
        if (chunk.length < 1000) {
          exhausted = true;
          break;
        }
      }
      return { events, nextToken: exhausted ? undefined : encodeOpaqueToken('f', cursor) };
    },

    TestMetricFilter: (input: TestMetricFilterRequest): TestMetricFilterResponse => {
      const matches = compileFilterPattern(input.filterPattern);
      return {
        matches: input.logEventMessages.flatMap((eventMessage, i) => (matches(eventMessage) ? [{ eventNumber: i + 1, eventMessage, extractedValues: {} }] : [])),
      };
    },
  };
}
