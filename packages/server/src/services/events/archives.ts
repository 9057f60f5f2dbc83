import { archiveArn, parseBusArn, tables, type ArchiveRecord } from '../../bus/index.js';
import type { RequestContext } from '../provider.js';
import { scopeOf, type EventsContext } from './context.js';
import { busNotFound, resourceAlreadyExists, resourceNotFound, validation } from './errors.js';
import type {
  Archive,
  CreateArchiveRequest,
  CreateArchiveResponse,
  DeleteArchiveRequest,
  DescribeArchiveRequest,
  DescribeArchiveResponse,
  ListArchivesRequest,
  ListArchivesResponse,
  UpdateArchiveRequest,
  UpdateArchiveResponse,
} from './model.js';
import { page } from './paging.js';
import { checkPattern } from './rules.js';

export function archiveNotFound(name: string) {
  return resourceNotFound(`Archive ${name} does not exist.`);
}

/** At most one of the List* filters, as AWS insists for ListArchives and ListReplays. */
export function oneFilter(kind: 'ListArchives' | 'ListReplays', input: { NamePrefix?: string; EventSourceArn?: string; State?: string }): void {
  if ([input.NamePrefix, input.EventSourceArn, input.State].filter((v) => v !== undefined).length > 1) {
    throw validation(`At most one filter is allowed for ${kind}. Use either : State, EventSourceArn, or NamePrefix.`);
  }
}

export function archiveOperations(ec: EventsContext) {
  const find = (name: string, ctx: RequestContext): ArchiveRecord => {
    const a = ec.engine.catalog.archive(archiveArn(scopeOf(ctx), name));
    if (!a) throw archiveNotFound(name);
    return a;
  };
  const save = async (a: ArchiveRecord): Promise<void> => {
    await ec.engine.storage.commit({ writes: [{ op: 'put', table: tables.archives, key: a.arn, value: a }] });
    ec.engine.catalog.putArchive(a);
  };
  const view = (a: ArchiveRecord): Archive => {
    const counts = ec.engine.archiveStats.get(a.arn);
    return { ArchiveName: a.name, EventSourceArn: a.eventSourceArn, State: 'ENABLED', RetentionDays: a.retentionDays, SizeBytes: counts.sizeBytes, EventCount: counts.eventCount, CreationTime: new Date(a.createdAt) };
  };

  return {
    CreateArchive: (input: CreateArchiveRequest, ctx: RequestContext): Promise<CreateArchiveResponse> =>
      ec.lock.run(async () => {
        const scope = scopeOf(ctx);
        const bus = parseBusArn(input.EventSourceArn);
        if (!bus || !ec.engine.catalog.busExists(input.EventSourceArn) || bus.accountId !== scope.accountId) throw busNotFound(bus?.name ?? input.EventSourceArn.split('/').pop() ?? '');
        const arn = archiveArn(scope, input.ArchiveName);
        if (ec.engine.catalog.archive(arn)) throw resourceAlreadyExists(`Archive ${input.ArchiveName} already exists.`);
        if (input.EventPattern !== undefined) checkPattern(input.EventPattern);
        const archive: ArchiveRecord = {
          name: input.ArchiveName,
          arn,
          ...scope,
          eventSourceArn: input.EventSourceArn,
          description: input.Description,
          eventPattern: input.EventPattern,
          retentionDays: input.RetentionDays ?? 0,
          createdAt: ec.clock.now(),
        };
        await save(archive);
        return { ArchiveArn: arn, State: 'ENABLED', CreationTime: new Date(archive.createdAt) };
      }),

    DescribeArchive: (input: DescribeArchiveRequest, ctx: RequestContext): DescribeArchiveResponse => {
      const a = find(input.ArchiveName, ctx);
      return { ArchiveArn: a.arn, ...view(a), Description: a.description, EventPattern: a.eventPattern };
    },

    ListArchives: (input: ListArchivesRequest, ctx: RequestContext): ListArchivesResponse => {
      oneFilter('ListArchives', input);
      const scope = scopeOf(ctx);
      const archives = ec.engine.catalog
        .archivesOf(scope.accountId, scope.region)
        .filter((a) => (!input.NamePrefix || a.name.startsWith(input.NamePrefix)) && (!input.EventSourceArn || a.eventSourceArn === input.EventSourceArn) && (!input.State || input.State === 'ENABLED'));
      const p = page(archives, (a) => a.name, input.Limit, input.NextToken);
      return { Archives: p.items.map(view), NextToken: p.nextToken };
    },

    UpdateArchive: (input: UpdateArchiveRequest, ctx: RequestContext): Promise<UpdateArchiveResponse> =>
      ec.lock.run(async () => {
        const a = find(input.ArchiveName, ctx);
        if (input.EventPattern !== undefined) checkPattern(input.EventPattern);
        const next: ArchiveRecord = {
          ...a,
          description: input.Description ?? a.description,
          eventPattern: input.EventPattern ?? a.eventPattern,
          retentionDays: input.RetentionDays ?? a.retentionDays,
        };
        await save(next);
        return { ArchiveArn: next.arn, State: 'ENABLED', CreationTime: new Date(next.createdAt) };
      }),

    DeleteArchive: (input: DeleteArchiveRequest, ctx: RequestContext): Promise<Record<string, never>> =>
      ec.lock.run(async () => {
        const a = find(input.ArchiveName, ctx);
        ec.engine.archiveStats.forget(a.arn);
        await ec.engine.storage.commit({ writes: [{ op: 'delete', table: tables.archives, key: a.arn }, ...ec.engine.archiveStats.takeWrites()] });
        ec.engine.catalog.removeArchive(a.arn);
        await ec.engine.storage.journal.trim(a.arn, Number.MAX_SAFE_INTEGER);
        return {};
      }),
  };
}
