import { ConditionFailedError, type MetadataWrite, type NewDelivery } from '../../storage/index.js';
import { parseTopicArn } from './arn.js';
import { requireTopic, type CallScope, type SnsContext } from './context.js';
import {
  batchEntryIdsNotDistinct,
  batchRequestTooLong,
  emptyBatchRequest,
  invalidBatchEntryId,
  invalidParam,
  missingRequired,
  tooManyEntriesInBatch,
} from './errors.js';
import { MAX_MESSAGE_BYTES } from './message-attributes.js';
import { notificationDeliveries } from './messages.js';
import {
  DEDUPLICATION,
  type DedupRecord,
  type PublishBatchInput,
  type PublishBatchResponse,
  type PublishInput,
  type PublishResponse,
  type SubscriptionRecord,
  type TopicRecord,
} from './model.js';
import { checkFifo, checkMessage, SequenceNumbers, type CheckedEntry, type PublishEntry } from './publish-checks.js';

/** FIFO topics drop a message whose deduplication id was seen in the last five minutes. */
const DEDUP_WINDOW_MS = 5 * 60_000;
const BATCH_ID = /^[A-Za-z0-9_-]{1,80}$/;

interface Accepted {
  messageId: string;
  sequenceNumber?: string;
}

/** Publish and PublishBatch: check, fan out through filter policies, and queue deliveries durably. */
export class Publisher {
  private readonly sequence = new SequenceNumbers();

  constructor(private readonly ctx: SnsContext) {}

  async publish(scope: CallScope, input: PublishInput): Promise<PublishResponse> {
    const target = input.TopicArn ?? input.TargetArn;
    if (target === undefined && input.PhoneNumber === undefined) throw missingRequired('TopicArn or TargetArn');
    const checked = checkMessage(input);
    if (target === undefined) {
      // SMS is not sent anywhere by Bosun; the publish is accepted as AWS would accept it.
      if (!/^\+[1-9]\d{1,14}$/.test(input.PhoneNumber ?? '')) throw invalidParam(`PhoneNumber Reason: ${input.PhoneNumber} is not valid to publish to`);
      return { MessageId: this.ctx.ids.uuid() };
    }
    const member = input.TopicArn !== undefined ? 'TopicArn' : 'TargetArn';
    if (member === 'TargetArn' && target.includes(':endpoint/')) throw invalidParam('TargetArn Reason: No endpoint found for the target arn specified');
    const topic = (await requireTopic(this.ctx, scope, target, member)).value;
    const [accepted] = await this.accept(topic, [checkFifo(topic, input, checked)], scope.baseUrl);
    return { MessageId: accepted.messageId, SequenceNumber: accepted.sequenceNumber };
  }

  async publishBatch(scope: CallScope, input: PublishBatchInput): Promise<PublishBatchResponse> {
    const entries = input.PublishBatchRequestEntries;
    if (entries.length === 0) throw emptyBatchRequest();
    if (entries.length > 10) throw tooManyEntriesInBatch();
    const topic = (await requireTopic(this.ctx, scope, input.TopicArn)).value;
    if (new Set(entries.map((e) => e.Id)).size !== entries.length) throw batchEntryIdsNotDistinct();
    for (const e of entries) {
      if (e.Id.length > 80) throw invalidBatchEntryId(`The Id of a batch entry in the batch request is too long: ${e.Id}`);
      if (!BATCH_ID.test(e.Id)) throw invalidBatchEntryId(`The Id of a batch entry in the batch request contains an impermissible character: ${e.Id}`);
    }
    const checked = entries.map((e) => checkFifo(topic, e, checkMessage(e)));
    if (checked.reduce((n, c) => n + c.size, 0) > MAX_MESSAGE_BYTES) throw batchRequestTooLong();
    const accepted = await this.accept(topic, checked, scope.baseUrl);
    return {
      Successful: accepted.map((a, i) => ({ Id: entries[i].Id, MessageId: a.messageId, SequenceNumber: a.sequenceNumber })),
      Failed: [],
    };
  }

  /**
   * Publish on behalf of another service (an EventBridge rule target). Errors are the AwsErrors
   * Publish would return (NotFound for a missing topic).
   */
  async publishToTopic(topicArn: string, entry: PublishEntry, baseUrl: string): Promise<Accepted> {
    const ref = parseTopicArn(topicArn);
    const topic = (await requireTopic(this.ctx, { accountId: ref.accountId, region: ref.region, baseUrl }, topicArn)).value;
    const [accepted] = await this.accept(topic, [checkFifo(topic, entry, checkMessage(entry))], baseUrl);
    return accepted;
  }

  /** Fan out and commit atomically; FIFO duplicates within the window are acknowledged without delivery. */
  private async accept(topic: TopicRecord, entries: CheckedEntry[], baseUrl: string): Promise<Accepted[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.tryAccept(topic, entries, baseUrl);
      } catch (e) {
        if (!(e instanceof ConditionFailedError) || attempt >= 5) throw e;
      }
    }
  }

  private async tryAccept(topic: TopicRecord, entries: CheckedEntry[], baseUrl: string): Promise<Accepted[]> {
    const { ctx } = this;
    const now = ctx.clock.now();
    const subs = (await ctx.store.subscriptionsOf(topic.arn)).map((s) => s.value);
    const writes: MetadataWrite[] = [];
    const deliveries: NewDelivery[] = [];
    const seenInBatch = new Map<string, Accepted>();
    const out: Accepted[] = [];
    for (const entry of entries) {
      if (entry.deduplicationId !== undefined) {
        const key = `${topic.arn}#${entry.deduplicationId}`;
        const earlier = seenInBatch.get(key);
        if (earlier) {
          out.push(earlier);
          continue;
        }
        const stored = await ctx.store.storage.metadata.get<DedupRecord>(DEDUPLICATION, key);
        if (stored && stored.value.expiresAt > now) {
          out.push({ messageId: stored.value.messageId, sequenceNumber: stored.value.sequenceNumber });
          continue;
        }
        const accepted = { messageId: ctx.ids.uuid(), sequenceNumber: this.sequence.next(now) };
        const record: DedupRecord = { messageId: accepted.messageId, sequenceNumber: accepted.sequenceNumber, expiresAt: now + DEDUP_WINDOW_MS };
        writes.push({ op: 'put', table: DEDUPLICATION, key, value: record, ifVersion: stored?.version ?? 0 });
        seenInBatch.set(key, accepted);
        out.push(accepted);
        deliveries.push(...this.fanOut(topic, subs, entry, accepted, now, baseUrl));
        continue;
      }
      const accepted = { messageId: ctx.ids.uuid() };
      out.push(accepted);
      deliveries.push(...this.fanOut(topic, subs, entry, accepted, now, baseUrl));
    }
    if (writes.length || deliveries.length) await ctx.store.commit({ writes, deliveries });
    if (deliveries.length) ctx.wake();
    ctx.logger.debug({ topicArn: topic.arn, messages: out.length, deliveries: deliveries.length }, 'sns published');
    return out;
  }

  private fanOut(topic: TopicRecord, subs: readonly SubscriptionRecord[], entry: CheckedEntry, accepted: Accepted, now: number, baseUrl: string): NewDelivery[] {
    return notificationDeliveries(this.ctx, topic, subs, {
      messageId: accepted.messageId,
      message: entry.message,
      subject: entry.subject,
      attributes: entry.attributes,
      messageGroupId: entry.messageGroupId,
      messageDeduplicationId: entry.deduplicationId,
      sequenceNumber: accepted.sequenceNumber,
      timestamp: now,
      baseUrl,
    });
  }
}
