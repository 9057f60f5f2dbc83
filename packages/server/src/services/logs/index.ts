import type { Logger } from 'pino';
import type { Clock, IdSource } from '../../core/index.js';
import type { Storage } from '../../storage/index.js';
import type { LogEventsWriter } from '../../targets/log-group.js';
import type { ServiceProvider } from '../provider.js';
import { requireGroup, type LogsContext } from './context.js';
import { KeyedLock } from '../../core/index.js';
import { LogSequence } from './positions.js';
import { logsProvider } from './provider.js';
import { appendLogEvents } from './put-events.js';
import { LogsStore } from './store.js';
import { LogsSweeper } from './sweeper.js';

export { logsProvider } from './provider.js';
export { compileFilterPattern, type FilterMatcher } from './filter/pattern.js';
export type * from './model.js';

export interface LogsServiceDeps {
  storage: Storage;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  /** How often deleted streams are purged and retention is applied (default one minute). */
  sweepIntervalMs?: number;
}

export interface LogsService {
  provider: ServiceProvider;
  /** What log group targets write through. */
  writer: LogEventsWriter;
  sweeper: LogsSweeper;
  start(): void;
  close(): Promise<void>;
}

/** CloudWatch Logs: the API provider, the writer targets use, and background upkeep. */
export function createLogsService(deps: LogsServiceDeps): LogsService {
  const logger = deps.logger.child({ component: 'logs' });
  const store = new LogsStore(deps.storage);
  const lc: LogsContext = { store, clock: deps.clock, ids: deps.ids, sequence: new LogSequence(deps.clock), locks: new KeyedLock(), logger };
  const sweeper = new LogsSweeper(store, deps.clock, logger, deps.sweepIntervalMs);
  return {
    provider: logsProvider(lc),
    writer: {
      putLogEvents: async (target) => {
        const group = await requireGroup(lc, target, target.groupName);
        await appendLogEvents(lc, group, target.streamName, target.events, { createStream: true });
      },
    },
    sweeper,
    start: () => sweeper.start(),
    close: () => sweeper.stop(),
  };
}
