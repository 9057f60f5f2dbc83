import { transformInput, type TargetInput } from '@bosun/pattern';
import type { Target } from '../wire/models/events.types.js';

/** Which of Input / InputPath / InputTransformer a target uses (PutTargets allows at most one). */
export function targetInputOf(target: Target): TargetInput {
  if (target.Input !== undefined) return { kind: 'input', input: target.Input };
  if (target.InputPath !== undefined) return { kind: 'inputPath', inputPath: target.InputPath };
  if (target.InputTransformer !== undefined) {
    return { kind: 'inputTransformer', inputPathsMap: target.InputTransformer.InputPathsMap, inputTemplate: target.InputTransformer.InputTemplate };
  }
  return { kind: 'none' };
}

/** What the target receives for this event: the event, a constant, a part of it, or a template. */
export function renderTargetInput(event: string, target: Target, rule: { arn: string; name: string }, ingestedAt: number): string {
  const input = targetInputOf(target);
  if (input.kind === 'none') return event;
  return transformInput(event, input, { ruleArn: rule.arn, ruleName: rule.name, ingestionTime: new Date(ingestedAt).toISOString() });
}
