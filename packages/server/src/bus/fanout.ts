import type { JournalAppend, JournalRecord, NewDelivery } from '../storage/index.js';
import { parseArn } from './arn.js';
import type { BusCatalog } from './catalog.js';
import { isEnabled, targetQueue, type DeliveryMeta, type RuleRecord } from './records.js';

/**
 * What one journal record turns into: a delivery per target of every rule it reaches, plus a copy
 * in every archive that keeps it. Pure over the catalog. The stream says how the event reaches
 * rules:
 *  - a bus ARN: matched against the bus's enabled pattern rules (PutEvents, ECR, cross-bus);
 *  - a rule ARN: a scheduled event, for that rule only;
 *  - a replay ARN: a replayed event, for the destination bus's rules (or the replay's FilterArns),
 *    never archived again.
 */

export interface ReplayRoute {
  busArn: string;
  /** Only these rules, when the replay names some. */
  filterArns?: readonly string[];
}

export interface FanOut {
  deliveries: NewDelivery[];
  archived: JournalAppend[];
  /** Rules the event reached (for MatchedEvents / TriggeredRules). */
  rules: RuleRecord[];
  eventId: string;
}

const idPattern = /"id"\s*:\s*"((?:[^"\\]|\\.)*)"/;

/** The event id, read cheaply from the envelope text. */
export function eventIdOf(body: string): string {
  const m = idPattern.exec(body.length > 512 ? body.slice(0, 512) : body);
  if (m?.[1] !== undefined) return m[1];
  try {
    const parsed = JSON.parse(body) as { id?: unknown };
    return typeof parsed.id === 'string' ? parsed.id : '';
  } catch {
    return '';
  }
}

type StreamKind = 'bus' | 'rule' | 'replay' | 'other';
const kinds = new Map<string, StreamKind>();

/** How a journal stream reaches rules (memoised: there are few streams and many events). */
export function streamKind(stream: string): StreamKind {
  let kind = kinds.get(stream);
  if (kind === undefined) {
    kind = kindOf(stream);
    if (kinds.size > 10_000) kinds.clear();
    kinds.set(stream, kind);
  }
  return kind;
}

function kindOf(stream: string): StreamKind {
  const p = parseArn(stream);
  if (!p || p.service !== 'events') return 'other';
  if (p.resource.startsWith('event-bus/')) return 'bus';
  if (p.resource.startsWith('rule/')) return 'rule';
  if (p.resource.startsWith('replay/')) return 'replay';
  return 'other';
}

export function fanOut(record: JournalRecord, catalog: BusCatalog, replayRoute: (replayArn: string) => ReplayRoute | undefined): FanOut {
  const eventId = eventIdOf(record.body);
  const out: FanOut = { deliveries: [], archived: [], rules: [], eventId };
  const kind = streamKind(record.stream);
  if (kind === 'bus') {
    out.rules = catalog.matchingRules(record.stream, record.body);
    for (const archive of catalog.matchingArchives(record.stream, record.body)) out.archived.push({ stream: archive.arn, body: record.body });
  } else if (kind === 'rule') {
    const rule = catalog.rule(record.stream);
    if (rule && isEnabled(rule.state)) out.rules = [rule];
  } else if (kind === 'replay') {
    const route = replayRoute(record.stream);
    if (route) {
      const rules = catalog.matchingRules(route.busArn, record.body);
      out.rules = route.filterArns && route.filterArns.length ? rules.filter((r) => route.filterArns?.includes(r.arn)) : rules;
    }
  }
  for (const rule of out.rules) {
    for (const target of rule.targets) {
      const meta: DeliveryMeta = { ruleArn: rule.arn, targetId: target.Id, eventId, ingestedAt: record.appendedAt };
      out.deliveries.push({ queue: targetQueue(rule.arn, target.Id), body: record.body, meta: { ...meta } });
    }
  }
  return out;
}
