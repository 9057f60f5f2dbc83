import type { Clock } from '../../core/index.js';
import {
  ConditionFailedError,
  type Batch,
  type BlobStore,
  type CommitResult,
  type Delivery,
  type DeliveryQueue,
  type Item,
  type Journal,
  type JournalRecord,
  type ListOptions,
  type MetadataStore,
  type Storage,
} from '../../storage/interfaces.js';

/**
 * A small in-memory Storage for the bus's unit tests (not a backend: no durability, linear scans).
 * It keeps the contract's observable semantics — atomic batches, conditional writes, leases that
 * make deliveries due again, cursors — so tests written against it hold on the real backend.
 */
export class MemoryStorage implements Storage {
  private readonly tables = new Map<string, Map<string, Item>>();
  private readonly records: JournalRecord[] = [];
  private readonly cursors = new Map<string, number>();
  private readonly pending = new Map<string, Delivery>();
  private seq = 0;
  private deliverySeq = 0;
  commits = 0;

  constructor(private readonly clock: Clock) {}

  readonly metadata: MetadataStore = {
    get: async <T>(table: string, key: string) => this.tables.get(table)?.get(key) as Item<T> | undefined,
    list: async <T>(table: string, o: ListOptions = {}) => {
      const items = [...(this.tables.get(table)?.values() ?? [])]
        .filter((i) => (!o.prefix || i.key.startsWith(o.prefix)) && (o.startAfter === undefined || i.key > o.startAfter))
        .sort((a, b) => (a.key < b.key ? -1 : 1));
      return (o.limit === undefined ? items : items.slice(0, o.limit)) as Item<T>[];
    },
    count: async (table, o = {}) => [...(this.tables.get(table)?.keys() ?? [])].filter((k) => !o.prefix || k.startsWith(o.prefix)).length,
  };

  readonly journal: Journal = {
    read: async (after, limit, stream) => this.records.filter((r) => r.seq > after && (!stream || r.stream === stream)).slice(0, limit),
    readByTime: async (stream, from, to, after, limit) =>
      this.records.filter((r) => r.stream === stream && r.appendedAt >= from && r.appendedAt < to && r.seq > after).slice(0, limit),
    lastSeq: async () => this.seq,
    cursor: async (consumer) => this.cursors.get(consumer) ?? 0,
    trim: async (stream, before) => {
      let n = 0;
      for (let i = this.records.length - 1; i >= 0; i--) {
        const r = this.records[i] as JournalRecord;
        if (r.stream === stream && r.appendedAt < before) {
          this.records.splice(i, 1);
          n++;
        }
      }
      return n;
    },
  };

  readonly deliveries: DeliveryQueue = {
    lease: async ({ queue, limit, now, leaseMs }) => {
      const due = [...this.pending.values()]
        .filter((d) => (!queue || d.queue === queue) && d.notBefore <= now)
        .sort((a, b) => a.notBefore - b.notBefore || a.seq - b.seq)
        .slice(0, limit);
      for (const d of due) {
        d.notBefore = now + leaseMs;
        d.attempts += 1;
      }
      return due.map((d) => ({ ...d, meta: { ...d.meta } }));
    },
    reschedule: async (id, notBefore, lastError) => {
      const d = this.pending.get(id);
      if (!d) return false;
      d.notBefore = notBefore;
      if (lastError !== undefined) d.lastError = lastError;
      return true;
    },
    get: async (id) => {
      const d = this.pending.get(id);
      return d && { ...d };
    },
    peek: async (queue, limit) =>
      [...this.pending.values()]
        .filter((d) => d.queue === queue)
        .sort((a, b) => a.notBefore - b.notBefore || a.seq - b.seq)
        .slice(0, limit),
    depth: async (queue) => [...this.pending.values()].filter((d) => !queue || d.queue === queue).length,
    dueCount: async (queue, now) => [...this.pending.values()].filter((d) => d.queue === queue && d.notBefore <= now).length,
    nextDue: async (queue) => {
      let min: number | undefined;
      for (const d of this.pending.values()) if ((!queue || d.queue === queue) && (min === undefined || d.notBefore < min)) min = d.notBefore;
      return min;
    },
    purge: async (queue) => {
      let n = 0;
      for (const [id, d] of this.pending) if (d.queue === queue && this.pending.delete(id)) n++;
      return n;
    },
  };

  get blobs(): BlobStore {
    throw new Error('MemoryStorage has no blob store');
  }

  async commit(batch: Batch): Promise<CommitResult> {
    for (const w of batch.writes ?? []) {
      if (w.ifVersion === undefined) continue;
      const current = this.tables.get(w.table)?.get(w.key)?.version ?? 0;
      if (current !== w.ifVersion) throw new ConditionFailedError(w.table, w.key);
    }
    this.commits++;
    const now = this.clock.now();
    for (const w of batch.writes ?? []) {
      let table = this.tables.get(w.table);
      if (!table) this.tables.set(w.table, (table = new Map()));
      if (w.op === 'delete') table.delete(w.key);
      else table.set(w.key, { key: w.key, value: structuredClone(w.value), version: (table.get(w.key)?.version ?? 0) + 1 });
    }
    const eventSeqs: number[] = [];
    for (const e of batch.events ?? []) {
      this.records.push({ stream: e.stream, body: e.body, seq: ++this.seq, appendedAt: now });
      eventSeqs.push(this.seq);
    }
    const deliveryIds: string[] = [];
    for (const d of batch.deliveries ?? []) {
      const id = `d${++this.deliverySeq}`;
      this.pending.set(id, { id, queue: d.queue, body: d.body, meta: { ...(d.meta ?? {}) }, attempts: 0, enqueuedAt: now, notBefore: d.notBefore ?? now, seq: this.deliverySeq });
      deliveryIds.push(id);
    }
    for (const id of batch.acks ?? []) this.pending.delete(id);
    for (const c of batch.cursors ?? []) this.cursors.set(c.consumer, c.seq);
    return { eventSeqs, deliveryIds };
  }

  async close(): Promise<void> {}
}
