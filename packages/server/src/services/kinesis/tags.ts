import type { RequestContext } from '../provider.js';
import { requireStream, saveStream, type KinesisContext } from './context.js';
import { invalidArgument } from './errors.js';
import type {
  AddTagsToStreamInput,
  ListTagsForResourceInput,
  ListTagsForResourceOutput,
  ListTagsForStreamInput,
  ListTagsForStreamOutput,
  RemoveTagsFromStreamInput,
  StreamRecord,
  TagResourceInput,
  UntagResourceInput,
} from './model.js';

const MAX_TAGS = 50;

function tagList(tags: Record<string, string>) {
  return Object.keys(tags)
    .sort()
    .map((Key) => ({ Key, Value: tags[Key] }));
}

export function tagOperations(kc: KinesisContext) {
  const change = (ctx: RequestContext, ref: { StreamName?: string; StreamARN?: string }, fn: (tags: Record<string, string>) => Record<string, string>) =>
    kc.control.run(async () => {
      const stream = requireStream(kc, ctx, ref);
      const tags = fn(stream.tags);
      if (Object.keys(tags).length > MAX_TAGS) throw invalidArgument(`Failed to add tags to stream ${stream.name} under account ${stream.accountId} because a given stream cannot have more than ${MAX_TAGS} tags.`);
      const next: StreamRecord = { ...stream, tags };
      await saveStream(kc, next, stream);
      return {};
    });
  const add = (current: Record<string, string>, added: Record<string, string>) => ({ ...current, ...added });
  const remove = (current: Record<string, string>, keys: readonly string[]) => Object.fromEntries(Object.entries(current).filter(([k]) => !keys.includes(k)));

  return {
    AddTagsToStream: (input: AddTagsToStreamInput, ctx: RequestContext) => change(ctx, input, (t) => add(t, input.Tags)),
    RemoveTagsFromStream: (input: RemoveTagsFromStreamInput, ctx: RequestContext) => change(ctx, input, (t) => remove(t, input.TagKeys)),
    TagResource: (input: TagResourceInput, ctx: RequestContext) => change(ctx, { StreamARN: input.ResourceARN }, (t) => add(t, input.Tags)),
    UntagResource: (input: UntagResourceInput, ctx: RequestContext) => change(ctx, { StreamARN: input.ResourceARN }, (t) => remove(t, input.TagKeys)),

    ListTagsForStream: (input: ListTagsForStreamInput, ctx: RequestContext): ListTagsForStreamOutput => {
      const stream = requireStream(kc, ctx, input);
      const limit = input.Limit ?? 50;
      const all = tagList(stream.tags).filter((t) => input.ExclusiveStartTagKey === undefined || t.Key > input.ExclusiveStartTagKey);
      return { Tags: all.slice(0, limit), HasMoreTags: all.length > limit };
    },

    ListTagsForResource: (input: ListTagsForResourceInput, ctx: RequestContext): ListTagsForResourceOutput => ({
      Tags: tagList(requireStream(kc, ctx, { StreamARN: input.ResourceARN }).tags),
    }),
  };
}
