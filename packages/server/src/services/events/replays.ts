import { parseBusArn, parseNamedArn, replayArn, type ReplayRecord } from '../../bus/index.js';
import type { RequestContext } from '../provider.js';
import { oneFilter } from './archives.js';
import { scopeOf, type EventsContext } from './context.js';
import { busNotFound, illegalStatus, resourceAlreadyExists, resourceNotFound, validation } from './errors.js';
import type {
  CancelReplayRequest,
  CancelReplayResponse,
  DescribeReplayRequest,
  DescribeReplayResponse,
  ListReplaysRequest,
  ListReplaysResponse,
  Replay,
  StartReplayRequest,
  StartReplayResponse,
} from './model.js';
import { page } from './paging.js';

const d = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

function view(r: ReplayRecord): Replay {
  return {
    ReplayName: r.name,
    EventSourceArn: r.eventSourceArn,
    State: r.state,
    StateReason: r.stateReason,
    EventStartTime: d(r.eventStartTime),
    EventEndTime: d(r.eventEndTime),
    EventLastReplayedTime: d(r.eventLastReplayedTime),
    ReplayStartTime: d(r.replayStartTime),
    ReplayEndTime: d(r.replayEndTime),
  };
}

export function replayOperations(ec: EventsContext) {
  const replayer = () => ec.engine.replayer;
  const find = (name: string, ctx: RequestContext): ReplayRecord => {
    const r = replayer().get(replayArn(scopeOf(ctx), name));
    if (!r) throw resourceNotFound(`Replay ${name} does not exist.`);
    return r;
  };

  return {
    StartReplay: (input: StartReplayRequest, ctx: RequestContext): Promise<StartReplayResponse> =>
      ec.lock.run(async () => {
        const scope = scopeOf(ctx);
        const destination = parseBusArn(input.Destination.Arn);
        if (!destination) throw validation('Parameter Destination.Arn is not valid. Reason: Must contain an event bus ARN.');
        if (!ec.engine.catalog.busExists(input.Destination.Arn)) throw busNotFound(destination.name);
        const archiveName = parseNamedArn(input.EventSourceArn, 'archive')?.name ?? input.EventSourceArn.split('/').pop() ?? '';
        const archive = ec.engine.catalog.archive(input.EventSourceArn);
        if (!archive) throw validation(`Parameter EventSourceArn is not valid. Reason: Archive ${archiveName} does not exist.`);
        if (input.Destination.Arn !== archive.eventSourceArn) throw validation('Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.');
        if (input.EventStartTime.getTime() >= input.EventEndTime.getTime()) throw validation('Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.');
        const arn = replayArn(scope, input.ReplayName);
        if (replayer().get(arn)) throw resourceAlreadyExists(`Replay ${input.ReplayName} already exists.`);
        const now = ec.clock.now();
        const replay: ReplayRecord = {
          name: input.ReplayName,
          arn,
          ...scope,
          description: input.Description,
          eventSourceArn: archive.arn,
          destination: input.Destination,
          eventStartTime: input.EventStartTime.getTime(),
          eventEndTime: input.EventEndTime.getTime(),
          state: 'STARTING',
          replayStartTime: now,
          cursorSeq: 0,
          replayedCount: 0,
        };
        await replayer().save(replay);
        return { ReplayArn: arn, State: 'STARTING', ReplayStartTime: new Date(now) };
      }),

    DescribeReplay: (input: DescribeReplayRequest, ctx: RequestContext): DescribeReplayResponse => {
      const r = find(input.ReplayName, ctx);
      return { ...view(r), ReplayArn: r.arn, Description: r.description, Destination: r.destination };
    },

    ListReplays: (input: ListReplaysRequest, ctx: RequestContext): ListReplaysResponse => {
      oneFilter('ListReplays', input);
      const scope = scopeOf(ctx);
      const replays = replayer()
        .all()
        .filter((r) => r.accountId === scope.accountId && r.region === scope.region)
        .filter((r) => (!input.NamePrefix || r.name.startsWith(input.NamePrefix)) && (!input.EventSourceArn || r.eventSourceArn === input.EventSourceArn) && (!input.State || r.state === input.State))
        .sort((a, b) => (a.name < b.name ? -1 : 1));
      const p = page(replays, (r) => r.name, input.Limit, input.NextToken);
      return { Replays: p.items.map(view), NextToken: p.nextToken };
    },

    CancelReplay: (input: CancelReplayRequest, ctx: RequestContext): Promise<CancelReplayResponse> =>
      ec.lock.run(async () => {
        const r = find(input.ReplayName, ctx);
        if (r.state !== 'STARTING' && r.state !== 'RUNNING') throw illegalStatus(`Replay ${r.name} is not in a valid state for this operation.`);
        await replayer().save({ ...r, state: 'CANCELLING' });
        return { ReplayArn: r.arn, State: 'CANCELLING' };
      }),
  };
}
