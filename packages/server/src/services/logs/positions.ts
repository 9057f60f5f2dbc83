import type { Clock } from '../../core/index.js';

/**
 * Where a log event sits: `<timestamp:15><seq:20>` digits. Keys end with it, so listing a
 * stream or a group in key order is listing by event time, ingestion order breaking ties; it is
 * also the event id FilterLogEvents reports and what paging tokens carry.
 */

const TS_DIGITS = 15;
const SEQ_DIGITS = 20;
export const POSITION_DIGITS = TS_DIGITS + SEQ_DIGITS;

export function timestampPrefix(ts: number): string {
  return String(Math.max(0, Math.trunc(ts))).padStart(TS_DIGITS, '0');
}

export function positionOf(ts: number, seq: string): string {
  return timestampPrefix(ts) + seq;
}

export function timestampOf(position: string): number {
  return Number(position.slice(0, TS_DIGITS));
}

/** The lowest position at or after `ts` (for "from startTime"). */
export function firstPositionAt(ts: number): string {
  return timestampPrefix(ts) + '0'.repeat(SEQ_DIGITS);
}

/** The highest position before `ts` (for "until endTime", exclusive). */
export function lastPositionBefore(ts: number): string {
  if (ts <= 0) return '';
  return timestampPrefix(ts - 1) + '9'.repeat(SEQ_DIGITS);
}

/**
 * Ingestion sequence: strictly increasing within the process and, because it starts from the
 * clock in microseconds, increasing across restarts too (unless the clock steps far back).
 */
export class LogSequence {
  private last = 0n;

  constructor(private readonly clock: Clock) {}

  next(): string {
    const fromClock = BigInt(this.clock.now()) * 1000n;
    this.last = fromClock > this.last ? fromClock : this.last + 1n;
    return this.last.toString().padStart(SEQ_DIGITS, '0');
  }
}

/** GetLogEvents tokens, shaped like AWS's (`f/<position>/s`, `b/<position>/s`). */
export type LogToken = { direction: 'f' | 'b'; position: string };

export function encodeLogToken(token: LogToken): string {
  return `${token.direction}/${token.position}/s`;
}

export function decodeLogToken(text: string): LogToken | undefined {
  const m = /^([fb])\/(\d{1,40})\/s$/.exec(text);
  if (!m) return undefined;
  return { direction: m[1] as 'f' | 'b', position: m[2]!.padStart(POSITION_DIGITS, '0') };
}

/** FilterLogEvents / Describe* tokens: opaque to clients, as AWS's are. */
export function encodeOpaqueToken(kind: string, value: string): string {
  return Buffer.from(`${kind}:${value}`, 'utf8').toString('base64url');
}

export function decodeOpaqueToken(kind: string, token: string): string | undefined {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  return text.startsWith(`${kind}:`) ? text.slice(kind.length + 1) : undefined;
}
