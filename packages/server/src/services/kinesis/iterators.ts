import { SEQUENCE_DIGITS } from './sequence-numbers.js';

/**
 * Shard iterators: opaque to clients (base64), they name a stream instance, a shard and a position
 * ("records after this sequence number"), and when they were issued; AWS lets them live 5 minutes.
 */

export const ITERATOR_TTL_MS = 300_000;

export interface ShardIterator {
  /** The stream's per-creation id: an iterator of a deleted, re-created stream is not honoured. */
  streamId: string;
  streamName: string;
  shardIndex: number;
  /** Records with a sequence number above this are next. */
  after: string;
  issuedAt: number;
}

export function encodeIterator(it: ShardIterator): string {
  return Buffer.from(`1|${it.streamId}|${it.shardIndex}|${it.after}|${it.issuedAt}|${it.streamName}`, 'utf8').toString('base64');
}

export function decodeIterator(text: string): ShardIterator | undefined {
  const parts = Buffer.from(text, 'base64').toString('utf8').split('|');
  if (parts.length !== 6 || parts[0] !== '1') return undefined;
  const [, streamId, shard, after, issued, streamName] = parts as [string, string, string, string, string, string];
  if (!/^[0-9a-f]+$/.test(streamId) || !/^\d+$/.test(shard) || !/^\d+$/.test(after) || after.length !== SEQUENCE_DIGITS || !/^\d+$/.test(issued) || !streamName) return undefined;
  return { streamId, streamName, shardIndex: Number(shard), after, issuedAt: Number(issued) };
}

/** `Thu Jan 01 00:00:00 UTC 2026`: how Kinesis's (Java) error messages print times. */
export function javaDate(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** The ExpiredIteratorException message, or undefined while the iterator is still good. */
export function expiry(it: ShardIterator, now: number): string | undefined {
  if (now - it.issuedAt <= ITERATOR_TTL_MS) return undefined;
  return `Iterator expired. The iterator was created at time ${javaDate(it.issuedAt)} while right now it is ${javaDate(now)} which is further in the future than the tolerated delay of ${ITERATOR_TTL_MS} milliseconds.`;
}
