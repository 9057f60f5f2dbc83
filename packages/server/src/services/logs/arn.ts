import type { Scope } from './model.js';

/**
 * Log group ARNs. DescribeLogGroups reports `arn` with a trailing `:*` (the form IAM policies
 * use) and `logGroupArn` without it (the form TagResource and EventBridge targets use).
 */

export function logGroupArn(scope: Scope, name: string): string {
  return `arn:aws:logs:${scope.region}:${scope.accountId}:log-group:${name}`;
}

export function logStreamArn(scope: Scope, group: string, stream: string): string {
  return `arn:aws:logs:${scope.region}:${scope.accountId}:log-group:${group}:log-stream:${stream}`;
}

/** The group an ARN names (either form), or undefined when it is not a log group ARN. */
export function parseLogGroupArn(arn: string): (Scope & { name: string }) | undefined {
  const m = /^arn:aws[a-z-]*:logs:([^:]*):(\d{12}):log-group:([^:]+)(?::\*)?$/.exec(arn);
  return m ? { region: m[1]!, accountId: m[2]!, name: m[3]! } : undefined;
}
