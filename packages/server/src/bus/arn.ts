/**
 * EventBridge ARNs. A rule on the default bus is `rule/<name>`, on any other bus
 * `rule/<bus>/<name>` (as AWS prints them); buses, archives and replays are `<kind>/<name>`.
 */

export interface Scope {
  accountId: string;
  region: string;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function base(scope: Scope): string {
  return `arn:${partitionOf(scope.region)}:events:${scope.region}:${scope.accountId}`;
}

export function busArn(scope: Scope, busName: string): string {
  return `${base(scope)}:event-bus/${busName}`;
}

export function ruleArn(scope: Scope, busName: string, ruleName: string): string {
  return busName === 'default' ? `${base(scope)}:rule/${ruleName}` : `${base(scope)}:rule/${busName}/${ruleName}`;
}

export function archiveArn(scope: Scope, name: string): string {
  return `${base(scope)}:archive/${name}`;
}

export function replayArn(scope: Scope, name: string): string {
  return `${base(scope)}:replay/${name}`;
}

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** Everything after the fifth colon, e.g. `event-bus/orders` or `my-queue`. */
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, accountId] = parts as [string, string, string, string, string];
  if (!partition || !service) return undefined;
  return { partition, service, region, accountId, resource: parts.slice(5).join(':') };
}

/** `event-bus/<name>` ARN → its parts; undefined for anything else. */
export function parseBusArn(arn: string): (Scope & { name: string }) | undefined {
  const p = parseArn(arn);
  if (!p || p.service !== 'events' || !p.resource.startsWith('event-bus/')) return undefined;
  const name = p.resource.slice('event-bus/'.length);
  if (!name || name.includes('/')) return undefined;
  return { accountId: p.accountId, region: p.region, name };
}

/** `rule/[<bus>/]<name>` ARN → its parts. */
export function parseRuleArn(arn: string): (Scope & { busName: string; name: string }) | undefined {
  const p = parseArn(arn);
  if (!p || p.service !== 'events' || !p.resource.startsWith('rule/')) return undefined;
  const rest = p.resource.slice('rule/'.length).split('/');
  if (rest.length === 1 && rest[0]) return { accountId: p.accountId, region: p.region, busName: 'default', name: rest[0] };
  if (rest.length === 2 && rest[0] && rest[1]) return { accountId: p.accountId, region: p.region, busName: rest[0], name: rest[1] };
  return undefined;
}

/** `<kind>/<name>` ARN (archive, replay) → its parts. */
export function parseNamedArn(arn: string, kind: 'archive' | 'replay'): (Scope & { name: string }) | undefined {
  const p = parseArn(arn);
  if (!p || p.service !== 'events' || !p.resource.startsWith(`${kind}/`)) return undefined;
  const name = p.resource.slice(kind.length + 1);
  return name && !name.includes('/') ? { accountId: p.accountId, region: p.region, name } : undefined;
}

/**
 * An `EventBusName` parameter is a name or an ARN. Returns the bus it designates; the caller's
 * scope fills in account and region for a plain name.
 */
export type ResolvedBus = Scope & { name: string; arn: string };

const resolved = new Map<string, ResolvedBus>();

export function resolveBusName(nameOrArn: string | undefined, scope: Scope): ResolvedBus {
  // PutEvents resolves a name per entry; the answers are few and never change.
  const key = `${scope.accountId}|${scope.region}|${nameOrArn ?? ''}`;
  let r = resolved.get(key);
  if (!r) {
    r = resolve(nameOrArn, scope);
    if (resolved.size > 10_000) resolved.clear();
    resolved.set(key, r);
  }
  return r;
}

function resolve(nameOrArn: string | undefined, scope: Scope): ResolvedBus {
  const given = nameOrArn ?? 'default';
  if (given.startsWith('arn:')) {
    const parsed = parseBusArn(given);
    if (parsed) return { ...parsed, arn: busArn(parsed, parsed.name) };
    // An ARN we cannot read names a bus that cannot exist; keep its last segment for the message.
    const name = given.split('/').pop() ?? given;
    return { accountId: scope.accountId, region: scope.region, name, arn: given };
  }
  return { accountId: scope.accountId, region: scope.region, name: given, arn: busArn(scope, given) };
}
