import type { RequestContext } from '../provider.js';
import { logGroupArn, parseLogGroupArn } from './arn.js';
import { requireGroup, scopeOf, type LogsContext } from './context.js';
import { groupNotFound, resourceNotFound, tooManyTags } from './errors.js';
import { updateGroup } from './groups.js';
import type {
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
  ListTagsLogGroupRequest,
  ListTagsLogGroupResponse,
  Scope,
  TagLogGroupRequest,
  TagResourceRequest,
  UntagLogGroupRequest,
  UntagResourceRequest,
} from './model.js';

const MAX_TAGS = 50;

export function checkTagCount(resourceName: string, count: number): void {
  if (count > MAX_TAGS) throw tooManyTags(resourceName);
}

/** The group a TagResource-family ARN names; other Logs resources (destinations, …) are not kept by Bosun. */
function groupOfArn(arn: string, scope: Scope): string {
  const parsed = parseLogGroupArn(arn);
  if (!parsed) throw resourceNotFound(`The specified resource ${arn} does not exist.`);
  if (parsed.accountId !== scope.accountId || parsed.region !== scope.region) throw groupNotFound();
  return parsed.name;
}

export function tagOperations(lc: LogsContext) {
  const tag = async (scope: Scope, name: string, tags: Record<string, string>): Promise<Record<string, never>> => {
    await updateGroup(lc, scope, name, (g) => {
      const next = { ...g.tags, ...tags };
      checkTagCount(logGroupArn(scope, name), Object.keys(next).length);
      return { ...g, tags: next };
    });
    return {};
  };
  const untag = async (scope: Scope, name: string, keys: readonly string[]): Promise<Record<string, never>> => {
    await updateGroup(lc, scope, name, (g) => ({ ...g, tags: Object.fromEntries(Object.entries(g.tags).filter(([k]) => !keys.includes(k))) }));
    return {};
  };
  return {
    TagResource: (input: TagResourceRequest, ctx: RequestContext) => tag(scopeOf(ctx), groupOfArn(input.resourceArn, scopeOf(ctx)), input.tags),
    UntagResource: (input: UntagResourceRequest, ctx: RequestContext) => untag(scopeOf(ctx), groupOfArn(input.resourceArn, scopeOf(ctx)), input.tagKeys),
    ListTagsForResource: async (input: ListTagsForResourceRequest, ctx: RequestContext): Promise<ListTagsForResourceResponse> => {
      const group = await requireGroup(lc, scopeOf(ctx), groupOfArn(input.resourceArn, scopeOf(ctx)));
      return { tags: group.tags };
    },
    // The legacy, name-based forms the older CLIs still call.
    TagLogGroup: (input: TagLogGroupRequest, ctx: RequestContext) => tag(scopeOf(ctx), input.logGroupName, input.tags),
    UntagLogGroup: (input: UntagLogGroupRequest, ctx: RequestContext) => untag(scopeOf(ctx), input.logGroupName, input.tags),
    ListTagsLogGroup: async (input: ListTagsLogGroupRequest, ctx: RequestContext): Promise<ListTagsLogGroupResponse> => {
      const group = await requireGroup(lc, scopeOf(ctx), input.logGroupName);
      return { tags: group.tags };
    },
  };
}
