export type * from '../../wire/models/logs.types.js';

/** A log group as stored (`logs.groups`, keyed `<account>:<region>:<name>`). */
export interface LogGroupRecord {
  name: string;
  accountId: string;
  region: string;
  /** Unique per creation: event keys hang off it, so a re-created group starts empty. */
  id: string;
  createdAt: number;
  retentionInDays?: number;
  kmsKeyId?: string;
  logGroupClass: 'STANDARD' | 'INFREQUENT_ACCESS' | 'DELIVERY';
  tags: Record<string, string>;
}

/** A log stream as stored (`logs.streams`, keyed `<groupId>/<name>`). */
export interface LogStreamRecord {
  name: string;
  groupId: string;
  /** Unique per creation, like the group's. */
  id: string;
  createdAt: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
}

/**
 * One stored log event. It is written twice under the same `<ts><seq>` suffix: once per stream
 * (`logs.events`, for GetLogEvents) and once per group (`logs.timeline`, for FilterLogEvents
 * across thousands of one-event streams, as EventBridge targets create).
 */
export interface StoredLogEvent {
  /** Event timestamp (ms). */
  t: number;
  /** Ingestion time (ms). */
  i: number;
  m: string;
  /** Stream name and id (timeline copies only). */
  s?: string;
  sid?: string;
}

/** A log event read back, with its position. */
export interface LogEventAt {
  /** `<ts><seq>` digits: the event id and the paging position. */
  position: string;
  timestamp: number;
  ingestionTime: number;
  message: string;
  streamName?: string;
  streamId?: string;
}

export interface Scope {
  accountId: string;
  region: string;
}
