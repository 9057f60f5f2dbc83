import { ConditionFailedError } from '../../storage/index.js';
import { isFifoTopicName, partitionOf, topicArnOf, validTopicName } from './arn.js';
import { decodeToken, encodeToken, PAGE_SIZE, requireTopic, topicRefIn, type CallScope, type SnsContext } from './context.js';
import { invalidParam, invalidParameter, topicNotFound } from './errors.js';
import {
  SUBSCRIPTIONS,
  TOPICS,
  type CreateTopicInput,
  type CreateTopicResponse,
  type DeleteTopicInput,
  type GetTopicAttributesInput,
  type GetTopicAttributesResponse,
  type ListTopicsInput,
  type ListTopicsResponse,
  type SetTopicAttributesInput,
  type TopicRecord,
} from './model.js';
import { checkTags, sameTags } from './tags.js';
import { checkTopicAttribute, normaliseCreateAttributes, renderTopicAttributes } from './topic-attributes.js';

/** CreateTopic, DeleteTopic, ListTopics, Get/SetTopicAttributes. */

export async function createTopic(ctx: SnsContext, scope: CallScope, input: CreateTopicInput): Promise<CreateTopicResponse> {
  const attributes = input.Attributes ?? {};
  const fifo = attributes.FifoTopic?.toLowerCase() === 'true';
  if (fifo && !validTopicName(input.Name, true)) {
    throw invalidParameter(
      'Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.',
    );
  }
  if (!fifo && (isFifoTopicName(input.Name) || !validTopicName(input.Name, false))) throw invalidParam('Topic Name');
  for (const [name, value] of Object.entries(attributes)) {
    const problem = checkTopicAttribute(name, value, fifo, true);
    if (problem) throw invalidParam(`Attributes Reason: ${problem}`);
  }
  if (input.DataProtectionPolicy !== undefined) {
    const problem = checkTopicAttribute('DataProtectionPolicy', input.DataProtectionPolicy, fifo, true);
    if (problem) throw invalidParam(problem);
  }
  const tags = input.Tags ?? [];
  checkTags(tags, []);
  const arn = topicArnOf(scope.region, scope.accountId, input.Name);
  const stored = normaliseCreateAttributes(attributes, fifo);
  if (input.DataProtectionPolicy) stored.DataProtectionPolicy = input.DataProtectionPolicy;
  const record: TopicRecord = { arn, name: input.Name, accountId: scope.accountId, region: scope.region, fifo, attributes: stored, tags, createdAt: ctx.clock.now() };
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await ctx.store.getTopic(arn);
    if (existing) {
      // CreateTopic is idempotent for the same name, attributes and tags.
      const same = Object.entries(stored).every(([k, v]) => existing.value.attributes[k] === v);
      if (!same) throw invalidParam('Attributes Reason: Topic already exists with different attributes');
      if (input.Tags !== undefined && !sameTags(existing.value.tags, tags)) throw invalidParam('Tags Reason: Topic already exists with different tags');
      return { TopicArn: arn };
    }
    try {
      await ctx.store.commit({ writes: [{ op: 'put', table: TOPICS, key: arn, value: record, ifVersion: 0 }] });
      ctx.logger.info({ topicArn: arn, fifo }, 'sns topic created');
      return { TopicArn: arn };
    } catch (e) {
      if (!(e instanceof ConditionFailedError)) throw e;
    }
  }
  return { TopicArn: arn };
}

/** Deleting a topic removes its subscriptions; deleting a topic that does not exist succeeds. */
export async function deleteTopic(ctx: SnsContext, scope: CallScope, input: DeleteTopicInput): Promise<void> {
  let ref;
  try {
    ref = topicRefIn(scope, input.TopicArn);
  } catch (e) {
    if (e instanceof Error && e.name === 'NotFound') return;
    throw e;
  }
  const topic = await ctx.store.getTopic(ref.arn);
  if (!topic) return;
  const subs = await ctx.store.subscriptionsOf(ref.arn);
  await ctx.store.commit({
    writes: [
      { op: 'delete', table: TOPICS, key: ref.arn },
      ...subs.map((s) => ({ op: 'delete' as const, table: SUBSCRIPTIONS, key: s.key })),
    ],
  });
  ctx.logger.info({ topicArn: ref.arn, subscriptions: subs.length }, 'sns topic deleted');
}

export async function listTopics(ctx: SnsContext, scope: CallScope, input: ListTopicsInput): Promise<ListTopicsResponse> {
  const prefix = `arn:${partitionOf(scope.region)}:sns:${scope.region}:${scope.accountId}:`;
  const startAfter = decodeToken(input.NextToken, prefix);
  const page = await ctx.store.listTopics(prefix, startAfter, PAGE_SIZE + 1);
  const more = page.length > PAGE_SIZE;
  const shown = page.slice(0, PAGE_SIZE);
  return {
    Topics: shown.map((t) => ({ TopicArn: t.arn })),
    NextToken: more ? encodeToken(shown[shown.length - 1].arn) : undefined,
  };
}

export async function getTopicAttributes(ctx: SnsContext, scope: CallScope, input: GetTopicAttributesInput): Promise<GetTopicAttributesResponse> {
  const topic = await requireTopic(ctx, scope, input.TopicArn);
  const subs = await ctx.store.subscriptionsOf(topic.value.arn);
  return { Attributes: renderTopicAttributes(topic.value, subs.map((s) => s.value)) };
}

export async function setTopicAttributes(ctx: SnsContext, scope: CallScope, input: SetTopicAttributesInput): Promise<void> {
  const ref = topicRefIn(scope, input.TopicArn);
  const value = input.AttributeValue ?? '';
  await ctx.store.update<TopicRecord>(
    TOPICS,
    ref.arn,
    (topic) => {
      const problem = checkTopicAttribute(input.AttributeName, value, topic.fifo, false);
      if (problem) throw invalidParam(problem);
      const attributes = { ...topic.attributes };
      if (value === '' && input.AttributeName !== 'DisplayName') delete attributes[input.AttributeName];
      else attributes[input.AttributeName] = value;
      return { ...topic, attributes };
    },
    topicNotFound,
  );
}
