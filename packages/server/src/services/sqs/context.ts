import type { Logger } from 'pino';
import type { Clock, IdSource } from '../../core/index.js';
import type { Storage } from '../../storage/index.js';
import { SequenceNumbers } from './dedup.js';
import { MoveTasks } from './move-tasks.js';
import { PayloadCache } from './payload-cache.js';
import { QueueRegistry } from './queue-registry.js';
import { ReceiveLog } from './receive-log.js';

/** What the SQS operations share: injected dependencies and the queue registry. */
export interface SqsContext {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly logger: Logger | undefined;
  readonly queues: QueueRegistry;
  readonly sequenceNumbers: SequenceNumbers;
  /** Standard-queue receives on their way to storage. */
  readonly receiveLog: ReceiveLog;
  /** Bodies of recently sent messages, so receives rarely read them back. */
  readonly payloads: PayloadCache;
  /** Random per run, in every receipt handle (cheaper than fresh randomness per receive). */
  readonly receiptSalt: string;
  /** Running dead-letter queue redrives (StartMessageMoveTask). */
  readonly moveTasks: MoveTasks;
  /** Once set, long polls return at once (shutdown). */
  closed: boolean;
}

export function createContext(deps: { storage: Storage; clock: Clock; ids: IdSource; logger?: Logger }): SqsContext {
  const ctx: Omit<SqsContext, 'moveTasks'> & { moveTasks?: MoveTasks } = {
    storage: deps.storage,
    clock: deps.clock,
    ids: deps.ids,
    logger: deps.logger,
    queues: new QueueRegistry(deps.storage),
    sequenceNumbers: new SequenceNumbers(),
    receiveLog: new ReceiveLog(deps.storage, (error) => deps.logger?.warn({ err: error }, 'sqs could not record receives')),
    payloads: new PayloadCache(),
    receiptSalt: deps.ids.hex(8),
    closed: false,
  };
  ctx.moveTasks = new MoveTasks(ctx as SqsContext);
  return ctx as SqsContext;
}
