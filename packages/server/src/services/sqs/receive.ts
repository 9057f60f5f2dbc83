import type { SqsContext } from './context.js';
import { forgetMessage } from './forget.js';
import type { IndexedMessage, Verdict } from './message-index.js';
import { toApiMessage, type MessageSelection } from './message-view.js';
import type { Payload } from './payload-cache.js';
import type { Message, StoredMessage } from './model.js';
import type { QueueState } from './queue-state.js';
import { encodeReceiptHandle } from './receipt-handle.js';
import { writeReceives } from './receive-log.js';

export interface ReceiveOptions {
  max: number;
  visibilityTimeoutSeconds: number;
  waitTimeSeconds: number;
  selection: MessageSelection;
}

/**
 * ReceiveMessage. Long polling (WaitTimeSeconds > 0) returns as soon as at least one message can
 * be had, else when the wait ends; while parked it wakes on sends and when the earliest delayed or
 * in-flight message becomes visible. Before returning, each received message's new visibility and
 * receive count are committed, so a restart neither re-delivers early nor forgets the count.
 */
export async function receiveMessages(ctx: SqsContext, queue: QueueState, opts: ReceiveOptions): Promise<Message[]> {
  const deadline = ctx.clock.now() + opts.waitTimeSeconds * 1000;
  for (;;) {
    // Taken before looking, so a send that lands while this receive is between looking and parking still wakes it.
    const generation = queue.waiters.current;
    const messages = await receiveOnce(ctx, queue, opts);
    const now = ctx.clock.now();
    if (messages.length > 0 || now >= deadline || ctx.closed || queue.deleted) return messages;
    const next = queue.index.nextVisibleAt(now);
    await queue.waiters.wait(Math.min(deadline, next ?? deadline) - now, generation);
  }
}

async function receiveOnce(ctx: SqsContext, queue: QueueState, opts: ReceiveOptions): Promise<Message[]> {
  const now = ctx.clock.now();
  const taken = queue.index.take(now, opts.max, opts.visibilityTimeoutSeconds * 1000, verdictFor(ctx, queue, now));
  if (taken.removed.length > 0) await disposeOf(ctx, queue, taken.removed);
  if (taken.delivered.length === 0) return [];
  const stored = await Promise.all(taken.delivered.map((m) => ctx.payloads.load(ctx.storage, m.id)));
  if (queue.fifo) await writeReceives(ctx.storage, taken.delivered);
  else for (const m of taken.delivered) ctx.receiveLog.record(m);
  const out: Message[] = [];
  taken.delivered.forEach((m, i) => {
    const d = stored[i];
    // Gone from storage (purged or deleted concurrently): the index catches up.
    if (!d) {
      queue.index.remove(m.id);
      forgetMessage(ctx, m.id);
      return;
    }
    const handle = encodeReceiptHandle({ queueArn: queue.arn, deliveryId: m.id, receive: m.receiveCount, nonce: ctx.receiptSalt });
    out.push(toApiMessage(d.meta, d.body, m, handle, opts.selection));
  });
  return out;
}

/** Expired messages are dropped; those received maxReceiveCount times go to the dead-letter queue instead. */
function verdictFor(ctx: SqsContext, queue: QueueState, now: number): (m: IndexedMessage) => Verdict {
  const retentionMs = queue.settings.messageRetentionPeriod * 1000;
  const redrive = queue.redrive;
  const dlqExists = redrive !== undefined && ctx.queues.get(redrive.deadLetterTargetArn) !== undefined;
  return (m) => {
    if (m.sentAt + retentionMs <= now) return 'expire';
    if (dlqExists && m.receiveCount >= redrive.maxReceiveCount) return 'deadLetter';
    return 'deliver';
  };
}

async function disposeOf(ctx: SqsContext, queue: QueueState, removed: { message: IndexedMessage; reason: Exclude<Verdict, 'deliver'> }[]): Promise<void> {
  for (const r of removed) forgetMessage(ctx, r.message.id);
  const expired = removed.filter((r) => r.reason === 'expire').map((r) => r.message.id);
  if (expired.length > 0) await ctx.storage.commit({ acks: expired });
  const toDlq = removed.filter((r) => r.reason === 'deadLetter').map((r) => r.message);
  if (toDlq.length > 0) await moveToDeadLetterQueue(ctx, queue, toDlq);
}

/**
 * Redrive: the message leaves its queue and enters the dead-letter queue in one commit, keeping its
 * id, body, attributes and original send time (retention still counts from it), and gaining
 * DeadLetterQueueSourceArn. Deduplication does not apply to the move.
 */
async function moveToDeadLetterQueue(ctx: SqsContext, source: QueueState, messages: IndexedMessage[]): Promise<void> {
  const dlq = source.redrive ? ctx.queues.get(source.redrive.deadLetterTargetArn) : undefined;
  const stored = (await Promise.all(messages.map((m) => ctx.payloads.load(ctx.storage, m.id)))).filter((d): d is Payload => d !== undefined);
  if (!dlq) {
    // The dead-letter queue went away between the verdict and now: keep the messages where they were.
    for (const m of messages) source.index.add(m);
    return;
  }
  const now = ctx.clock.now();
  const metas: StoredMessage[] = stored.map((d) => ({ ...d.meta, deadLetterSourceArn: source.arn }));
  const { deliveryIds } = await ctx.storage.commit({
    acks: messages.map((m) => m.id),
    deliveries: stored.map((d, i) => ({ queue: dlq.arn, body: d.body, notBefore: now, meta: metas[i] as unknown as Record<string, unknown> })),
  });
  if (dlq.deleted) return;
  metas.forEach((meta, i) => {
    ctx.payloads.set(deliveryIds[i], { body: stored[i].body, meta });
    dlq.index.add({ id: deliveryIds[i], messageId: meta.messageId, order: dlq.nextOrder(), sentAt: meta.sentAt, groupId: meta.groupId, visibleAt: now, receiveCount: 0, version: 0 });
  });
  ctx.logger?.debug({ source: source.arn, deadLetterQueue: dlq.arn, messageIds: metas.map((m) => m.messageId) }, 'sqs redrive to dead-letter queue');
  dlq.waiters.wake();
}
