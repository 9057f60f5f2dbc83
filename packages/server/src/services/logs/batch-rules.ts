import type { InputLogEvent, RejectedLogEventsInfo } from './model.js';
import { invalidParameter, messages } from './errors.js';

/**
 * PutLogEvents batch rules, as the API reference states them: at most 1,048,576 bytes counting
 * each message in UTF-8 plus 26 bytes per event; events in chronological order; events more than
 * 2 hours ahead, more than 14 days back or before the group's retention are rejected (reported in
 * rejectedLogEventsInfo) while the rest are stored; the accepted events may not span over 24 hours.
 */

export const EVENT_OVERHEAD_BYTES = 26;
export const MAX_BATCH_BYTES = 1_048_576;
export const MAX_EVENT_BYTES = 1_048_576;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface BatchVerdict {
  /** Indexes (into the request's logEvents) of the events to store. */
  accepted: number[];
  rejected?: RejectedLogEventsInfo;
}

/** Throws InvalidParameterException for a batch AWS fails as a whole; otherwise says what to keep. */
export function judgeBatch(events: readonly InputLogEvent[], now: number, retentionInDays?: number): BatchVerdict {
  let total = 0;
  for (const e of events) {
    const size = Buffer.byteLength(e.message, 'utf8') + EVENT_OVERHEAD_BYTES;
    if (size > MAX_EVENT_BYTES) throw invalidParameter(messages.eventTooLarge(size, MAX_EVENT_BYTES));
    total += size;
  }
  if (total > MAX_BATCH_BYTES) throw invalidParameter(messages.uploadTooLarge(total, MAX_BATCH_BYTES));
  for (let i = 1; i < events.length; i++) {
    if (events[i]!.timestamp < events[i - 1]!.timestamp) throw invalidParameter(messages.notChronological);
  }

  const tooOldBefore = now - 14 * DAY;
  const expiredBefore = retentionInDays !== undefined ? now - retentionInDays * DAY : undefined;
  const tooNewAfter = now + 2 * HOUR;
  const rejected: RejectedLogEventsInfo = {};
  const accepted: number[] = [];
  events.forEach((e, i) => {
    if (e.timestamp > tooNewAfter) rejected.tooNewLogEventStartIndex ??= i;
    else if (expiredBefore !== undefined && e.timestamp < expiredBefore) rejected.expiredLogEventEndIndex = i;
    else if (e.timestamp < tooOldBefore) rejected.tooOldLogEventEndIndex = i;
    else accepted.push(i);
  });
  if (accepted.length > 1) {
    const first = events[accepted[0]!]!.timestamp;
    const last = events[accepted[accepted.length - 1]!]!.timestamp;
    if (last - first > DAY) throw invalidParameter(messages.spanTooLong);
  }
  return Object.keys(rejected).length ? { accepted, rejected } : { accepted };
}
