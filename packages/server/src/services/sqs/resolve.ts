import type { RequestContext } from '../provider.js';
import type { SqsContext } from './context.js';
import { queueDoesNotExist } from './errors.js';
import { parseQueueUrl, queueUrl } from './names.js';
import type { QueueState } from './queue-state.js';

/** The queue a QueueUrl names, in any host form; QueueDoesNotExist otherwise. */
export function resolveQueue(sqs: SqsContext, url: string, ctx: RequestContext): QueueState {
  const loc = parseQueueUrl(url, { region: ctx.region, accountId: ctx.accountId });
  const queue = loc ? sqs.queues.find(loc) : undefined;
  if (!queue) throw queueDoesNotExist(ctx.protocol);
  return queue;
}

/** The queue's URL as this client addressed Bosun. */
export function urlOf(queue: QueueState, ctx: RequestContext): string {
  return queueUrl(ctx.baseUrl, queue.record);
}
