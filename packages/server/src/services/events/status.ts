import { renderPrometheus, targetQueue, type BusEngine } from '../../bus/index.js';
import { sendJson, type RawHandler } from '../../http/index.js';
import { matcherConsumer } from '../../bus/index.js';

/** The JSON `bosun events status` reads: per rule and target, AWS's counters, queue depth and the last error. */
export interface EventsStatus {
  journal: { lastSeq: number; matcherCursor: number };
  buses: { arn: string; counters: Record<string, number> }[];
  rules: {
    arn: string;
    name: string;
    eventBusName: string;
    state: string;
    eventPattern?: string;
    scheduleExpression?: string;
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

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

export async function eventsStatus(engine: BusEngine): Promise<EventsStatus> {
  const m = engine.metrics;
  const rules = [...engine.catalog.allRules()].sort((a, b) => (a.arn < b.arn ? -1 : 1));
  return {
    journal: { lastSeq: await engine.storage.journal.lastSeq(), matcherCursor: await engine.storage.journal.cursor(matcherConsumer) },
    buses: [...m.buses].map(([arn, counters]) => ({ arn, counters: { ...counters } })),
    rules: rules.map((r) => {
      const rs = m.rules.get(r.arn);
      return {
        arn: r.arn,
        name: r.name,
        eventBusName: r.busName,
        state: r.state,
        eventPattern: r.eventPattern,
        scheduleExpression: r.scheduleExpression,
        counters: { MatchedEvents: 0, TriggeredRules: 0, ThrottledRules: 0, ...rs?.counters },
        lastMatchedAt: iso(rs?.lastMatchedAt),
        targets: r.targets.map((t) => {
          const ts = m.targets.get(`${r.arn}#${t.Id}`);
          return {
            id: t.Id,
            arn: t.Arn,
            pendingDeliveries: engine.depths.get(targetQueue(r.arn, t.Id)),
            counters: { ...ts?.counters },
            lastSuccessAt: iso(ts?.lastSuccessAt),
            lastError: ts?.lastError && { ...ts.lastError, at: new Date(ts.lastError.at).toISOString() },
          };
        }),
      };
    }),
  };
}

/** `GET /_bosun/events/status` (JSON) and `GET /metrics` (Prometheus text). */
export function eventsStatusHandler(engine: BusEngine): RawHandler {
  return async (req, res, ctx) => {
    const path = ctx.url.pathname;
    if (path !== '/_bosun/events/status' && path !== '/metrics') return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { message: 'Method Not Allowed' });
      return true;
    }
    if (path === '/metrics') {
      const body = Buffer.from(renderPrometheus(engine.metrics));
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4', 'content-length': String(body.length) });
      res.end(body);
      return true;
    }
    sendJson(res, 200, await eventsStatus(engine));
    return true;
  };
}
