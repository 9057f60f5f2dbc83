import type { SqsContext } from './context.js';
import { forgetMessage } from './forget.js';
import type { IndexedMessage } from './message-index.js';
import type { StoredMessage } from './model.js';
import type { QueueState } from './queue-state.js';

/**
 * Dead-letter queue redrive (StartMessageMoveTask): a background task moves the messages of a
 * dead-letter queue back to the queues they came from (DeadLetterQueueSourceArn) or to one
 * destination, at most MaxNumberOfMessagesPerSecond. Each move is one commit (gone from the
 * source, present in the destination). Tasks live in memory: a restart ends running ones.
 */

export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

export interface MoveTask {
  id: string;
  sourceArn: string;
  destinationArn?: string;
  maxPerSecond?: number;
  status: MoveTaskStatus;
  startedAt: number;
  moved: number;
  toMove: number;
  failureReason?: string;
}

/** Ticks per second of a running task; without a rate limit each tick moves up to this many. */
const TICKS_PER_SECOND = 10;
const UNLIMITED_BATCH = 100;

export class MoveTasks {
  private readonly tasks: MoveTask[] = [];
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;

  constructor(private readonly ctx: SqsContext) {}

  start(task: Omit<MoveTask, 'status' | 'moved' | 'toMove' | 'startedAt'>, source: QueueState): MoveTask {
    const now = this.ctx.clock.now();
    const entry: MoveTask = { ...task, status: 'RUNNING', startedAt: now, moved: 0, toMove: source.index.counts(now).visible };
    this.tasks.push(entry);
    this.schedule();
    return entry;
  }

  /** Tasks of a source queue, most recent first. */
  list(sourceArn: string): MoveTask[] {
    return this.tasks.filter((t) => t.sourceArn === sourceArn).reverse();
  }

  find(id: string): MoveTask | undefined {
    return this.tasks.find((t) => t.id === id);
  }

  active(sourceArn: string): MoveTask | undefined {
    return this.tasks.find((t) => t.sourceArn === sourceArn && (t.status === 'RUNNING' || t.status === 'CANCELLING'));
  }

  cancel(task: MoveTask): void {
    if (task.status === 'RUNNING') task.status = 'CANCELLING';
  }

  /** Move what each running task may move now (also driven by the timer). */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      for (const task of this.tasks) {
        if (task.status === 'CANCELLING') task.status = 'CANCELLED';
        if (task.status === 'RUNNING') await this.advance(task);
      }
    } finally {
      this.ticking = false;
      if (!this.tasks.some((t) => t.status === 'RUNNING' || t.status === 'CANCELLING')) this.stop();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) => this.ctx.logger?.warn({ err: error }, 'sqs message move task failed'));
    }, 1000 / TICKS_PER_SECOND);
    this.timer.unref();
  }

  private async advance(task: MoveTask): Promise<void> {
    const source = this.ctx.queues.get(task.sourceArn);
    if (!source) return this.fail(task, 'AWS.SimpleQueueService.NonExistentQueue');
    const room = task.maxPerSecond ? Math.max(1, Math.floor(task.maxPerSecond / TICKS_PER_SECOND)) : UNLIMITED_BATCH;
    const now = this.ctx.clock.now();
    const batch: IndexedMessage[] = [];
    for (const m of source.index.messages()) {
      if (batch.length >= room) break;
      if (m.visibleAt <= now) batch.push(m);
    }
    if (batch.length === 0 || task.moved >= task.toMove) {
      task.status = 'COMPLETED';
      return;
    }
    for (const m of batch) {
      const d = await this.ctx.payloads.load(this.ctx.storage, m.id);
      if (!d || source.index.get(m.id) !== m) continue;
      const meta = d.meta;
      const target = this.ctx.queues.get(task.destinationArn ?? meta.deadLetterSourceArn ?? '');
      if (!target) return this.fail(task, 'AWS.SimpleQueueService.NonExistentQueue');
      source.index.remove(m.id);
      forgetMessage(this.ctx, m.id);
      const moved: StoredMessage = { ...meta };
      delete moved.deadLetterSourceArn;
      const { deliveryIds } = await this.ctx.storage.commit({
        acks: [m.id],
        deliveries: [{ queue: target.arn, body: d.body, notBefore: now, meta: moved as unknown as Record<string, unknown> }],
      });
      if (!target.deleted) {
        target.index.add({ id: deliveryIds[0], messageId: meta.messageId, order: target.nextOrder(), sentAt: meta.sentAt, groupId: meta.groupId, visibleAt: now, receiveCount: 0, version: 0 });
        target.waiters.wake();
      }
      task.moved += 1;
    }
  }

  private fail(task: MoveTask, reason: string): void {
    task.status = 'FAILED';
    task.failureReason = reason;
  }
}
