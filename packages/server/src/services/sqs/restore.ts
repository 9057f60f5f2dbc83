import type { Delivery } from '../../storage/index.js';
import type { SqsContext } from './context.js';
import { DEDUP_TABLE, type DedupRecord, type ReceiveNote, type StoredMessage } from './model.js';
import type { QueueState } from './queue-state.js';

/**
 * Rebuild the in-memory state from storage at start: queues, each queue's message index (with
 * receive counts and visibility as last committed) and the FIFO deduplication windows.
 */
export async function restore(ctx: SqsContext): Promise<void> {
  const queues = await ctx.queues.load();
  const now = ctx.clock.now();
  for (const queue of queues) {
    const deliveries = await ctx.storage.deliveries.peek(queue.arn, Number.MAX_SAFE_INTEGER);
    deliveries.sort((a, b) => a.seq - b.seq);
    for (const d of deliveries) restoreMessage(ctx, queue, d);
    if (queue.fifo) await restoreDedup(ctx, queue, now);
  }
}

function restoreMessage(ctx: SqsContext, queue: QueueState, d: Delivery): void {
  const meta = d.meta as unknown as StoredMessage;
  const note = parseReceiveNote(d.lastError);
  if (meta.sequenceNumber) ctx.sequenceNumbers.observe(meta.sequenceNumber);
  queue.index.add({
    id: d.id,
    messageId: meta.messageId,
    order: queue.nextOrder(),
    sentAt: meta.sentAt ?? d.enqueuedAt,
    groupId: meta.groupId,
    visibleAt: d.notBefore,
    receiveCount: note?.receives ?? 0,
    firstReceivedAt: note?.firstReceivedAt,
    version: 0,
  });
}

async function restoreDedup(ctx: SqsContext, queue: QueueState, now: number): Promise<void> {
  const prefix = `${queue.arn}/`;
  const items = await ctx.storage.metadata.list<DedupRecord>(DEDUP_TABLE, { prefix });
  items.sort((a, b) => a.value.expiresAt - b.value.expiresAt);
  for (const item of items) {
    const r = item.value;
    ctx.sequenceNumbers.observe(r.sequenceNumber);
    if (r.expiresAt > now) queue.dedup.remember(item.key.slice(prefix.length), { messageId: r.messageId, sequenceNumber: r.sequenceNumber, expiresAt: r.expiresAt });
  }
}

export function formatReceiveNote(note: ReceiveNote): string {
  return JSON.stringify(note);
}

export function parseReceiveNote(text: string | undefined): ReceiveNote | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as Partial<ReceiveNote>;
    return typeof v.receives === 'number' && typeof v.firstReceivedAt === 'number' ? { receives: v.receives, firstReceivedAt: v.firstReceivedAt } : undefined;
  } catch {
    return undefined;
  }
}
