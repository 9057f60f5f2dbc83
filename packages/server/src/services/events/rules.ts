import { matches, PatternError, validatePattern } from '@bosun/pattern';
import { ruleArn, ruleKey, tables, type RuleRecord } from '../../bus/index.js';
import { parseSchedule } from '../../bus/schedule-expression.js';
import type { RequestContext } from '../provider.js';
import { requireBus, requireRule, saveRule, scopeOf, type EventsContext } from './context.js';
import { invalidEventPattern, messages, validation } from './errors.js';
import type {
  DeleteRuleRequest,
  DescribeRuleRequest,
  DescribeRuleResponse,
  DisableRuleRequest,
  EnableRuleRequest,
  ListRuleNamesByTargetRequest,
  ListRuleNamesByTargetResponse,
  ListRulesRequest,
  ListRulesResponse,
  PutRuleRequest,
  PutRuleResponse,
  Rule,
  TestEventPatternRequest,
  TestEventPatternResponse,
} from './model.js';
import { page } from './paging.js';
import { checkTags, mergeTags } from './tags.js';

/** PatternError → InvalidEventPatternException with AWS's text (location suffix included, as AWS sends it). */
export function checkPattern(pattern: string): void {
  try {
    validatePattern(pattern);
  } catch (e) {
    if (e instanceof PatternError) throw invalidEventPattern(e.rawMessage);
    throw e;
  }
}

function ruleView(r: RuleRecord): Rule {
  return {
    Name: r.name,
    Arn: r.arn,
    EventPattern: r.eventPattern,
    State: r.state,
    Description: r.description,
    ScheduleExpression: r.scheduleExpression,
    RoleArn: r.roleArn,
    ManagedBy: r.managedBy,
    EventBusName: r.busName,
  };
}

const eventFields = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

export function ruleOperations(ec: EventsContext) {
  const setState = (input: EnableRuleRequest | DisableRuleRequest, ctx: RequestContext, state: 'ENABLED' | 'DISABLED') =>
    ec.lock.run(async () => {
      const rule = requireRule(ec, requireBus(ec, input.EventBusName, scopeOf(ctx)), input.Name);
      if (rule.state !== state) {
        const next = { ...rule, state, modifiedAt: ec.clock.now() };
        await saveRule(ec, next);
        await ec.engine.scheduler.ruleChanged(next);
      }
      return {};
    });

  return {
    PutRule: (input: PutRuleRequest, ctx: RequestContext): Promise<PutRuleResponse> =>
      ec.lock.run(async () => {
        const scope = scopeOf(ctx);
        const bus = requireBus(ec, input.EventBusName, scope);
        if (input.EventPattern === undefined && input.ScheduleExpression === undefined) throw validation(messages.patternOrSchedule);
        if (input.ScheduleExpression !== undefined) {
          if (bus.name !== 'default') throw validation(messages.scheduleOnlyOnDefault);
          if (!parseSchedule(input.ScheduleExpression)) throw validation(messages.scheduleInvalid);
        }
        if (input.EventPattern !== undefined) checkPattern(input.EventPattern);
        checkTags(input.Tags);
        const existing = ec.engine.catalog.ruleOf(bus.arn, input.Name);
        const now = ec.clock.now();
        // PutRule replaces the rule's settings; targets and tags stay (tags given are merged).
        const rule: RuleRecord = {
          name: input.Name,
          arn: ruleArn(bus, bus.name, input.Name),
          busName: bus.name,
          busArn: bus.arn,
          accountId: bus.accountId,
          region: bus.region,
          eventPattern: input.EventPattern,
          scheduleExpression: input.ScheduleExpression,
          state: input.State ?? 'ENABLED',
          description: input.Description,
          roleArn: input.RoleArn,
          createdBy: ctx.accountId,
          tags: mergeTags(existing?.tags ?? [], input.Tags ?? []),
          targets: existing?.targets ?? [],
          createdAt: existing?.createdAt ?? now,
          modifiedAt: now,
        };
        await saveRule(ec, rule);
        await ec.engine.scheduler.ruleChanged(rule);
        return { RuleArn: rule.arn };
      }),

    DescribeRule: (input: DescribeRuleRequest, ctx: RequestContext): DescribeRuleResponse => {
      const rule = requireRule(ec, requireBus(ec, input.EventBusName, scopeOf(ctx)), input.Name);
      return { ...ruleView(rule), CreatedBy: rule.createdBy };
    },

    ListRules: (input: ListRulesRequest, ctx: RequestContext): ListRulesResponse => {
      const bus = requireBus(ec, input.EventBusName, scopeOf(ctx));
      const rules = ec.engine.catalog.rulesOf(bus.arn).filter((r) => !input.NamePrefix || r.name.startsWith(input.NamePrefix));
      const p = page(rules, (r) => r.name, input.Limit, input.NextToken);
      return { Rules: p.items.map(ruleView), NextToken: p.nextToken };
    },

    EnableRule: (input: EnableRuleRequest, ctx: RequestContext) => setState(input, ctx, 'ENABLED'),
    DisableRule: (input: DisableRuleRequest, ctx: RequestContext) => setState(input, ctx, 'DISABLED'),

    DeleteRule: (input: DeleteRuleRequest, ctx: RequestContext): Promise<Record<string, never>> =>
      ec.lock.run(async () => {
        const bus = requireBus(ec, input.EventBusName, scopeOf(ctx));
        const rule = ec.engine.catalog.ruleOf(bus.arn, input.Name);
        // Deleting a rule that does not exist succeeds, as on AWS.
        if (!rule) return {};
        if (rule.targets.length > 0 && !input.Force) throw validation(messages.ruleHasTargets);
        await ec.engine.storage.commit({ writes: [{ op: 'delete', table: tables.rules, key: ruleKey(bus.arn, rule.name) }] });
        ec.engine.catalog.removeRule(rule.arn);
        for (const t of rule.targets) await ec.engine.purgeTarget(rule.arn, t.Id);
        ec.engine.metrics.forgetRule(rule.arn);
        await ec.engine.scheduler.ruleRemoved(rule.arn);
        return {};
      }),

    ListRuleNamesByTarget: (input: ListRuleNamesByTargetRequest, ctx: RequestContext): ListRuleNamesByTargetResponse => {
      const bus = requireBus(ec, input.EventBusName, scopeOf(ctx));
      const rules = ec.engine.catalog.rulesOf(bus.arn).filter((r) => r.targets.some((t) => t.Arn === input.TargetArn));
      const p = page(rules, (r) => r.name, input.Limit, input.NextToken);
      return { RuleNames: p.items.map((r) => r.name), NextToken: p.nextToken };
    },

    TestEventPattern: (input: TestEventPatternRequest): TestEventPatternResponse => {
      let event: unknown;
      try {
        event = JSON.parse(input.Event);
      } catch {
        throw validation(messages.eventInvalid);
      }
      if (typeof event !== 'object' || event === null || Array.isArray(event) || !eventFields.every((f) => f in event)) throw validation(messages.eventInvalid);
      checkPattern(input.EventPattern);
      return { Result: matches(input.EventPattern, input.Event) };
    },
  };
}
