import type { Item, MetadataWrite, Storage } from '../../storage/index.js';
import type { LogEventAt, LogGroupRecord, LogStreamRecord, Scope, StoredLogEvent } from './model.js';
import { lastPositionBefore, timestampOf } from './positions.js';

/**
 * Log groups, streams and events in the metadata store. Events are keyed `<streamId>/<position>`
 * (per stream) and `<groupId>/<position>` (the group's timeline), so every read is an ordered
 * prefix listing; nothing here knows SQL.
 */

export const tables = {
  groups: 'logs.groups',
  streams: 'logs.streams',
  events: 'logs.events',
  timeline: 'logs.timeline',
  /** Groups and streams deleted but whose events are still to be removed (survives restarts). */
  purges: 'logs.purges',
} as const;

const CHUNK = 1000;

export interface PurgeRecord {
  kind: 'group' | 'stream';
  groupId: string;
  streamId?: string;
}

export function groupKey(scope: Scope, name: string): string {
  return `${scope.accountId}:${scope.region}:${name}`;
}

export function streamKey(groupId: string, name: string): string {
  return `${groupId}/${name}`;
}

function toEventAt(position: string, e: StoredLogEvent): LogEventAt {
  return { position, timestamp: e.t, ingestionTime: e.i, message: e.m, streamName: e.s, streamId: e.sid };
}

/** The two writes that store one event. */
export function eventWrites(group: LogGroupRecord, stream: LogStreamRecord, position: string, e: StoredLogEvent): MetadataWrite[] {
  return [
    { op: 'put', table: tables.events, key: `${stream.id}/${position}`, value: { t: e.t, i: e.i, m: e.m } },
    { op: 'put', table: tables.timeline, key: `${group.id}/${position}`, value: { ...e, s: stream.name, sid: stream.id } },
  ];
}

export class LogsStore {
  constructor(readonly storage: Storage) {}

  /** Items of `table` under `owner/` after `owner/after`. */
  private listAfter<T>(table: string, owner: string, after: string, limit: number): Promise<Item<T>[]> {
    const prefix = `${owner}/`;
    return this.storage.metadata.list<T>(table, after ? { prefix, startAfter: prefix + after, limit } : { prefix, limit });
  }

  async group(scope: Scope, name: string): Promise<LogGroupRecord | undefined> {
    return (await this.storage.metadata.get<LogGroupRecord>(tables.groups, groupKey(scope, name)))?.value;
  }

  async groups(scope: Scope, options: { prefix?: string; startAfter?: string; limit?: number }): Promise<LogGroupRecord[]> {
    const base = `${scope.accountId}:${scope.region}:`;
    const items = await this.storage.metadata.list<LogGroupRecord>(tables.groups, {
      prefix: base + (options.prefix ?? ''),
      startAfter: options.startAfter !== undefined ? base + options.startAfter : undefined,
      limit: options.limit,
    });
    return items.map((i) => i.value);
  }

  async stream(group: LogGroupRecord, name: string): Promise<LogStreamRecord | undefined> {
    return (await this.storage.metadata.get<LogStreamRecord>(tables.streams, streamKey(group.id, name)))?.value;
  }

  async streams(groupId: string, options: { prefix?: string; startAfter?: string; limit?: number } = {}): Promise<LogStreamRecord[]> {
    const base = `${groupId}/`;
    const items = await this.storage.metadata.list<LogStreamRecord>(tables.streams, {
      prefix: base + (options.prefix ?? ''),
      startAfter: options.startAfter !== undefined ? base + options.startAfter : undefined,
      limit: options.limit,
    });
    return items.map((i) => i.value);
  }

  /** Events of `table`/`owner` with position in (after, upTo], at most `limit`, in order. */
  async readForward(table: string, owner: string, after: string, upTo: string, limit: number): Promise<LogEventAt[]> {
    const out: LogEventAt[] = [];
    let cursor = after;
    while (out.length < limit) {
      const items = await this.listAfter<StoredLogEvent>(table, owner, cursor, Math.min(CHUNK, limit - out.length));
      for (const item of items) {
        const position = item.key.slice(owner.length + 1);
        if (position > upTo) return out;
        out.push(toEventAt(position, item.value));
      }
      if (items.length === 0) break;
      cursor = out[out.length - 1]!.position;
    }
    return out;
  }

  /**
   * The last `limit` events of a stream with position in (after, before). Listing only runs
   * forwards, so this reads a window below `before` that grows eightfold until it holds enough
   * events or reaches `after`; the window starts at one second.
   */
  async readBackward(owner: string, after: string, before: string, limit: number): Promise<LogEventAt[]> {
    const beforeTs = timestampOf(before);
    for (let span = 1000; ; span *= 8) {
      const windowStart = lastPositionBefore(beforeTs - span);
      const from = windowStart > after ? windowStart : after;
      const window: LogEventAt[] = [];
      let cursor = from;
      for (;;) {
        const items = await this.listAfter<StoredLogEvent>(tables.events, owner, cursor, CHUNK);
        let done = items.length < CHUNK;
        for (const item of items) {
          const position = item.key.slice(owner.length + 1);
          if (position >= before) {
            done = true;
            break;
          }
          window.push(toEventAt(position, item.value));
          cursor = position;
        }
        if (window.length > limit) window.splice(0, window.length - limit);
        if (done) break;
      }
      if (window.length >= limit || from === after || beforeTs - span <= 0) return window;
    }
  }

  /** Remove events of a stream (and their timeline copies) with position <= `upTo`; returns how many, at most `max`. */
  async deleteStreamEvents(groupId: string, streamId: string, upTo: string, max: number): Promise<number> {
    const items = await this.storage.metadata.list<StoredLogEvent>(tables.events, { prefix: `${streamId}/`, limit: max });
    const writes: MetadataWrite[] = [];
    for (const item of items) {
      const position = item.key.slice(streamId.length + 1);
      if (position > upTo) break;
      writes.push({ op: 'delete', table: tables.events, key: item.key }, { op: 'delete', table: tables.timeline, key: `${groupId}/${position}` });
    }
    if (writes.length) await this.storage.commit({ writes });
    return writes.length / 2;
  }

  /** Remove timeline events of a group (and their stream copies) with position <= `upTo`; at most `max`. */
  async deleteGroupEvents(groupId: string, upTo: string, max: number): Promise<number> {
    const items = await this.storage.metadata.list<StoredLogEvent>(tables.timeline, { prefix: `${groupId}/`, limit: max });
    const writes: MetadataWrite[] = [];
    let removed = 0;
    for (const item of items) {
      const position = item.key.slice(groupId.length + 1);
      if (position > upTo) break;
      removed++;
      writes.push({ op: 'delete', table: tables.timeline, key: item.key });
      if (item.value.sid) writes.push({ op: 'delete', table: tables.events, key: `${item.value.sid}/${position}` });
    }
    if (writes.length) await this.storage.commit({ writes });
    return removed;
  }
}
