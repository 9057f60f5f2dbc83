import type { RequestContext } from '../provider.js';
import type { SqsContext } from './context.js';
import { invalidValueFor, purgeQueueInProgress, queueDoesNotExist, queueNameExists, unknownAttribute } from './errors.js';
import type {
  AddPermissionRequest,
  CreateQueueRequest,
  CreateQueueResult,
  DeleteQueueRequest,
  GetQueueAttributesRequest,
  GetQueueAttributesResult,
  GetQueueUrlRequest,
  GetQueueUrlResult,
  ListDeadLetterSourceQueuesRequest,
  ListDeadLetterSourceQueuesResult,
  ListQueuesRequest,
  ListQueuesResult,
  ListQueueTagsRequest,
  ListQueueTagsResult,
  PurgeQueueRequest,
  QueueRecord,
  RemovePermissionRequest,
  SetQueueAttributesRequest,
  TagQueueRequest,
  UntagQueueRequest,
} from './model.js';
import { validateQueueName } from './names.js';
import { paginate } from './paging.js';
import { addPermission, removePermission } from './permissions.js';
import { applyAttributes, COMPUTED_ATTRIBUTES, defaultAttributes, firstDifference, isKnownAttributeName, normaliseAttributes } from './queue-attributes.js';
import type { QueueState } from './queue-state.js';
import { resolveQueue, urlOf } from './resolve.js';
import { mergeTags, removeTags, validateTags } from './tags.js';

/** SQS allows one PurgeQueue per queue every 60 seconds (API reference, PurgeQueue). */
const PURGE_INTERVAL_MS = 60_000;

const seconds = (ms: number) => Math.floor(ms / 1000);

/** Queue-level operations: lifecycle, attributes, tags and listings. */
export function queueOperations(sqs: SqsContext) {
  const lookup = (arn: string) => {
    const q = sqs.queues.get(arn);
    return q ? { fifo: q.fifo } : undefined;
  };

  return {
    CreateQueue: async (input: CreateQueueRequest, ctx: RequestContext): Promise<CreateQueueResult> => {
      const requested = input.Attributes ?? {};
      // A standard queue has no FifoQueue attribute at all, so "false" is as unknown as any other name.
      if (requested.FifoQueue !== undefined && requested.FifoQueue.toLowerCase() !== 'true') throw unknownAttribute('FifoQueue');
      const fifo = requested.FifoQueue !== undefined;
      validateQueueName(input.QueueName, fifo);
      const changes = normaliseAttributes(requested, { fifo, lookup });
      const existing = sqs.queues.find({ region: ctx.region, accountId: ctx.accountId, name: input.QueueName });
      if (existing) {
        const differs = firstDifference(existing.record.attributes, changes);
        if (differs) throw queueNameExists(differs);
        return { QueueUrl: urlOf(existing, ctx) };
      }
      const tags = input.tags ?? {};
      validateTags(tags);
      const now = seconds(sqs.clock.now());
      const record: QueueRecord = {
        v: 1,
        name: input.QueueName,
        region: ctx.region,
        accountId: ctx.accountId,
        fifo,
        attributes: applyAttributes(defaultAttributes(fifo), changes),
        tags: { ...tags },
        createdAt: now,
        lastModifiedAt: now,
      };
      const state = await sqs.queues.create(record);
      sqs.logger?.info({ queue: state.arn }, 'sqs queue created');
      return { QueueUrl: urlOf(state, ctx) };
    },

    GetQueueUrl: (input: GetQueueUrlRequest, ctx: RequestContext): GetQueueUrlResult => {
      const queue = sqs.queues.find({ region: ctx.region, accountId: input.QueueOwnerAWSAccountId ?? ctx.accountId, name: input.QueueName });
      if (!queue) throw queueDoesNotExist(ctx.protocol);
      return { QueueUrl: urlOf(queue, ctx) };
    },

    ListQueues: (input: ListQueuesRequest, ctx: RequestContext): ListQueuesResult => {
      const prefix = input.QueueNamePrefix ?? '';
      const all = sqs.queues.list(ctx.region, ctx.accountId).filter((q) => q.name.startsWith(prefix));
      const page = paginate(all, (q) => q.name, input.MaxResults, input.NextToken);
      const out: ListQueuesResult = page.items.length > 0 ? { QueueUrls: page.items.map((q) => urlOf(q, ctx)) } : {};
      if (page.nextToken) out.NextToken = page.nextToken;
      return out;
    },

    DeleteQueue: async (input: DeleteQueueRequest, ctx: RequestContext): Promise<void> => {
      const queue = resolveQueue(sqs, input.QueueUrl, ctx);
      await sqs.queues.delete(queue);
      sqs.logger?.info({ queue: queue.arn }, 'sqs queue deleted');
    },

    GetQueueAttributes: (input: GetQueueAttributesRequest, ctx: RequestContext): GetQueueAttributesResult => {
      const queue = resolveQueue(sqs, input.QueueUrl, ctx);
      const names = input.AttributeNames ?? [];
      for (const name of names) if (name !== 'All' && !isKnownAttributeName(name)) throw unknownAttribute(name);
      if (names.length === 0) return {};
      const all = attributesOf(queue, sqs.clock.now());
      if (names.includes('All')) return { Attributes: all };
      const picked: Record<string, string> = {};
      for (const name of names) if (all[name] !== undefined) picked[name] = all[name];
      return Object.keys(picked).length > 0 ? { Attributes: picked } : {};
    },

    SetQueueAttributes: async (input: SetQueueAttributesRequest, ctx: RequestContext): Promise<void> => {
      const queue = resolveQueue(sqs, input.QueueUrl, ctx);
      for (const name of Object.keys(input.Attributes)) if ((COMPUTED_ATTRIBUTES as readonly string[]).includes(name)) throw unknownAttribute(name);
      const changes = normaliseAttributes(input.Attributes, { fifo: queue.fifo, lookup });
      if (Object.keys(changes).length === 0) return;
      const attributes = applyAttributes(queue.record.attributes, changes);
      await sqs.queues.update(queue, { ...queue.record, attributes, lastModifiedAt: seconds(sqs.clock.now()) });
      // A shorter delay or wait may let parked receives act sooner.
      queue.waiters.wake();
    },

    PurgeQueue: async (input: PurgeQueueRequest, ctx: RequestContext): Promise<void> => {
      const queue = resolveQueue(sqs, input.QueueUrl, ctx);
      const now = sqs.clock.now();
      if (queue.lastPurgeAt !== undefined && now - queue.lastPurgeAt < PURGE_INTERVAL_MS) throw purgeQueueInProgress(queue.name);
      queue.lastPurgeAt = now;
      queue.index.clear();
      const count = await sqs.storage.deliveries.purge(queue.arn);
      sqs.logger?.info({ queue: queue.arn, count }, 'sqs queue purged');
    },

    TagQueue: async (input: TagQueueRequest, ctx: RequestContext): Promise<void> => {
      const queue = resolveQueue(sqs, input.QueueUrl, ctx);
      await sqs.queues.update(queue, { ...queue.record, tags: mergeTags(queue.name, queue.record.tags, input.Tags) });
    },

    UntagQueue: async (input: UntagQueueRequest, ctx: RequestContext): Promise<void> => {
      const queue = resolveQueue(sqs, input.QueueUrl, ctx);
      await sqs.queues.update(queue, { ...queue.record, tags: removeTags(queue.record.tags, input.TagKeys) });
    },

    ListQueueTags: (input: ListQueueTagsRequest, ctx: RequestContext): ListQueueTagsResult => {
      const queue = resolveQueue(sqs, input.QueueUrl, ctx);
      return Object.keys(queue.record.tags).length > 0 ? { Tags: { ...queue.record.tags } } : {};
    },

    AddPermission: async (input: AddPermissionRequest, ctx: RequestContext): Promise<void> => {
      const queue = resolveQueue(sqs, input.QueueUrl, ctx);
      if (!/^[A-Za-z0-9_-]{1,80}$/.test(input.Label)) throw invalidValueFor('Label', input.Label, 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
      const Policy = addPermission(queue.record.attributes.Policy, queue.arn, input.Label, input.AWSAccountIds, input.Actions);
      await sqs.queues.update(queue, { ...queue.record, attributes: { ...queue.record.attributes, Policy } });
    },

    RemovePermission: async (input: RemovePermissionRequest, ctx: RequestContext): Promise<void> => {
      const queue = resolveQueue(sqs, input.QueueUrl, ctx);
      const { Policy: current, ...rest } = queue.record.attributes;
      const Policy = removePermission(current, queue.arn, input.Label);
      await sqs.queues.update(queue, { ...queue.record, attributes: Policy ? { ...rest, Policy } : rest });
    },

    ListDeadLetterSourceQueues: (input: ListDeadLetterSourceQueuesRequest, ctx: RequestContext): ListDeadLetterSourceQueuesResult => {
      const dlq = resolveQueue(sqs, input.QueueUrl, ctx);
      const sources = sqs.queues.list(dlq.record.region, dlq.record.accountId).filter((q) => q.redrive?.deadLetterTargetArn === dlq.arn);
      const page = paginate(sources, (q) => q.name, input.MaxResults, input.NextToken);
      const out: ListDeadLetterSourceQueuesResult = { queueUrls: page.items.map((q) => urlOf(q, ctx)) };
      if (page.nextToken) out.NextToken = page.nextToken;
      return out;
    },
  };
}

/** Every attribute GetQueueAttributes can return for the queue: stored ones plus computed ones. */
function attributesOf(queue: QueueState, now: number): Record<string, string> {
  const counts = queue.index.counts(now);
  return {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.notVisible),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(queue.record.createdAt),
    LastModifiedTimestamp: String(queue.record.lastModifiedAt),
    ...queue.record.attributes,
  };
}
