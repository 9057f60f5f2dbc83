import { countMessages, markReceived, type IndexedMessage, type MessageCounts, type MessageIndex, type TakeResult, type Verdict } from './message-index.js';

/**
 * A FIFO queue: messages in per-group lists in arrival order. A group is locked while any of its
 * received messages is still invisible; otherwise a receive takes messages from its head, as many
 * of one group as it can before moving on, as SQS does (Developer Guide, "FIFO queue logic").
 * A delayed head holds back the rest of its group, so order within a group is never broken.
 */
export class FifoIndex implements MessageIndex {
  private readonly byId = new Map<string, IndexedMessage>();
  /** Group id → its messages in arrival order; Map order is the order groups are served in. */
  private readonly groups = new Map<string, IndexedMessage[]>();

  get size(): number {
    return this.byId.size;
  }

  add(message: IndexedMessage): void {
    this.byId.set(message.id, message);
    const key = message.groupId ?? '';
    const list = this.groups.get(key);
    if (!list) {
      this.groups.set(key, [message]);
      return;
    }
    let i = list.length;
    while (i > 0 && list[i - 1].order > message.order) i -= 1;
    list.splice(i, 0, message);
  }

  get(id: string): IndexedMessage | undefined {
    return this.byId.get(id);
  }

  remove(id: string): IndexedMessage | undefined {
    const message = this.byId.get(id);
    if (!message) return undefined;
    this.byId.delete(id);
    const key = message.groupId ?? '';
    const list = this.groups.get(key);
    if (list) {
      const i = list.indexOf(message);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.groups.delete(key);
    }
    return message;
  }

  take(now: number, max: number, visibilityMs: number, verdict: (m: IndexedMessage) => Verdict): TakeResult {
    const result: TakeResult = { delivered: [], removed: [] };
    for (const [key, list] of this.groups) {
      if (result.delivered.length >= max) break;
      if (isLocked(list, now)) continue;
      let i = 0;
      while (i < list.length && result.delivered.length < max) {
        const m = list[i];
        if (m.visibleAt > now) break;
        const v = verdict(m);
        if (v !== 'deliver') {
          list.splice(i, 1);
          this.byId.delete(m.id);
          result.removed.push({ message: m, reason: v });
          continue;
        }
        markReceived(m, now, visibilityMs);
        result.delivered.push(m);
        i += 1;
      }
      if (list.length === 0) this.groups.delete(key);
    }
    return result;
  }

  setVisibleAt(message: IndexedMessage, at: number): void {
    message.visibleAt = at;
    message.version += 1;
  }

  nextVisibleAt(now: number): number | undefined {
    let next: number | undefined;
    for (const list of this.groups.values()) {
      for (const m of list) {
        if (m.visibleAt > now && (next === undefined || m.visibleAt < next)) next = m.visibleAt;
        if (m.receiveCount === 0) break;
      }
    }
    return next;
  }

  counts(now: number): MessageCounts {
    return countMessages(this.byId.values(), now);
  }

  messages(): IterableIterator<IndexedMessage> {
    return this.byId.values();
  }

  clear(): void {
    this.byId.clear();
    this.groups.clear();
  }
}

/**
 * Received messages form a prefix of their group (receives take from the head), so scanning that
 * prefix finds every message in flight.
 */
function isLocked(list: IndexedMessage[], now: number): boolean {
  for (const m of list) {
    if (m.receiveCount === 0) return false;
    if (m.visibleAt > now) return true;
  }
  return false;
}
