import { busArn, policyDocument, tables, type BusRecord } from '../../bus/index.js';
import type { RequestContext } from '../provider.js';
import { defaultBus, requireBus, saveBus, scopeOf, type EventsContext } from './context.js';
import { resourceAlreadyExists, validation, messages } from './errors.js';
import type {
  CreateEventBusRequest,
  CreateEventBusResponse,
  DeleteEventBusRequest,
  DescribeEventBusRequest,
  DescribeEventBusResponse,
  EventBus,
  ListEventBusesRequest,
  ListEventBusesResponse,
  UpdateEventBusRequest,
  UpdateEventBusResponse,
} from './model.js';
import { page } from './paging.js';
import { checkTags } from './tags.js';

function describe(bus: BusRecord): DescribeEventBusResponse {
  return {
    Name: bus.name,
    Arn: bus.arn,
    Description: bus.description,
    KmsKeyIdentifier: bus.kmsKeyIdentifier,
    DeadLetterConfig: bus.deadLetterConfig,
    Policy: bus.policy?.length ? policyDocument(bus.policy) : undefined,
    CreationTime: bus.createdAt ? new Date(bus.createdAt) : undefined,
    LastModifiedTime: bus.modifiedAt ? new Date(bus.modifiedAt) : undefined,
  };
}

export function busOperations(ec: EventsContext) {
  return {
    CreateEventBus: (input: CreateEventBusRequest, ctx: RequestContext): Promise<CreateEventBusResponse> =>
      ec.lock.run(async () => {
        const scope = scopeOf(ctx);
        if (input.Name.includes('/')) throw validation(messages.busNameSlash);
        const arn = busArn(scope, input.Name);
        if (input.Name === 'default' || ec.engine.catalog.bus(arn)) throw resourceAlreadyExists(`Event bus ${input.Name} already exists.`);
        checkTags(input.Tags);
        const now = ec.clock.now();
        const bus: BusRecord = {
          name: input.Name,
          arn,
          ...scope,
          description: input.Description,
          kmsKeyIdentifier: input.KmsKeyIdentifier,
          deadLetterConfig: input.DeadLetterConfig,
          tags: input.Tags ?? [],
          createdAt: now,
          modifiedAt: now,
        };
        await saveBus(ec, bus);
        return { EventBusArn: arn, Description: bus.description, KmsKeyIdentifier: bus.kmsKeyIdentifier, DeadLetterConfig: bus.deadLetterConfig };
      }),

    DescribeEventBus: (input: DescribeEventBusRequest, ctx: RequestContext): DescribeEventBusResponse => describe(requireBus(ec, input.Name, scopeOf(ctx))),

    ListEventBuses: (input: ListEventBusesRequest, ctx: RequestContext): ListEventBusesResponse => {
      const scope = scopeOf(ctx);
      const stored = ec.engine.catalog.busesOf(scope.accountId, scope.region);
      const all = stored.some((b) => b.name === 'default') ? stored : [defaultBus(scope), ...stored];
      const matching = all.filter((b) => !input.NamePrefix || b.name.startsWith(input.NamePrefix)).sort((a, b) => (a.name < b.name ? -1 : 1));
      const p = page(matching, (b) => b.name, input.Limit, input.NextToken);
      const buses: EventBus[] = p.items.map((b) => {
        const d = describe(b);
        return { Name: d.Name, Arn: d.Arn, Description: d.Description, Policy: d.Policy, CreationTime: d.CreationTime, LastModifiedTime: d.LastModifiedTime };
      });
      return { EventBuses: buses, NextToken: p.nextToken };
    },

    UpdateEventBus: (input: UpdateEventBusRequest, ctx: RequestContext): Promise<UpdateEventBusResponse> =>
      ec.lock.run(async () => {
        const bus = requireBus(ec, input.Name, scopeOf(ctx));
        const next: BusRecord = {
          ...bus,
          description: input.Description ?? bus.description,
          kmsKeyIdentifier: input.KmsKeyIdentifier ?? bus.kmsKeyIdentifier,
          deadLetterConfig: input.DeadLetterConfig ?? bus.deadLetterConfig,
          modifiedAt: ec.clock.now(),
        };
        await saveBus(ec, next);
        return { Arn: next.arn, Name: next.name, Description: next.description, KmsKeyIdentifier: next.kmsKeyIdentifier, DeadLetterConfig: next.deadLetterConfig };
      }),

    DeleteEventBus: (input: DeleteEventBusRequest, ctx: RequestContext): Promise<Record<string, never>> =>
      ec.lock.run(async () => {
        if (input.Name === 'default') throw validation(messages.cannotDeleteDefault);
        const scope = scopeOf(ctx);
        const arn = busArn(scope, input.Name);
        const bus = ec.engine.catalog.bus(arn);
        // Deleting a bus that does not exist succeeds, as on AWS.
        if (!bus) return {};
        const rules = ec.engine.catalog.rulesOf(arn);
        for (const rule of rules) for (const t of rule.targets) await ec.engine.purgeTarget(rule.arn, t.Id);
        await ec.engine.storage.commit({
          writes: [
            { op: 'delete', table: tables.buses, key: arn },
            ...rules.map((r) => ({ op: 'delete' as const, table: tables.rules, key: `${arn}|${r.name}` })),
          ],
        });
        for (const r of rules) ec.engine.metrics.forgetRule(r.arn);
        ec.engine.catalog.removeBus(arn);
        return {};
      }),
  };
}
