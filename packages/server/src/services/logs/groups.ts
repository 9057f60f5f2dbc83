import { ConditionFailedError } from '../../storage/index.js';
import type { RequestContext } from '../provider.js';
import { logGroupArn } from './arn.js';
import { requireGroup, scopeOf, type LogsContext } from './context.js';
import { constraint, groupAlreadyExists, groupNotFound, invalidNextToken, invalidParameter, messages } from './errors.js';
import type {
  CreateLogGroupRequest,
  DeleteLogGroupRequest,
  DeleteRetentionPolicyRequest,
  DescribeLogGroupsRequest,
  DescribeLogGroupsResponse,
  LogGroup,
  LogGroupRecord,
  PutRetentionPolicyRequest,
  Scope,
} from './model.js';
import { decodeOpaqueToken, encodeOpaqueToken } from './positions.js';
import { isRetentionDays, retentionDays } from './retention.js';
import { groupKey, tables } from './store.js';
import { checkTagCount } from './tags.js';

export function describeGroup(g: LogGroupRecord): LogGroup {
  const arn = logGroupArn(g, g.name);
  return {
    logGroupName: g.name,
    creationTime: g.createdAt,
    retentionInDays: g.retentionInDays,
    metricFilterCount: 0,
    arn: `${arn}:*`,
    storedBytes: 0,
    kmsKeyId: g.kmsKeyId,
    logGroupClass: g.logGroupClass,
    logGroupArn: arn,
  };
}

/** Read-modify-write a group, one change at a time per group (retention and tags change it). */
export function updateGroup(lc: LogsContext, scope: Scope, name: string, change: (g: LogGroupRecord) => LogGroupRecord): Promise<LogGroupRecord> {
  return lc.locks.run(`group:${groupKey(scope, name)}`, async () => {
    const item = await lc.store.storage.metadata.get<LogGroupRecord>(tables.groups, groupKey(scope, name));
    if (!item) throw groupNotFound();
    const next = change(item.value);
    try {
      await lc.store.storage.commit({ writes: [{ op: 'put', table: tables.groups, key: groupKey(scope, name), value: next, ifVersion: item.version }] });
    } catch (e) {
      // Deleted (and perhaps re-created) meanwhile.
      if (e instanceof ConditionFailedError) throw groupNotFound();
      throw e;
    }
    return next;
  });
}

export function groupOperations(lc: LogsContext) {
  return {
    CreateLogGroup: async (input: CreateLogGroupRequest, ctx: RequestContext): Promise<Record<string, never>> => {
      const scope = scopeOf(ctx);
      if (input.tags) checkTagCount(logGroupArn(scope, input.logGroupName), Object.keys(input.tags).length);
      const group: LogGroupRecord = {
        name: input.logGroupName,
        ...scope,
        id: lc.ids.hex(8),
        createdAt: lc.clock.now(),
        kmsKeyId: input.kmsKeyId,
        logGroupClass: input.logGroupClass ?? 'STANDARD',
        tags: input.tags ?? {},
      };
      try {
        await lc.store.storage.commit({ writes: [{ op: 'put', table: tables.groups, key: groupKey(scope, group.name), value: group, ifVersion: 0 }] });
      } catch (e) {
        if (e instanceof ConditionFailedError) throw groupAlreadyExists();
        throw e;
      }
      return {};
    },

    DeleteLogGroup: async (input: DeleteLogGroupRequest, ctx: RequestContext): Promise<Record<string, never>> => {
      const scope = scopeOf(ctx);
      const group = await requireGroup(lc, scope, input.logGroupName);
      // The group disappears at once; its streams and events go in the background (see purge.ts).
      await lc.store.storage.commit({
        writes: [
          { op: 'delete', table: tables.groups, key: groupKey(scope, group.name) },
          { op: 'put', table: tables.purges, key: `group:${group.id}`, value: { kind: 'group', groupId: group.id } },
        ],
      });
      return {};
    },

    DescribeLogGroups: async (input: DescribeLogGroupsRequest, ctx: RequestContext): Promise<DescribeLogGroupsResponse> => {
      if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined) throw invalidParameter(messages.prefixAndPattern);
      const limit = input.limit ?? 50;
      let after: string | undefined;
      if (input.nextToken !== undefined) {
        after = decodeOpaqueToken('g', input.nextToken);
        if (after === undefined) throw invalidNextToken();
      }
      const pattern = input.logGroupNamePattern?.toLowerCase();
      const out: LogGroupRecord[] = [];
      let cursor = after;
      // Fetch one more than asked, to know whether a next page exists.
      while (out.length <= limit) {
        const batch = await lc.store.groups(scopeOf(ctx), { prefix: input.logGroupNamePrefix, startAfter: cursor, limit: 500 });
        for (const g of batch) {
          if (pattern && !g.name.toLowerCase().includes(pattern)) continue;
          if (input.logGroupClass && g.logGroupClass !== input.logGroupClass) continue;
          out.push(g);
        }
        if (batch.length < 500) break;
        cursor = batch[batch.length - 1]!.name;
      }
      const page = out.slice(0, limit);
      const more = out.length > limit;
      return { logGroups: page.map(describeGroup), nextToken: more ? encodeOpaqueToken('g', page[page.length - 1]!.name) : undefined };
    },

    PutRetentionPolicy: async (input: PutRetentionPolicyRequest, ctx: RequestContext): Promise<Record<string, never>> => {
      if (!isRetentionDays(input.retentionInDays)) {
        throw constraint(input.retentionInDays, 'retentionInDays', `Member must satisfy enum value set: [${retentionDays.join(', ')}]`);
      }
      await updateGroup(lc, scopeOf(ctx), input.logGroupName, (g) => ({ ...g, retentionInDays: input.retentionInDays }));
      return {};
    },

    DeleteRetentionPolicy: async (input: DeleteRetentionPolicyRequest, ctx: RequestContext): Promise<Record<string, never>> => {
      await updateGroup(lc, scopeOf(ctx), input.logGroupName, ({ retentionInDays: _dropped, ...rest }) => rest);
      return {};
    },
  };
}

