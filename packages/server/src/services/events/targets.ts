import { InputTransformerError, validateInputPath, validateInputTransformer } from '@bosun/pattern';
import { parseArn, type Target } from '../../bus/index.js';
import type { RequestContext } from '../provider.js';
import { requireBus, requireRule, saveRule, scopeOf, type EventsContext } from './context.js';
import { limitExceeded, validation } from './errors.js';
import type {
  ListTargetsByRuleRequest,
  ListTargetsByRuleResponse,
  PutTargetsRequest,
  PutTargetsResponse,
  PutTargetsResultEntry,
  RemoveTargetsRequest,
  RemoveTargetsResponse,
} from './model.js';
import { page } from './paging.js';

/** AWS allows five targets per rule. */
export const maxTargetsPerRule = 5;

/** Request-level checks: AWS rejects the whole call for these (ValidationException). */
function checkRequest(targets: Target[]): void {
  for (const t of targets) {
    if (!/^arn:[\w-]+:[\w-]+:[\w-]*:\d*:.+/.test(t.Arn)) throw validation(`Parameter ${t.Arn} is not valid. Reason: Provided Arn is not in correct format.`);
    const inputs = [t.Input, t.InputPath, t.InputTransformer].filter((v) => v !== undefined).length;
    if (inputs > 1) throw validation(`Only one of Input, InputPath, or InputTransformer must be provided for target ${t.Id}.`);
    if (parseArn(t.Arn)?.service === 'sqs' && t.Arn.endsWith('.fifo') && !t.SqsParameters) {
      throw validation(`Parameter(s) SqsParameters must be specified for target: ${t.Id}.`);
    }
  }
}

/** Entry-level checks: a failing target is reported in FailedEntries and the others are stored. */
function entryProblem(t: Target): string | undefined {
  if (t.Input !== undefined) {
    try {
      JSON.parse(t.Input);
    } catch {
      return `Parameter Input is not valid. Reason: Input for target ${t.Id} is not valid JSON.`;
    }
  }
  try {
    if (t.InputPath !== undefined) validateInputPath(t.InputPath);
    if (t.InputTransformer !== undefined) validateInputTransformer(t.InputTransformer.InputPathsMap, t.InputTransformer.InputTemplate, t.Id);
  } catch (e) {
    if (e instanceof InputTransformerError) return e.message;
    throw e;
  }
  const dlq = t.DeadLetterConfig?.Arn;
  if (dlq !== undefined && parseArn(dlq)?.service !== 'sqs') return `Parameter DeadLetterConfig.Arn is not valid. Reason: ${dlq} is not an SQS queue ARN.`;
  return undefined;
}

export function targetOperations(ec: EventsContext) {
  return {
    PutTargets: (input: PutTargetsRequest, ctx: RequestContext): Promise<PutTargetsResponse> =>
      ec.lock.run(async () => {
        const rule = requireRule(ec, requireBus(ec, input.EventBusName, scopeOf(ctx)), input.Rule);
        checkRequest(input.Targets);
        const failed: PutTargetsResultEntry[] = [];
        const byId = new Map(rule.targets.map((t) => [t.Id, t]));
        const changed: string[] = [];
        for (const t of input.Targets) {
          const problem = entryProblem(t);
          if (problem) {
            failed.push({ TargetId: t.Id, ErrorCode: 'ValidationException', ErrorMessage: problem });
            continue;
          }
          byId.set(t.Id, t);
          changed.push(t.Id);
        }
        if (byId.size > maxTargetsPerRule) throw limitExceeded('The requested resource exceeds the maximum number allowed.');
        if (changed.length) await saveRule(ec, { ...rule, targets: [...byId.values()], modifiedAt: ec.clock.now() });
        return { FailedEntryCount: failed.length, FailedEntries: failed };
      }),

    RemoveTargets: (input: RemoveTargetsRequest, ctx: RequestContext): Promise<RemoveTargetsResponse> =>
      ec.lock.run(async () => {
        const rule = requireRule(ec, requireBus(ec, input.EventBusName, scopeOf(ctx)), input.Rule);
        const removed = rule.targets.filter((t) => input.Ids.includes(t.Id));
        if (removed.length) {
          await saveRule(ec, { ...rule, targets: rule.targets.filter((t) => !input.Ids.includes(t.Id)), modifiedAt: ec.clock.now() });
          // Pending deliveries of a removed target are dropped, as on AWS.
          for (const t of removed) await ec.engine.purgeTarget(rule.arn, t.Id);
        }
        return { FailedEntryCount: 0, FailedEntries: [] };
      }),

    ListTargetsByRule: (input: ListTargetsByRuleRequest, ctx: RequestContext): ListTargetsByRuleResponse => {
      const rule = requireRule(ec, requireBus(ec, input.EventBusName, scopeOf(ctx)), input.Rule);
      const sorted = [...rule.targets].sort((a, b) => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0));
      const p = page(sorted, (t) => t.Id, input.Limit, input.NextToken);
      return { Targets: p.items, NextToken: p.nextToken };
    },
  };
}
