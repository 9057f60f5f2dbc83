import { buildEnvelope, checkEntry, entrySize, mayPutEvents, resolveBusName, type BusRecord } from '../../bus/index.js';
import type { JournalAppend } from '../../storage/index.js';
import type { RequestContext } from '../provider.js';
import { defaultBus, scopeOf, type EventsContext } from './context.js';
import { messages, validation } from './errors.js';
import type { PutEventsRequest, PutEventsResponse, PutEventsResultEntry } from './model.js';

/**
 * PutEvents: every accepted entry becomes an event envelope in its bus's journal stream, all in
 * one durable commit before the response — so an EventId returned is an event that will be
 * matched and delivered, even across a crash. Failed entries get ErrorCode/ErrorMessage while the
 * others go through.
 */
export function putEventsOperation(ec: EventsContext) {
  return {
    PutEvents: async (input: PutEventsRequest, ctx: RequestContext): Promise<PutEventsResponse> => {
      const engine = ec.engine;
      const total = input.Entries.reduce((n, e) => n + entrySize(e), 0);
      if (total > engine.settings.maxEventSizeBytes) throw validation(messages.entriesTooLarge);
      const scope = scopeOf(ctx);
      const now = ec.clock.now();
      const results: PutEventsResultEntry[] = [];
      const appends: JournalAppend[] = [];
      const counted = new Map<string, number>();
      for (const entry of input.Entries) {
        const target = resolveBusName(entry.EventBusName, scope);
        const check = checkEntry(entry);
        if (!check.ok) {
          results.push(check.error);
          engine.metrics.bus(target.arn, 'PutEventsFailedEntries');
          continue;
        }
        const bus: BusRecord | undefined = engine.catalog.bus(target.arn) ?? (target.name === 'default' ? defaultBus(target) : undefined);
        if (bus && bus.accountId !== ctx.accountId && !mayPutEvents(engine.catalog.bus(target.arn), target.arn, ctx.accountId)) {
          results.push({
            ErrorCode: 'AccessDeniedException',
            ErrorMessage: `User: arn:aws:iam::${ctx.accountId}:root is not authorized to perform: events:PutEvents on resource: ${target.arn} because no resource-based policy allows the events:PutEvents action`,
          });
          engine.metrics.bus(target.arn, 'PutEventsFailedEntries');
          continue;
        }
        const id = ec.ids.uuid();
        results.push({ EventId: id });
        engine.metrics.bus(target.arn, 'PutEventsEntries');
        if (!bus) {
          // AWS accepts events for a bus that does not exist and drops them; say so in the log.
          ec.logger.warn({ eventId: id, eventBus: target.arn }, 'PutEvents: event bus does not exist; event accepted and dropped, as AWS does');
          continue;
        }
        counted.set(bus.arn, (counted.get(bus.arn) ?? 0) + 1);
        const envelope = buildEnvelope({
          id,
          detailType: entry.DetailType ?? '',
          source: entry.Source ?? '',
          account: ctx.accountId,
          time: entry.Time ? entry.Time.getTime() : now,
          region: bus.region,
          resources: entry.Resources ?? [],
          detail: check.detail,
        });
        appends.push({ stream: bus.arn, body: envelope });
      }
      await engine.append(appends);
      if (appends.length) ec.logger.debug({ requestId: ctx.requestId, eventIds: results.map((r) => r.EventId).filter(Boolean) }, 'PutEvents journaled');
      for (const [arn, n] of counted) engine.metrics.bus(arn, 'Events', n);
      engine.metrics.bus(resolveBusName(input.Entries[0]?.EventBusName, scope).arn, 'PutEventsRequests');
      const failed = results.filter((r) => r.ErrorCode !== undefined).length;
      return { FailedEntryCount: failed, Entries: results };
    },
  };
}
