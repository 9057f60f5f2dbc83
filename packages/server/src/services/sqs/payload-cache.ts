import type { Storage } from '../../storage/index.js';
import type { StoredMessage } from './model.js';

export interface Payload {
  body: string;
  meta: StoredMessage;
}

/**
 * Bodies and metadata of recently sent messages, so the usual send → receive cycle hands them out
 * without reading them back from storage. Bounded by an approximate byte budget; the oldest
 * entries give way first. An entry outliving its message is harmless (delivery ids are never
 * reused), so only the common exits (delete, move, expiry) bother to drop theirs.
 */
export class PayloadCache {
  private readonly entries = new Map<string, Payload & { size: number }>();
  private bytes = 0;

  constructor(private readonly budgetBytes = 64 * 1024 * 1024) {}

  get size(): number {
    return this.entries.size;
  }

  set(id: string, payload: Payload): void {
    // UTF-16 in memory, plus the metadata object; close enough to budget by.
    const size = 2 * payload.body.length + 512 + 64 * Object.keys(payload.meta.attributes ?? {}).length;
    if (size > this.budgetBytes / 16) return;
    this.delete(id);
    this.entries.set(id, { ...payload, size });
    this.bytes += size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.size;
    }
  }

  delete(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.bytes -= entry.size;
  }

  /** The payload of a stored message: from memory when cached, else from storage; undefined when gone. */
  async load(storage: Storage, id: string): Promise<Payload | undefined> {
    const cached = this.entries.get(id);
    if (cached) return cached;
    const d = await storage.deliveries.get(id);
    return d ? { body: d.body, meta: d.meta as unknown as StoredMessage } : undefined;
  }
}
