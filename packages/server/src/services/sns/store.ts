import { ConditionFailedError, type Batch, type Item, type Storage } from '../../storage/index.js';
import { SUBSCRIPTIONS, TOPICS, type SubscriptionRecord, type TopicRecord } from './model.js';

/**
 * SNS's view of storage: topics and subscriptions keyed by ARN (a topic's subscriptions are the
 * keys starting `<topicArn>:`), and optimistic read-modify-write on their versions.
 */
export class SnsStore {
  constructor(readonly storage: Storage) {}

  getTopic(arn: string): Promise<Item<TopicRecord> | undefined> {
    return this.storage.metadata.get<TopicRecord>(TOPICS, arn);
  }

  async listTopics(prefix: string, startAfter: string | undefined, limit: number): Promise<TopicRecord[]> {
    const items = await this.storage.metadata.list<TopicRecord>(TOPICS, { prefix, startAfter, limit });
    return items.map((i) => i.value);
  }

  getSubscription(arn: string): Promise<Item<SubscriptionRecord> | undefined> {
    return this.storage.metadata.get<SubscriptionRecord>(SUBSCRIPTIONS, arn);
  }

  /** Subscriptions of one topic, in ARN order. */
  async subscriptionsOf(topicArn: string): Promise<Item<SubscriptionRecord>[]> {
    return this.storage.metadata.list<SubscriptionRecord>(SUBSCRIPTIONS, { prefix: `${topicArn}:` });
  }

  async listSubscriptions(prefix: string, startAfter: string | undefined, limit: number): Promise<SubscriptionRecord[]> {
    const items = await this.storage.metadata.list<SubscriptionRecord>(SUBSCRIPTIONS, { prefix, startAfter, limit });
    return items.map((i) => i.value);
  }

  commit(batch: Batch): Promise<unknown> {
    return this.storage.commit(batch);
  }

  /**
   * Read, change, write back on the version read; retried when a concurrent writer won. `change`
   * may throw (an AwsError) to abort, or return undefined to write nothing.
   */
  async update<T>(table: string, key: string, change: (current: T) => T | undefined, onMissing: () => Error): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const item = await this.storage.metadata.get<T>(table, key);
      if (!item) throw onMissing();
      const next = change(item.value);
      if (next === undefined) return item.value;
      try {
        await this.storage.commit({ writes: [{ op: 'put', table, key, value: next, ifVersion: item.version }] });
        return next;
      } catch (e) {
        if (!(e instanceof ConditionFailedError) || attempt >= 20) throw e;
      }
    }
  }
}
