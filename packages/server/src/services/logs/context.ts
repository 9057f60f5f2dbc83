import type { Logger } from 'pino';
import type { Clock, IdSource } from '../../core/index.js';
import type { RequestContext } from '../provider.js';
import { parseLogGroupArn } from './arn.js';
import { groupNotFound, invalidParameter, messages, streamNotFound } from './errors.js';
import type { KeyedLock } from '../../core/index.js';
import type { LogGroupRecord, LogStreamRecord, Scope } from './model.js';
import type { LogSequence } from './positions.js';
import type { LogsStore } from './store.js';

/** What every CloudWatch Logs operation works with. */
export interface LogsContext {
  store: LogsStore;
  clock: Clock;
  ids: IdSource;
  sequence: LogSequence;
  /** One writer per log stream, so stream statistics are read-modify-written in order. */
  locks: KeyedLock;
  logger: Logger;
}

export function scopeOf(ctx: RequestContext): Scope {
  return { accountId: ctx.accountId, region: ctx.region };
}

export async function requireGroup(lc: LogsContext, scope: Scope, name: string): Promise<LogGroupRecord> {
  const group = await lc.store.group(scope, name);
  if (!group) throw groupNotFound();
  return group;
}

/** `logGroupName` or `logGroupIdentifier` (a name or an ARN): exactly one of them. */
export async function requireGroupOf(lc: LogsContext, scope: Scope, input: { logGroupName?: string; logGroupIdentifier?: string }): Promise<LogGroupRecord> {
  if ((input.logGroupName === undefined) === (input.logGroupIdentifier === undefined)) throw invalidParameter(messages.nameOrIdentifier);
  if (input.logGroupName !== undefined) return requireGroup(lc, scope, input.logGroupName);
  const id = input.logGroupIdentifier!;
  const arn = parseLogGroupArn(id);
  if (arn) {
    if (arn.accountId !== scope.accountId || arn.region !== scope.region) throw groupNotFound();
    return requireGroup(lc, scope, arn.name);
  }
  return requireGroup(lc, scope, id);
}

export async function requireStream(lc: LogsContext, group: LogGroupRecord, name: string): Promise<LogStreamRecord> {
  const stream = await lc.store.stream(group, name);
  if (!stream) throw streamNotFound();
  return stream;
}
