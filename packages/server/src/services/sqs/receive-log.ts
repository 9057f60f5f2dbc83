import type { Storage } from '../../storage/index.js';
import type { IndexedMessage } from './message-index.js';
import { formatReceiveNote } from './restore.js';

/**
 * Receives of standard-queue messages, written to storage shortly after the fact (within
 * `delayMs`) instead of before each ReceiveMessage answers. Most messages are deleted within
 * milliseconds of being received; their pending write is then dropped, which halves the storage
 * work of a send → receive → delete cycle. A crash inside that window only makes those messages
 * visible again early with one receive less counted — the redelivery standard queues already
 * allow ("at-least-once delivery", SQS Developer Guide). FIFO queues do not use this: their
 * receives are committed before ReceiveMessage answers.
 */
export class ReceiveLog {
  private pending = new Map<string, IndexedMessage>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = 50,
  ) {}

  get size(): number {
    return this.pending.size;
  }

  /** Remember a receive (the message's current visibility and receive count) for the next flush. */
  record(message: IndexedMessage): void {
    this.pending.set(message.id, message);
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush().catch(this.onError);
      }, this.delayMs);
    }
  }

  /** The message is gone (deleted, moved, purged) or its state is written another way. */
  forget(id: string): void {
    this.pending.delete(id);
  }

  /** Write every pending receive now. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flushing;
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.flushing = writeReceives(this.storage, batch).finally(() => (this.flushing = undefined));
    await this.flushing;
  }
}

/** Commit the visibility and receive count of received messages (the delivery's notBefore and note). */
export async function writeReceives(storage: Storage, messages: readonly IndexedMessage[]): Promise<void> {
  await Promise.all(
    messages.map((m) => storage.deliveries.reschedule(m.id, m.visibleAt, formatReceiveNote({ receives: m.receiveCount, firstReceivedAt: m.firstReceivedAt ?? m.visibleAt }))),
  );
}
