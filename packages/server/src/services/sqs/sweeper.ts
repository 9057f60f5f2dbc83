import type { SqsContext } from './context.js';
import { forgetMessage } from './forget.js';
import { DEDUP_TABLE } from './model.js';
import type { QueueState } from './queue-state.js';

/** Per queue and sweep, at most this many expired messages are dropped (the rest on the next sweep). */
const MAX_EXPIRED_PER_SWEEP = 1000;

/**
 * Housekeeping: messages past their queue's MessageRetentionPeriod are deleted, and FIFO
 * deduplication ids whose 5-minute window closed are forgotten. Messages are visited oldest
 * first, so a sweep stops at the first one still within retention; receives also drop expired
 * messages they meet, which covers the rare out-of-order one (moved in from a source queue).
 */
export async function sweep(ctx: SqsContext): Promise<void> {
  const now = ctx.clock.now();
  for (const queue of [...ctx.queues.all()]) {
    await dropExpiredMessages(ctx, queue, now);
    if (queue.fifo) await forgetExpiredDedupIds(ctx, queue, now);
  }
}

async function dropExpiredMessages(ctx: SqsContext, queue: QueueState, now: number): Promise<void> {
  const limit = now - queue.settings.messageRetentionPeriod * 1000;
  const expired: string[] = [];
  for (const m of queue.index.messages()) {
    if (m.sentAt > limit || expired.length >= MAX_EXPIRED_PER_SWEEP) break;
    expired.push(m.id);
  }
  if (expired.length === 0) return;
  for (const id of expired) {
    queue.index.remove(id);
    forgetMessage(ctx, id);
  }
  await ctx.storage.commit({ acks: expired });
  ctx.logger?.debug({ queue: queue.arn, count: expired.length }, 'sqs retention expired messages');
}

async function forgetExpiredDedupIds(ctx: SqsContext, queue: QueueState, now: number): Promise<void> {
  const keys = queue.dedup.expire(now);
  if (keys.length === 0) return;
  await ctx.storage.commit({ writes: keys.map((key) => ({ op: 'delete' as const, table: DEDUP_TABLE, key: `${queue.arn}/${key}` })) });
}

/** Runs `sweep` every `intervalMs` until stopped; a sweep never overlaps the previous one. */
export class Sweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly ctx: SqsContext,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = sweep(this.ctx)
        .catch((error: unknown) => this.ctx.logger?.warn({ err: error }, 'sqs sweep failed'))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
