import { parseTopicArn } from './arn.js';
import type { CallScope, SnsContext } from './context.js';
import { invalidParam, resourceNotFound, tagLimitExceeded } from './errors.js';
import {
  TOPICS,
  type ListTagsForResourceRequest,
  type ListTagsForResourceResponse,
  type Tag,
  type TagResourceRequest,
  type TopicRecord,
  type UntagResourceRequest,
} from './model.js';

/** Topic tags: TagResource, UntagResource, ListTagsForResource (50 per topic, keys unique). */

export const MAX_TAGS = 50;

/** Throws for duplicate keys in `incoming` or more than 50 tags once merged into `existing`. */
export function checkTags(incoming: readonly Tag[], existing: readonly Tag[]): void {
  const keys = new Set(incoming.map((t) => t.Key));
  if (keys.size !== incoming.length) throw invalidParam('Duplicated keys are not allowed.');
  const merged = new Set([...existing.map((t) => t.Key), ...keys]);
  if (merged.size > MAX_TAGS) throw tagLimitExceeded();
}

export function mergeTags(existing: readonly Tag[], incoming: readonly Tag[]): Tag[] {
  const byKey = new Map(existing.map((t) => [t.Key, t.Value]));
  for (const t of incoming) byKey.set(t.Key, t.Value);
  return [...byKey].map(([Key, Value]) => ({ Key, Value }));
}

export function sameTags(a: readonly Tag[], b: readonly Tag[]): boolean {
  if (a.length !== b.length) return false;
  const m = new Map(a.map((t) => [t.Key, t.Value]));
  return b.every((t) => m.get(t.Key) === t.Value);
}

/** Tagging addresses resources by ARN; anything that is not one of our topics is ResourceNotFound. */
function topicKey(scope: CallScope, arn: string): string {
  const ref = parseTopicArn(arn, 'ResourceArn');
  if (ref.region !== scope.region || ref.accountId !== scope.accountId) throw resourceNotFound();
  return ref.arn;
}

export async function tagResource(ctx: SnsContext, scope: CallScope, input: TagResourceRequest): Promise<Record<string, never>> {
  await ctx.store.update<TopicRecord>(
    TOPICS,
    topicKey(scope, input.ResourceArn),
    (topic) => {
      checkTags(input.Tags, topic.tags);
      return { ...topic, tags: mergeTags(topic.tags, input.Tags) };
    },
    resourceNotFound,
  );
  return {};
}

export async function untagResource(ctx: SnsContext, scope: CallScope, input: UntagResourceRequest): Promise<Record<string, never>> {
  const remove = new Set(input.TagKeys);
  await ctx.store.update<TopicRecord>(
    TOPICS,
    topicKey(scope, input.ResourceArn),
    (topic) => ({ ...topic, tags: topic.tags.filter((t) => !remove.has(t.Key)) }),
    resourceNotFound,
  );
  return {};
}

export async function listTagsForResource(ctx: SnsContext, scope: CallScope, input: ListTagsForResourceRequest): Promise<ListTagsForResourceResponse> {
  const topic = await ctx.store.getTopic(topicKey(scope, input.ResourceArn));
  if (!topic) throw resourceNotFound();
  return { Tags: topic.value.tags };
}
