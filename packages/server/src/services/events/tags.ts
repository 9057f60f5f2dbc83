import { parseBusArn, parseRuleArn, busArn, type BusRecord, type RuleRecord, type Tag } from '../../bus/index.js';
import type { RequestContext } from '../provider.js';
import { defaultBus, saveBus, saveRule, type EventsContext } from './context.js';
import { busNotFound, messages, resourceNotFound, ruleNotFound, validation } from './errors.js';
import type { ListTagsForResourceRequest, ListTagsForResourceResponse, TagResourceRequest, UntagResourceRequest } from './model.js';

export function checkTags(tags: Tag[] | undefined): void {
  if (tags && new Set(tags.map((t) => t.Key)).size !== tags.length) throw validation(messages.duplicateTagKeys);
}

/** Tags with the same key are replaced, others added (TagResource semantics). */
export function mergeTags(current: readonly Tag[], added: readonly Tag[]): Tag[] {
  const byKey = new Map(current.map((t) => [t.Key, t.Value]));
  for (const t of added) byKey.set(t.Key, t.Value);
  return [...byKey].map(([Key, Value]) => ({ Key, Value }));
}

type Taggable = { kind: 'bus'; bus: BusRecord } | { kind: 'rule'; rule: RuleRecord };

/** Buses and rules carry tags; anything else is not found. */
function taggable(ec: EventsContext, arn: string, ctx: RequestContext): Taggable {
  const bus = parseBusArn(arn);
  if (bus) {
    const stored = ec.engine.catalog.bus(arn);
    if (stored) return { kind: 'bus', bus: stored };
    if (bus.name === 'default' && bus.accountId === ctx.accountId) return { kind: 'bus', bus: defaultBus(bus) };
    throw busNotFound(bus.name);
  }
  const rule = parseRuleArn(arn);
  if (rule) {
    const stored = ec.engine.catalog.ruleOf(busArn(rule, rule.busName), rule.name);
    if (stored) return { kind: 'rule', rule: stored };
    throw ruleNotFound(rule.name, rule.busName);
  }
  throw resourceNotFound(`Resource ${arn} does not exist.`);
}

export function tagOperations(ec: EventsContext) {
  const update = async (arn: string, ctx: RequestContext, change: (tags: Tag[]) => Tag[]): Promise<void> => {
    const t = taggable(ec, arn, ctx);
    const now = ec.clock.now();
    if (t.kind === 'bus') await saveBus(ec, { ...t.bus, tags: change(t.bus.tags), modifiedAt: now, createdAt: t.bus.createdAt || now });
    else await saveRule(ec, { ...t.rule, tags: change(t.rule.tags), modifiedAt: now });
  };
  return {
    TagResource: (input: TagResourceRequest, ctx: RequestContext): Promise<Record<string, never>> =>
      ec.lock.run(async () => {
        checkTags(input.Tags);
        await update(input.ResourceARN, ctx, (tags) => mergeTags(tags, input.Tags));
        return {};
      }),
    UntagResource: (input: UntagResourceRequest, ctx: RequestContext): Promise<Record<string, never>> =>
      ec.lock.run(async () => {
        await update(input.ResourceARN, ctx, (tags) => tags.filter((t) => !input.TagKeys.includes(t.Key)));
        return {};
      }),
    ListTagsForResource: (input: ListTagsForResourceRequest, ctx: RequestContext): ListTagsForResourceResponse => {
      const t = taggable(ec, input.ResourceARN, ctx);
      return { Tags: t.kind === 'bus' ? t.bus.tags : t.rule.tags };
    },
  };
}
