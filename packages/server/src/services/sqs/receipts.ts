import type { SqsContext } from './context.js';
import { forgetMessage } from './forget.js';
import { invalidValueFor, messageNotInflight, receiptHandleExpired, receiptHandleIsInvalid } from './errors.js';
import type { IndexedMessage } from './message-index.js';
import type { QueueState } from './queue-state.js';
import { decodeReceiptHandle, type ReceiptHandle } from './receipt-handle.js';
import { writeReceives } from './receive-log.js';

/** The longest a message may stay invisible, counted from the receive (API reference, ChangeMessageVisibility). */
const MAX_VISIBILITY_SECONDS = 43_200;

function parseHandle(queue: QueueState, text: string): ReceiptHandle {
  const handle = decodeReceiptHandle(text);
  if (!handle || handle.queueArn !== queue.arn) throw receiptHandleIsInvalid(text);
  return handle;
}

/**
 * Which messages a set of receipt handles deletes. A handle for a message already gone succeeds
 * (deleting twice is harmless). On a standard queue only the latest receive's handle deletes —
 * an older one succeeds without deleting, as the API reference (DeleteMessage) describes; a FIFO
 * queue refuses a handle whose message is no longer in flight with that receive.
 */
export function messageToDelete(ctx: SqsContext, queue: QueueState, handle: string): IndexedMessage | undefined {
  const h = parseHandle(queue, handle);
  const m = queue.index.get(h.deliveryId);
  if (!m) return undefined;
  if (queue.fifo && (m.receiveCount !== h.receive || m.visibleAt <= ctx.clock.now())) throw receiptHandleExpired(handle);
  return m.receiveCount === h.receive ? m : undefined;
}

/** Delete messages: out of the index at once (no further receive can hand them out), then acknowledged in storage. */
export async function deleteMessages(ctx: SqsContext, queue: QueueState, messages: IndexedMessage[]): Promise<void> {
  if (messages.length === 0) return;
  for (const m of messages) {
    queue.index.remove(m.id);
    forgetMessage(ctx, m.id);
  }
  await ctx.storage.commit({ acks: messages.map((m) => m.id) });
  // Deleting an in-flight FIFO message can unlock its group.
  if (queue.fifo) queue.waiters.wake();
}

export function validateVisibilityTimeout(value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > MAX_VISIBILITY_SECONDS) {
    throw invalidValueFor('VisibilityTimeout', value, `VisibilityTimeout must be an integer between 0 and ${MAX_VISIBILITY_SECONDS}.`);
  }
}

/**
 * ChangeMessageVisibility: only for a message in flight under this handle's receive; the new
 * timeout counts from now but the total since the receive may not pass 12 hours.
 */
export async function changeVisibility(ctx: SqsContext, queue: QueueState, handle: string, timeoutSeconds: number): Promise<void> {
  const h = parseHandle(queue, handle);
  validateVisibilityTimeout(timeoutSeconds);
  const now = ctx.clock.now();
  const m = queue.index.get(h.deliveryId);
  if (!m || m.receiveCount === 0 || m.receiveCount !== h.receive || m.visibleAt <= now) throw messageNotInflight(handle);
  const since = m.lastReceivedAt ?? now;
  if (now - since + timeoutSeconds * 1000 > MAX_VISIBILITY_SECONDS * 1000) {
    throw invalidValueFor('VisibilityTimeout', timeoutSeconds, `Total VisibilityTimeout for the message is beyond the limit [${MAX_VISIBILITY_SECONDS} seconds]`);
  }
  queue.index.setVisibleAt(m, now + timeoutSeconds * 1000);
  ctx.receiveLog.forget(m.id);
  await writeReceives(ctx.storage, [m]);
  queue.waiters.wake();
}
