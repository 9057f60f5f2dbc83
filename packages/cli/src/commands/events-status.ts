import { parseArgs } from 'node:util';

const usage = `Usage: bosun events status [options]

Shows, per rule and target, whether rules fired and deliveries succeeded: AWS's counters
(MatchedEvents, Invocations, FailedInvocations, InvocationsSentToDlq, …), pending deliveries and
the last delivery error. Reads GET /_bosun/events/status of a running Bosun.

Options:
  --endpoint-url URL   Bosun's address (default http://localhost:4566; env BOSUN_ENDPOINT)
  --rule NAME          only rules with this name
  --event-bus NAME     only rules of this event bus
  --json               print the raw status document
`;

/** The part of the status document this command shows (see the server's services/events/status.ts). */
export interface StatusDocument {
  journal: { lastSeq: number; matcherCursor: number };
  rules: {
    name: string;
    eventBusName: string;
    state: string;
    counters: Record<string, number>;
    lastMatchedAt?: string;
    targets: {
      id: string;
      arn: string;
      pendingDeliveries: number;
      counters: Record<string, number>;
      lastSuccessAt?: string;
      lastError?: { at: string; errorCode: string; errorMessage: string; eventId: string; attempts: number };
    }[];
  }[];
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

/** The human view: one line per target, then the last error of each target that has one. */
export function formatStatus(doc: StatusDocument, filter: { rule?: string; bus?: string } = {}): string {
  const rules = doc.rules.filter((r) => (!filter.rule || r.name === filter.rule) && (!filter.bus || r.eventBusName === filter.bus));
  const lag = doc.journal.lastSeq - doc.journal.matcherCursor;
  const head = `journal: ${doc.journal.lastSeq} events, matcher ${lag === 0 ? 'up to date' : `${lag} behind`}`;
  if (rules.length === 0) return `${head}\nno rules${filter.rule || filter.bus ? ' match the filter' : ''}\n`;
  const n = (c: Record<string, number>, k: string) => String(c[k] ?? 0);
  const rows = [['EVENT BUS', 'RULE', 'STATE', 'MATCHED', 'TARGET', 'PENDING', 'INVOCATIONS', 'FAILED', 'TO DLQ', 'DROPPED', 'LAST ERROR']];
  const errors: string[] = [];
  for (const r of rules) {
    const base = [r.eventBusName, r.name, r.state, n(r.counters, 'MatchedEvents')];
    if (r.targets.length === 0) rows.push([...base, '-', '-', '-', '-', '-', '-', '-']);
    for (const t of r.targets) {
      const c = t.counters;
      rows.push([...base, t.id, String(t.pendingDeliveries), n(c, 'Invocations'), n(c, 'FailedInvocations'), n(c, 'InvocationsSentToDlq'), n(c, 'InvocationsDropped'), t.lastError ? `${t.lastError.at} ${t.lastError.errorCode}` : '-']);
      if (t.lastError) errors.push(`${r.eventBusName}/${r.name} → ${t.id} (${t.arn}), ${t.lastError.at}, event ${t.lastError.eventId}, attempt ${t.lastError.attempts}:\n  ${t.lastError.errorCode}: ${t.lastError.errorMessage}`);
    }
  }
  return `${head}\n${table(rows)}\n${errors.length ? `\nLast delivery errors:\n${errors.join('\n')}\n` : ''}`;
}

export async function eventsStatus(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'endpoint-url': { type: 'string' },
        rule: { type: 'string' },
        'event-bus': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  const endpoint = (values['endpoint-url'] ?? process.env.BOSUN_ENDPOINT ?? 'http://localhost:4566').replace(/\/+$/, '');
  let doc: StatusDocument;
  try {
    const res = await fetch(`${endpoint}/_bosun/events/status`, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) {
      process.stderr.write(`bosun: ${endpoint} answered ${res.status}\n`);
      return 1;
    }
    doc = (await res.json()) as StatusDocument;
  } catch (e) {
    process.stderr.write(`bosun: cannot reach ${endpoint}: ${(e as Error).message}\n`);
    return 1;
  }
  process.stdout.write(values.json ? `${JSON.stringify(doc, null, 2)}\n` : formatStatus(doc, { rule: values.rule, bus: values['event-bus'] }));
  return 0;
}
