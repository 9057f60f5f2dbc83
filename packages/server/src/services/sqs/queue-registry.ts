import type { Storage } from '../../storage/index.js';
import { DEDUP_TABLE, QUEUES_TABLE, type QueueRecord } from './model.js';
import { queueArn, type QueueLocation } from './names.js';
import { QueueState } from './queue-state.js';

/**
 * All queues, cached in memory and written through to the metadata store, so lookups on the hot
 * path (every send and receive) never touch storage.
 */
export class QueueRegistry {
  private readonly byArn = new Map<string, QueueState>();

  constructor(private readonly storage: Storage) {}

  /** Read every stored queue (at start). */
  async load(): Promise<QueueState[]> {
    const items = await this.storage.metadata.list<QueueRecord>(QUEUES_TABLE);
    const states = items.map((item) => new QueueState(item.value));
    for (const state of states) this.byArn.set(state.arn, state);
    return states;
  }

  get(arn: string): QueueState | undefined {
    return this.byArn.get(arn);
  }

  find(loc: QueueLocation): QueueState | undefined {
    return this.byArn.get(queueArn(loc));
  }

  all(): IterableIterator<QueueState> {
    return this.byArn.values();
  }

  /** Queues of one account and region, sorted by name (ListQueues order). */
  list(region: string, accountId: string): QueueState[] {
    const out: QueueState[] = [];
    for (const q of this.byArn.values()) if (q.record.region === region && q.record.accountId === accountId) out.push(q);
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * Register a new queue. It is visible at once (a concurrent CreateQueue of the same name sees it
   * and compares attributes) and durable when the promise resolves.
   */
  async create(record: QueueRecord): Promise<QueueState> {
    const state = new QueueState(record);
    this.byArn.set(state.arn, state);
    try {
      await this.storage.commit({ writes: [{ op: 'put', table: QUEUES_TABLE, key: state.arn, value: record }] });
    } catch (e) {
      if (this.byArn.get(state.arn) === state) this.byArn.delete(state.arn);
      throw e;
    }
    return state;
  }

  async update(state: QueueState, record: QueueRecord): Promise<void> {
    await this.storage.commit({ writes: [{ op: 'put', table: QUEUES_TABLE, key: state.arn, value: record }] });
    state.update(record);
  }

  /** Forget a queue with its messages and deduplication ids. */
  async delete(state: QueueState): Promise<void> {
    if (this.byArn.get(state.arn) === state) this.byArn.delete(state.arn);
    state.deleted = true;
    state.index.clear();
    state.waiters.wake();
    const dedupKeys = await this.storage.metadata.list(DEDUP_TABLE, { prefix: `${state.arn}/` });
    await this.storage.commit({
      writes: [
        { op: 'delete', table: QUEUES_TABLE, key: state.arn },
        ...dedupKeys.map((item) => ({ op: 'delete' as const, table: DEDUP_TABLE, key: item.key })),
      ],
    });
    await this.storage.deliveries.purge(state.arn);
    state.dedup.clear();
  }
}
