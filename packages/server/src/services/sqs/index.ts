import type { Logger } from 'pino';
import type { Clock, IdSource } from '../../core/index.js';
import type { Storage } from '../../storage/index.js';
import type { OperationHandler, RequestContext, ServiceProvider } from '../provider.js';
import { createContext } from './context.js';
import { queueDoesNotExist } from './errors.js';
import { sqsProvider } from './provider.js';
import { restore } from './restore.js';
import { sendMessages } from './send.js';
import { sweep, Sweeper } from './sweeper.js';

export { sqsProvider } from './provider.js';
export { md5OfAttributes, md5OfBody } from './md5.js';

/** How the bus sets a message's attributes, group and deduplication id. */
export interface SqsQueueSendOptions {
  messageAttributes?: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Uint8Array }>;
  messageGroupId?: string;
  messageDeduplicationId?: string;
}

/** What other parts of Bosun (the event bus: SQS targets, dead-letter queues) use of SQS. */
export interface SqsQueues {
  /** Send to a queue by ARN, as EventBridge's SQS target and DLQs do. Throws AwsError QueueDoesNotExist if absent. */
  sendMessage(queueArn: string, body: string, options?: SqsQueueSendOptions): Promise<{ messageId: string; md5OfBody: string }>;
  /**
   * Send several messages to one queue in one commit. Each entry succeeds or fails (validation)
   * on its own, by position; a missing queue or a failed commit throws for all of them.
   */
  sendMessageBatch(queueArn: string, entries: ({ body: string } & SqsQueueSendOptions)[]): Promise<({ messageId: string; md5OfBody: string } | Error)[]>;
}

export interface SqsServiceDeps {
  storage: Storage;
  clock: Clock;
  ids: IdSource;
  logger?: Logger;
  /** How often retention and deduplication windows are swept (ms). */
  sweepIntervalMs?: number;
}

export interface SqsService {
  provider: ServiceProvider;
  queues: SqsQueues;
  /** Resolves once queues and messages are restored from storage; calls made before then wait for it. */
  ready: Promise<void>;
  /** Drop messages past retention and forget closed deduplication windows now (also runs on a timer). */
  sweep(): Promise<void>;
  /** Release long polls and stop background sweeps. Storage stays open (its owner closes it). */
  close(): Promise<void>;
}

/** Amazon SQS: the API provider (JSON and query protocols) and the internal queue API. */
export function createSqsService(deps: SqsServiceDeps): SqsService {
  const ctx = createContext(deps);
  const sweeper = new Sweeper(ctx, deps.sweepIntervalMs);
  let isReady = false;
  const ready = restore(ctx).then(() => {
    isReady = true;
    if (!ctx.closed) sweeper.start();
  });
  // Nobody may be awaiting `ready` yet; a failed restore surfaces through every call instead.
  ready.catch(() => undefined);

  const inner = sqsProvider(ctx);
  const operations: Record<string, OperationHandler> = {};
  for (const [name, handler] of Object.entries(inner.operations)) {
    if (!handler) continue;
    const call = handler as (input: unknown, c: RequestContext) => unknown;
    operations[name] = ((input: unknown, c: RequestContext) => (isReady ? call(input, c) : ready.then(() => call(input, c)))) as OperationHandler;
  }

  const queues: SqsQueues = {
    sendMessage: async (queueArn, body, options = {}) => {
      if (!isReady) await ready;
      const queue = ctx.queues.get(queueArn);
      if (!queue) throw queueDoesNotExist('json');
      const [r] = await sendMessages(ctx, queue, [{ body, attributes: options.messageAttributes, groupId: options.messageGroupId, dedupId: options.messageDeduplicationId }], queue.record.accountId);
      if (r instanceof Error) throw r;
      return { messageId: r.messageId, md5OfBody: r.md5OfBody };
    },
    sendMessageBatch: async (queueArn, entries) => {
      if (!isReady) await ready;
      const queue = ctx.queues.get(queueArn);
      if (!queue) throw queueDoesNotExist('json');
      const requests = entries.map((e) => ({ body: e.body, attributes: e.messageAttributes, groupId: e.messageGroupId, dedupId: e.messageDeduplicationId }));
      const results = await sendMessages(ctx, queue, requests, queue.record.accountId);
      return results.map((r) => (r instanceof Error ? r : { messageId: r.messageId, md5OfBody: r.md5OfBody }));
    },
  };

  return {
    provider: { ...inner, operations },
    queues,
    ready,
    sweep: () => sweep(ctx),
    close: async () => {
      ctx.closed = true;
      for (const queue of ctx.queues.all()) queue.waiters.close();
      await sweeper.stop();
      ctx.moveTasks.stop();
      await ctx.receiveLog.flush();
    },
  };
}
