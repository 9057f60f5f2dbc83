import { AwsError } from '../../errors/index.js';

/**
 * EventBridge errors Bosun returns, with AWS's codes and wording (EventBridge API reference; texts
 * as real responses carry them, cross-checked against moto/LocalStack snapshots).
 */

export function resourceNotFound(message: string): AwsError {
  return new AwsError('ResourceNotFoundException', message);
}

export function busNotFound(name: string): AwsError {
  return resourceNotFound(`Event bus ${name} does not exist.`);
}

export function ruleNotFound(rule: string, bus: string): AwsError {
  return resourceNotFound(`Rule ${rule} does not exist on EventBus ${bus}.`);
}

export function resourceAlreadyExists(message: string): AwsError {
  return new AwsError('ResourceAlreadyExistsException', message);
}

export function invalidEventPattern(message: string): AwsError {
  return new AwsError('InvalidEventPatternException', message);
}

export function validation(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

export function limitExceeded(message: string): AwsError {
  return new AwsError('LimitExceededException', message);
}

export function illegalStatus(message: string): AwsError {
  return new AwsError('IllegalStatusException', message);
}

export function policyLengthExceeded(): AwsError {
  return new AwsError('PolicyLengthExceededException', 'The policy length exceeds the maximum allowed.');
}

export function invalidNextToken(): AwsError {
  return validation('The nextToken provided is invalid.');
}

export const messages = {
  ruleHasTargets: "Rule can't be deleted since it has targets.",
  patternOrSchedule: 'Parameter(s) EventPattern or ScheduleExpression must be specified.',
  scheduleOnlyOnDefault: 'ScheduleExpression is supported only on the default event bus.',
  scheduleInvalid: 'Parameter ScheduleExpression is not valid.',
  cannotDeleteDefault: 'Cannot delete event bus default.',
  busNameSlash: "Event bus name must not contain '/'.",
  duplicateTagKeys: 'Invalid parameter: Duplicated keys are not allowed.',
  entriesTooLarge: 'Total size of the entries in the request is over the limit.',
  eventInvalid: 'Parameter Event is not valid.',
} as const;
