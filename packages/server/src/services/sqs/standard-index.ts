import { MinHeap } from './heap.js';
import { countMessages, markReceived, type IndexedMessage, type MessageCounts, type MessageIndex, type TakeResult, type Verdict } from './message-index.js';

interface Entry {
  at: number;
  order: number;
  message: IndexedMessage;
  version: number;
}

/**
 * A standard queue: messages come out in the order they become visible (then arrival order), from a
 * heap of (visibleAt, order). A visibility change or delete leaves the old heap entry behind; it is
 * recognised as superseded when it surfaces, and the heap is rebuilt when such entries pile up.
 */
export class StandardIndex implements MessageIndex {
  private readonly byId = new Map<string, IndexedMessage>();
  private readonly heap = new MinHeap<Entry>((a, b) => a.at < b.at || (a.at === b.at && a.order < b.order));

  get size(): number {
    return this.byId.size;
  }

  add(message: IndexedMessage): void {
    this.byId.set(message.id, message);
    this.schedule(message);
  }

  get(id: string): IndexedMessage | undefined {
    return this.byId.get(id);
  }

  remove(id: string): IndexedMessage | undefined {
    const message = this.byId.get(id);
    if (message) this.byId.delete(id);
    return message;
  }

  take(now: number, max: number, visibilityMs: number, verdict: (m: IndexedMessage) => Verdict): TakeResult {
    const result: TakeResult = { delivered: [], removed: [] };
    while (result.delivered.length < max) {
      const top = this.heap.peek();
      if (!top || top.at > now) break;
      this.heap.pop();
      if (!this.isCurrent(top)) continue;
      const v = verdict(top.message);
      if (v !== 'deliver') {
        this.byId.delete(top.message.id);
        result.removed.push({ message: top.message, reason: v });
        continue;
      }
      markReceived(top.message, now, visibilityMs);
      result.delivered.push(top.message);
    }
    // Rescheduled only now, so a zero visibility timeout cannot hand one message out twice in one receive.
    for (const m of result.delivered) this.schedule(m);
    return result;
  }

  setVisibleAt(message: IndexedMessage, at: number): void {
    message.visibleAt = at;
    message.version += 1;
    this.schedule(message);
  }

  nextVisibleAt(now: number): number | undefined {
    for (let top = this.heap.peek(); top; top = this.heap.peek()) {
      if (this.isCurrent(top)) return Math.max(top.at, now + 1);
      this.heap.pop();
    }
    return undefined;
  }

  counts(now: number): MessageCounts {
    return countMessages(this.byId.values(), now);
  }

  messages(): IterableIterator<IndexedMessage> {
    return this.byId.values();
  }

  clear(): void {
    this.byId.clear();
    this.heap.clear();
  }

  private isCurrent(e: Entry): boolean {
    return e.message.version === e.version && this.byId.get(e.message.id) === e.message;
  }

  private schedule(message: IndexedMessage): void {
    this.heap.push({ at: message.visibleAt, order: message.order, message, version: message.version });
    if (this.heap.size > 2 * this.byId.size + 1024) this.rebuild();
  }

  /** Drop superseded entries; amortised O(1) per schedule since it runs only when they outnumber live ones. */
  private rebuild(): void {
    const entries: Entry[] = [];
    for (const m of this.byId.values()) entries.push({ at: m.visibleAt, order: m.order, message: m, version: m.version });
    this.heap.reset(entries);
  }
}
