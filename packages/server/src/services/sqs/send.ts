import type { MetadataWrite, NewDelivery } from '../../storage/index.js';
import type { SqsContext } from './context.js';
import { contentDeduplicationId, DEDUP_WINDOW_MS, dedupKey } from './dedup.js';
import { invalidParameterValue, invalidValueFor, missingParameter } from './errors.js';
import { md5OfAttributes, md5OfBody, type AttributeValue } from './md5.js';
import { validateBody, validateFifoId, validateMessageAttributes, validateMessageSize, validateSystemAttributes } from './message-validation.js';
import { DEDUP_TABLE, type DedupRecord, type StoredAttribute, type StoredMessage } from './model.js';
import type { QueueState } from './queue-state.js';

/** One message to send, as SendMessage and SendMessageBatch entries carry it. */
export interface SendRequest {
  body: string;
  delaySeconds?: number;
  attributes?: Record<string, AttributeValue>;
  systemAttributes?: Record<string, AttributeValue>;
  groupId?: string;
  dedupId?: string;
}

export interface SendResult {
  messageId: string;
  md5OfBody: string;
  md5OfAttributes?: string;
  md5OfSystemAttributes?: string;
  sequenceNumber?: string;
}

/** A validated send: either a FIFO duplicate (answered, not stored) or a message to store. */
interface PreparedSend {
  result: SendResult;
  store?: { delivery: NewDelivery; meta: StoredMessage; dedup?: { key: string; record: DedupRecord } };
}

/**
 * Validate one message against its queue and build what to store. FIFO duplicates are recognised
 * here, synchronously, and the new id is reserved at once, so concurrent sends of one id agree.
 */
function prepareSend(ctx: SqsContext, queue: QueueState, req: SendRequest, senderId: string, now: number): PreparedSend {
  validateBody(req.body);
  if (req.delaySeconds !== undefined && (req.delaySeconds < 0 || req.delaySeconds > 900)) {
    throw invalidValueFor('DelaySeconds', req.delaySeconds, 'DelaySeconds must be >= 0 and <= 900.');
  }
  validateMessageAttributes(req.attributes);
  validateSystemAttributes(req.systemAttributes);
  validateMessageSize(req.body, req.attributes, queue.settings.maximumMessageSize);
  const result: SendResult = {
    messageId: ctx.ids.uuid(),
    md5OfBody: md5OfBody(req.body),
    md5OfAttributes: md5OfAttributes(req.attributes),
    md5OfSystemAttributes: md5OfAttributes(req.systemAttributes),
  };
  const meta: StoredMessage = { v: 1, messageId: result.messageId, md5OfBody: result.md5OfBody, sentAt: now, senderId };
  if (req.attributes && Object.keys(req.attributes).length > 0) {
    meta.attributes = storedAttributes(req.attributes);
    meta.md5OfAttributes = result.md5OfAttributes;
  }
  const trace = req.systemAttributes?.AWSTraceHeader?.StringValue;
  if (trace !== undefined) meta.traceHeader = trace;
  if (req.groupId !== undefined) {
    validateFifoId('MessageGroupId', req.groupId);
    meta.groupId = req.groupId;
  }
  let delayMs = (req.delaySeconds ?? queue.settings.delaySeconds) * 1000;
  let dedup: { key: string; record: DedupRecord } | undefined;
  if (queue.fifo) {
    // FIFO queues delay per queue only (Developer Guide, "Amazon SQS delay queues").
    if (req.delaySeconds) throw invalidValueFor('DelaySeconds', req.delaySeconds, 'The request include parameter that is not valid for this queue type.');
    delayMs = queue.settings.delaySeconds * 1000;
    if (req.groupId === undefined) throw missingParameter('MessageGroupId');
    if (req.dedupId !== undefined) validateFifoId('MessageDeduplicationId', req.dedupId);
    const dedupId = req.dedupId ?? (queue.settings.contentBasedDeduplication ? contentDeduplicationId(req.body) : undefined);
    if (dedupId === undefined) {
      throw invalidParameterValue('The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    }
    const key = dedupKey(queue.settings.deduplicationScope, req.groupId, dedupId);
    const seen = queue.dedup.find(key, now);
    if (seen) return { result: { ...result, messageId: seen.messageId, sequenceNumber: seen.sequenceNumber } };
    result.sequenceNumber = ctx.sequenceNumbers.next(now);
    meta.dedupId = dedupId;
    meta.sequenceNumber = result.sequenceNumber;
    const record: DedupRecord = { v: 1, dedupId, groupId: req.groupId, messageId: result.messageId, sequenceNumber: result.sequenceNumber, expiresAt: now + DEDUP_WINDOW_MS };
    queue.dedup.remember(key, { messageId: record.messageId, sequenceNumber: record.sequenceNumber, expiresAt: record.expiresAt });
    dedup = { key, record };
  } else if (req.dedupId !== undefined) {
    throw invalidParameterValue('The request include parameter MessageDeduplicationId which is not valid for this queue type');
  }
  const delivery: NewDelivery = { queue: queue.arn, body: req.body, notBefore: now + delayMs, meta: meta as unknown as Record<string, unknown> };
  return { result, store: { delivery, meta, dedup } };
}

function storedAttributes(attributes: Record<string, AttributeValue>): Record<string, StoredAttribute> {
  const out: Record<string, StoredAttribute> = {};
  for (const [name, v] of Object.entries(attributes)) {
    out[name] = v.BinaryValue !== undefined ? { DataType: v.DataType, BinaryValue: Buffer.from(v.BinaryValue).toString('base64') } : { DataType: v.DataType, StringValue: v.StringValue };
  }
  return out;
}

/**
 * Send several messages to one queue in one atomic commit. Each entry succeeds or fails on its
 * own (validation); the result list matches `requests` by position.
 */
export async function sendMessages(ctx: SqsContext, queue: QueueState, requests: SendRequest[], senderId: string): Promise<(SendResult | Error)[]> {
  const now = ctx.clock.now();
  const prepared = requests.map((req): PreparedSend | Error => {
    try {
      return prepareSend(ctx, queue, req, senderId, now);
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  });
  const toStore = prepared.flatMap((p) => (p instanceof Error || !p.store ? [] : [p.store]));
  if (toStore.length > 0) {
    const writes: MetadataWrite[] = toStore.flatMap((s) => (s.dedup ? [{ op: 'put' as const, table: DEDUP_TABLE, key: `${queue.arn}/${s.dedup.key}`, value: s.dedup.record }] : []));
    let ids: string[];
    try {
      ({ deliveryIds: ids } = await ctx.storage.commit({ deliveries: toStore.map((s) => s.delivery), writes }));
    } catch (e) {
      for (const s of toStore) if (s.dedup) queue.dedup.forget(s.dedup.key);
      throw e;
    }
    if (!queue.deleted) indexStored(ctx, queue, toStore, ids);
  }
  return prepared.map((p) => (p instanceof Error ? p : p.result));
}

function indexStored(ctx: SqsContext, queue: QueueState, stored: NonNullable<PreparedSend['store']>[], ids: string[]): void {
  stored.forEach((s, i) => {
    ctx.payloads.set(ids[i], { body: s.delivery.body, meta: s.meta });
    queue.index.add({
      id: ids[i],
      messageId: s.meta.messageId,
      order: queue.nextOrder(),
      sentAt: s.meta.sentAt,
      groupId: s.meta.groupId,
      visibleAt: s.delivery.notBefore ?? s.meta.sentAt,
      receiveCount: 0,
      version: 0,
    });
  });
  // Also for delayed messages: a parked receive then re-arms its timer for their visibility.
  queue.waiters.wake();
}
