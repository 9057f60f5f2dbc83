/**
 * The counters EventBridge publishes to CloudWatch (AWS/Events namespace, eb-monitoring), kept per
 * bus, per rule and per target, plus each target's last delivery error — so a user can tell
 * whether a rule fired without reading logs. Rendered as Prometheus text and as JSON for
 * `bosun events status`. Memory is bounded by the number of rules and targets; deleting a rule
 * forgets its series.
 */

export const busCounters = ['PutEventsRequests', 'PutEventsEntries', 'PutEventsFailedEntries', 'Events'] as const;
export const ruleCounters = ['MatchedEvents', 'TriggeredRules', 'ThrottledRules'] as const;
export const targetCounters = [
  'Invocations',
  'FailedInvocations',
  'InvocationAttempts',
  'SuccessfulInvocationAttempts',
  'RetryInvocationAttempts',
  'InvocationsSentToDlq',
  'InvocationsFailedToBeSentToDlq',
  'InvocationsDropped',
] as const;

export type BusCounter = (typeof busCounters)[number];
export type RuleCounter = (typeof ruleCounters)[number];
export type TargetCounter = (typeof targetCounters)[number];

export interface LastError {
  at: number;
  errorCode: string;
  errorMessage: string;
  eventId: string;
  attempts: number;
}

export interface TargetSeries {
  ruleArn: string;
  targetId: string;
  targetArn: string;
  counters: Record<TargetCounter, number>;
  /** Sum and count of ingestion-to-success latency (ms), for IngestionToInvocationCompleteLatency. */
  latencyMsSum: number;
  latencyCount: number;
  lastError?: LastError;
  lastSuccessAt?: number;
}

export interface RuleSeries {
  ruleArn: string;
  counters: Record<RuleCounter, number>;
  lastMatchedAt?: number;
}

const zero = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export class BusMetrics {
  readonly buses = new Map<string, Record<BusCounter, number>>();
  readonly rules = new Map<string, RuleSeries>();
  readonly targets = new Map<string, TargetSeries>();

  bus(busArn: string, counter: BusCounter, n = 1): void {
    let c = this.buses.get(busArn);
    if (!c) this.buses.set(busArn, (c = zero(busCounters)));
    c[counter] += n;
  }

  rule(ruleArn: string, counter: RuleCounter, at: number, n = 1): void {
    let s = this.rules.get(ruleArn);
    if (!s) this.rules.set(ruleArn, (s = { ruleArn, counters: zero(ruleCounters) }));
    s.counters[counter] += n;
    if (counter === 'MatchedEvents') s.lastMatchedAt = at;
  }

  target(ruleArn: string, targetId: string, targetArn: string): TargetSeries {
    const key = `${ruleArn}#${targetId}`;
    let s = this.targets.get(key);
    if (!s || s.targetArn !== targetArn) this.targets.set(key, (s = { ruleArn, targetId, targetArn, counters: zero(targetCounters), latencyMsSum: 0, latencyCount: 0, ...(s ? { lastError: s.lastError } : {}) }));
    return s;
  }

  forgetRule(ruleArn: string): void {
    this.rules.delete(ruleArn);
    for (const [key, s] of this.targets) if (s.ruleArn === ruleArn) this.targets.delete(key);
  }

  forgetTarget(ruleArn: string, targetId: string): void {
    this.targets.delete(`${ruleArn}#${targetId}`);
  }
}

function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/Dlq/, 'dlq').toLowerCase();
}

function label(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** `rule/<bus>/<name>` → bus and rule names, as CloudWatch's EventBusName / RuleName dimensions. */
function ruleDims(ruleArn: string): string {
  const rest = ruleArn.slice(ruleArn.indexOf(':rule/') + 6).split('/');
  const [bus, name] = rest.length > 1 ? [rest[0] ?? '', rest[1] ?? ''] : ['default', rest[0] ?? ''];
  return `event_bus_name="${label(bus)}",rule_name="${label(name)}",rule_arn="${label(ruleArn)}"`;
}

export function renderPrometheus(m: BusMetrics): string {
  const lines: string[] = [];
  const family = (name: string, help: string, samples: string[]): void => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`, ...samples);
  };
  for (const c of busCounters) {
    family(`bosun_events_${snake(c)}_total`, `AWS/Events ${c} per event bus.`, [...m.buses].map(([bus, v]) => `bosun_events_${snake(c)}_total{event_bus_arn="${label(bus)}"} ${v[c]}`));
  }
  for (const c of ruleCounters) {
    family(`bosun_events_${snake(c)}_total`, `AWS/Events ${c} per rule.`, [...m.rules.values()].map((s) => `bosun_events_${snake(c)}_total{${ruleDims(s.ruleArn)}} ${s.counters[c]}`));
  }
  const targetLabels = (s: TargetSeries) => `${ruleDims(s.ruleArn)},target_id="${label(s.targetId)}",target_arn="${label(s.targetArn)}"`;
  for (const c of targetCounters) {
    family(`bosun_events_${snake(c)}_total`, `AWS/Events ${c} per rule target.`, [...m.targets.values()].map((s) => `bosun_events_${snake(c)}_total{${targetLabels(s)}} ${s.counters[c]}`));
  }
  const lat = 'bosun_events_ingestion_to_invocation_complete_latency_ms';
  lines.push(`# HELP ${lat} AWS/Events IngestionToInvocationCompleteLatency per rule target (ms).`, `# TYPE ${lat} summary`);
  for (const s of m.targets.values()) lines.push(`${lat}_sum{${targetLabels(s)}} ${s.latencyMsSum}`, `${lat}_count{${targetLabels(s)}} ${s.latencyCount}`);
  return `${lines.join('\n')}\n`;
}
