/**
 * The in-memory index of a queue's messages: when each becomes visible, how often it was received.
 * Storage holds the messages durably; this index answers "what can be received now" without
 * touching it. Times are epoch ms passed in by the caller (tests use a ManualClock).
 */

export interface IndexedMessage {
  /** Storage delivery id. */
  readonly id: string;
  readonly messageId: string;
  /** Arrival order within the queue. */
  readonly order: number;
  readonly sentAt: number;
  readonly groupId?: string;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  lastReceivedAt?: number;
  /** Grows with every visibility change, so superseded schedule entries can be recognised. */
  version: number;
}

/** What to do with a visible message a receive reaches: return it, drop it (retention), or move it to the DLQ. */
export type Verdict = 'deliver' | 'expire' | 'deadLetter';

export interface TakeResult {
  delivered: IndexedMessage[];
  /** Messages the verdict took out of the index. */
  removed: { message: IndexedMessage; reason: Exclude<Verdict, 'deliver'> }[];
}

export interface MessageCounts {
  visible: number;
  notVisible: number;
  delayed: number;
}

export interface MessageIndex {
  readonly size: number;
  add(message: IndexedMessage): void;
  get(id: string): IndexedMessage | undefined;
  remove(id: string): IndexedMessage | undefined;
  /**
   * Receive up to `max` visible messages: each delivered one stays invisible until
   * `now + visibilityMs` and its receive count grows by one.
   */
  take(now: number, max: number, visibilityMs: number, verdict: (m: IndexedMessage) => Verdict): TakeResult;
  setVisibleAt(message: IndexedMessage, at: number): void;
  /** The earliest time after `now` at which a receive could find something new; undefined if none. */
  nextVisibleAt(now: number): number | undefined;
  counts(now: number): MessageCounts;
  /** All messages in arrival order. */
  messages(): IterableIterator<IndexedMessage>;
  clear(): void;
}

export function markReceived(m: IndexedMessage, now: number, visibilityMs: number): void {
  m.receiveCount += 1;
  m.firstReceivedAt ??= now;
  m.lastReceivedAt = now;
  m.visibleAt = now + visibilityMs;
  m.version += 1;
}

/** Counting scans the queue: GetQueueAttributes is rare next to sends and receives. */
export function countMessages(messages: Iterable<IndexedMessage>, now: number): MessageCounts {
  const counts = { visible: 0, notVisible: 0, delayed: 0 };
  for (const m of messages) {
    if (m.visibleAt <= now) counts.visible += 1;
    else if (m.receiveCount > 0) counts.notVisible += 1;
    else counts.delayed += 1;
  }
  return counts;
}
