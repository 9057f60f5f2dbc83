import type { Clock } from '../../core/index.js';

/**
 * Sequence numbers: `49` + arrival time (ms, 16 digits) + a tie-breaking counter (12 digits) + the
 * shard's index (10 digits). All have the same width, so string order is numeric order; within a
 * shard they grow with every record, and a number says which shard issued it (AWS checks that in
 * GetShardIterator) and when the record arrived (ApproximateArrivalTimestamp, AT_TIMESTAMP).
 */

const MS_DIGITS = 16;
const SUB_DIGITS = 12;
const SHARD_DIGITS = 10;
export const SEQUENCE_DIGITS = 2 + MS_DIGITS + SUB_DIGITS + SHARD_DIGITS;
const MAX_SHARD = 10 ** SHARD_DIGITS - 1;

export interface Tick {
  ms: number;
  sub: number;
}

export function encodeSequence(tick: Tick, shardIndex: number): string {
  return `49${String(tick.ms).padStart(MS_DIGITS, '0')}${String(tick.sub).padStart(SUB_DIGITS, '0')}${String(shardIndex).padStart(SHARD_DIGITS, '0')}`;
}

export function decodeSequence(text: string): (Tick & { shardIndex: number }) | undefined {
  if (text.length !== SEQUENCE_DIGITS || !/^49\d+$/.test(text)) return undefined;
  return {
    ms: Number(text.slice(2, 2 + MS_DIGITS)),
    sub: Number(text.slice(2 + MS_DIGITS, 2 + MS_DIGITS + SUB_DIGITS)),
    shardIndex: Number(text.slice(2 + MS_DIGITS + SUB_DIGITS)),
  };
}

/** `text` minus one, at full width (positions are "after this number"). */
export function previous(text: string): string {
  const n = BigInt(text);
  return (n > 0n ? n - 1n : 0n).toString().padStart(SEQUENCE_DIGITS, '0');
}

/** A position before every record of any shard that arrived at or after `ms`. */
export function positionBeforeTime(ms: number): string {
  return previous(encodeSequence({ ms: Math.max(0, ms), sub: 0 }, 0));
}

/** A position after every record issued up to `tick`, in any shard (LATEST). */
export function positionAfterTick(tick: Tick): string {
  return encodeSequence(tick, MAX_SHARD);
}

export const TRIM_HORIZON_POSITION = '0'.repeat(SEQUENCE_DIGITS);

/**
 * The source of ticks: arrival time from the clock, with a counter so ticks strictly increase
 * even within a millisecond or when the clock steps back. Seeded from the last tick stored, so a
 * restart cannot issue numbers below ones already handed out.
 */
export class SequenceClock {
  private last: Tick = { ms: 0, sub: 0 };

  constructor(private readonly clock: Clock) {}

  seed(tick: Tick): void {
    if (tick.ms > this.last.ms || (tick.ms === this.last.ms && tick.sub > this.last.sub)) this.last = { ...tick };
  }

  next(): Tick {
    const now = this.clock.now();
    this.last = now > this.last.ms ? { ms: now, sub: 0 } : { ms: this.last.ms, sub: this.last.sub + 1 };
    return { ...this.last };
  }

  current(): Tick {
    return { ...this.last };
  }
}
