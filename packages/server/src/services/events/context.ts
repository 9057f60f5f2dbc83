import type { Logger } from 'pino';
import type { Clock, IdSource } from '../../core/index.js';
import { busArn, resolveBusName, tables, ruleKey, type BusRecord, type BusEngine, type Mutex, type RuleRecord, type Scope } from '../../bus/index.js';
import type { RequestContext } from '../provider.js';
import { busNotFound, ruleNotFound } from './errors.js';

/** What every EventBridge operation works with. */
export interface EventsContext {
  engine: BusEngine;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  /** Serialises control-plane changes, so read-modify-write of a rule or bus cannot interleave. */
  lock: Mutex;
}

export function scopeOf(ctx: RequestContext): Scope {
  return { accountId: ctx.accountId, region: ctx.region };
}

/** The default bus exists without being created; it is stored once something (tags, policy) is set on it. */
export function defaultBus(scope: Scope): BusRecord {
  return { name: 'default', arn: busArn(scope, 'default'), accountId: scope.accountId, region: scope.region, tags: [], createdAt: 0, modifiedAt: 0 };
}

/** The bus an `EventBusName` (name or ARN) designates, or ResourceNotFoundException. */
export function requireBus(ec: EventsContext, nameOrArn: string | undefined, scope: Scope): BusRecord {
  const target = resolveBusName(nameOrArn, scope);
  const stored = ec.engine.catalog.bus(target.arn);
  if (stored) return stored;
  if (target.name === 'default' && target.accountId === scope.accountId) return defaultBus(target);
  throw busNotFound(target.name);
}

export function requireRule(ec: EventsContext, bus: BusRecord, name: string): RuleRecord {
  const rule = ec.engine.catalog.ruleOf(bus.arn, name);
  if (!rule) throw ruleNotFound(name, bus.name);
  return rule;
}

export async function saveBus(ec: EventsContext, bus: BusRecord): Promise<void> {
  await ec.engine.storage.commit({ writes: [{ op: 'put', table: tables.buses, key: bus.arn, value: bus }] });
  ec.engine.catalog.putBus(bus);
}

export async function saveRule(ec: EventsContext, rule: RuleRecord): Promise<void> {
  await ec.engine.storage.commit({ writes: [{ op: 'put', table: tables.rules, key: ruleKey(rule.busArn, rule.name), value: rule }] });
  ec.engine.catalog.putRule(rule);
}
