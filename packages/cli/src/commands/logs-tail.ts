import { parseArgs } from 'node:util';

const usage = `Usage: bosun logs tail LOG_GROUP [options]

Shows the events of a CloudWatch Logs log group (all its streams, oldest first), like
\`aws logs tail\`; with --follow keeps polling for new events until interrupted.

Options:
  --endpoint-url URL     Bosun's address (default http://localhost:4566; env BOSUN_ENDPOINT)
  --region REGION        region of the log group (default us-east-1; env AWS_REGION)
  --since WHEN           start at 30s, 10m, 2h, 1d ago, or an ISO time or epoch ms (default 10m)
  --filter-pattern P     only events matching this CloudWatch Logs filter pattern
  --log-stream-prefix P  only streams whose name starts with P
  --format FORMAT        detailed (default: time, stream, message), short (time, message), json
  --follow, -f           keep polling for new events
  --interval MS          how often --follow polls (default 1000)
`;

export interface TailEvent {
  logStreamName?: string;
  timestamp?: number;
  message?: string;
  eventId?: string;
}

/** One FilterLogEvents call (the JSON body in, the JSON body out). */
export type FilterCall = (request: Record<string, unknown>) => Promise<{ events?: TailEvent[]; nextToken?: string }>;

/** `10m`, `2h`, `1d`, `30s`, `1w`, an ISO time or epoch milliseconds; undefined when unreadable. */
export function parseSince(text: string, now: number): number | undefined {
  const m = /^(\d+)\s*([smhdw])$/.exec(text.trim());
  if (m) return now - Number(m[1]) * { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8 }[m[2] as 's' | 'm' | 'h' | 'd' | 'w'];
  if (/^\d{10,}$/.test(text)) return Number(text);
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}

export function formatEvent(e: TailEvent, format: string): string {
  if (format === 'json') return JSON.stringify(e);
  const time = new Date(e.timestamp ?? 0).toISOString();
  return format === 'short' ? `${time} ${e.message ?? ''}` : `${time} ${e.logStreamName ?? ''} ${e.message ?? ''}`;
}

/**
 * Events from `startTime` on, page by page; with `follow`, polls from the newest timestamp seen,
 * skipping events already shown at that timestamp (FilterLogEvents' startTime is inclusive).
 * Stops when `signal` aborts.
 */
export async function* tailEvents(call: FilterCall, base: Record<string, unknown>, startTime: number, options: { follow: boolean; intervalMs: number; signal?: AbortSignal }): AsyncGenerator<TailEvent> {
  let from = startTime;
  let seenAtFrom = new Set<string>();
  for (;;) {
    let token: string | undefined;
    do {
      const page = await call({ ...base, startTime: from, ...(token ? { nextToken: token } : {}) });
      for (const e of page.events ?? []) {
        const ts = e.timestamp ?? 0;
        if (ts === from && e.eventId !== undefined && seenAtFrom.has(e.eventId)) continue;
        if (ts > from) {
          from = ts;
          seenAtFrom = new Set();
        }
        if (e.eventId !== undefined) seenAtFrom.add(e.eventId);
        yield e;
      }
      token = page.nextToken;
    } while (token && !options.signal?.aborted);
    if (!options.follow || options.signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        options.signal?.removeEventListener('abort', onAbort);
        resolve();
      }, options.intervalMs);
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
    if (options.signal?.aborted) return;
  }
}

function filterCall(endpoint: string, region: string): FilterCall {
  return async (request) => {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Logs_20140328.FilterLogEvents',
        authorization: `AWS4-HMAC-SHA256 Credential=bosun/20260101/${region}/logs/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: JSON.stringify(request),
    });
    const body = (await res.json()) as { events?: TailEvent[]; nextToken?: string; __type?: string; message?: string };
    if (!res.ok) throw new Error(`${body.__type ?? res.status}: ${body.message ?? ''}`);
    return body;
  };
}

export async function logsTail(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'endpoint-url': { type: 'string' },
        region: { type: 'string' },
        since: { type: 'string' },
        'filter-pattern': { type: 'string' },
        'log-stream-prefix': { type: 'string' },
        format: { type: 'string' },
        follow: { type: 'boolean', short: 'f' },
        interval: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  const group = positionals[0];
  const startTime = parseSince(values.since ?? '10m', Date.now());
  const format = values.format ?? 'detailed';
  const intervalMs = Number(values.interval ?? 1000);
  if (!group || positionals.length > 1 || startTime === undefined || !['detailed', 'short', 'json'].includes(format) || !(intervalMs > 0)) {
    process.stderr.write(usage);
    return 2;
  }
  const endpoint = values['endpoint-url'] ?? process.env.BOSUN_ENDPOINT ?? 'http://localhost:4566';
  const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const base: Record<string, unknown> = { logGroupName: group };
  if (values['filter-pattern'] !== undefined) base.filterPattern = values['filter-pattern'];
  if (values['log-stream-prefix'] !== undefined) base.logStreamNamePrefix = values['log-stream-prefix'];
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    for await (const e of tailEvents(filterCall(endpoint, region), base, startTime, { follow: values.follow === true, intervalMs, signal: stop.signal })) {
      process.stdout.write(`${formatEvent(e, format)}\n`);
    }
    return 0;
  } catch (e) {
    process.stderr.write(`bosun logs tail: ${(e as Error).message}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
