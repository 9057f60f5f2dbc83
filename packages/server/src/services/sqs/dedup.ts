import { createHash } from 'node:crypto';

/**
 * FIFO deduplication (Developer Guide, "Exactly-once processing"): a message whose deduplication
 * id was seen in the last 5 minutes is accepted but not enqueued, and the send answers with the
 * first message's id and sequence number. The scope is the queue, or the message group when
 * DeduplicationScope is messageGroup. Pure: times are passed in.
 */

export const DEDUP_WINDOW_MS = 5 * 60 * 1000;

export interface DedupHit {
  messageId: string;
  sequenceNumber: string;
  expiresAt: number;
}

/** With ContentBasedDeduplication the id is the SHA-256 of the body (attributes do not count). */
export function contentDeduplicationId(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

export function dedupKey(scope: 'queue' | 'messageGroup', groupId: string, dedupId: string): string {
  // Length-prefixed so no group id / dedup id pair can forge another's key.
  return scope === 'messageGroup' ? `g${groupId.length}:${groupId}:${dedupId}` : `q:${dedupId}`;
}

/** The ids of one queue still inside their window, oldest first. */
export class DedupWindow {
  private readonly entries = new Map<string, DedupHit>();

  get size(): number {
    return this.entries.size;
  }

  find(key: string, now: number): DedupHit | undefined {
    const hit = this.entries.get(key);
    return hit && hit.expiresAt > now ? hit : undefined;
  }

  remember(key: string, hit: DedupHit): void {
    // Re-inserted so iteration stays in expiry order (every window has the same length).
    this.entries.delete(key);
    this.entries.set(key, hit);
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  /** Remove and return the keys whose window has closed. */
  expire(now: number): string[] {
    const gone: string[] = [];
    for (const [key, hit] of this.entries) {
      if (hit.expiresAt > now) break;
      gone.push(key);
    }
    for (const key of gone) this.entries.delete(key);
    return gone;
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * FIFO sequence numbers: "large, non-consecutive" and increasing (API reference, SendMessage).
 * Derived from the clock (µs-scaled ms plus a counter), so they keep increasing across restarts;
 * always 20 digits, as SQS's are.
 */
export class SequenceNumbers {
  private last = 0n;

  next(now: number): string {
    const fromClock = BigInt(Math.max(0, Math.floor(now))) * 1_000_000n;
    this.last = fromClock > this.last ? fromClock : this.last + 1n;
    return this.last.toString().padStart(20, '0');
  }

  /** After a restart: never hand out a number at or below one already used. */
  observe(sequenceNumber: string): void {
    if (/^\d+$/.test(sequenceNumber)) {
      const n = BigInt(sequenceNumber);
      if (n > this.last) this.last = n;
    }
  }
}
