import type { Logger } from 'pino';
import { BusEngine, Mutex, type BusSettings } from '../../bus/index.js';
import type { Clock, IdSource } from '../../core/index.js';
import type { RawHandler } from '../../http/index.js';
import type { Storage } from '../../storage/index.js';
import type { Target } from '../../targets/index.js';
import type { SqsSender } from '../../targets/sqs.js';
import type { ServiceProvider } from '../provider.js';
import { eventsProvider } from './provider.js';
import { eventsStatusHandler } from './status.js';

export { eventsProvider } from './provider.js';
export { eventsStatus, type EventsStatus } from './status.js';

export interface EventsServiceDeps {
  storage: Storage;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  settings?: Partial<BusSettings>;
  /** The SQS service's queues (SQS targets, dead-letter queues). */
  sqs?: () => SqsSender | undefined;
  /** Target kinds other services provide. */
  targets?: Target[];
  random?: () => number;
}

export interface EventsService {
  provider: ServiceProvider;
  engine: BusEngine;
  /** `/_bosun/events/status` and `/metrics`. */
  rawHandlers: RawHandler[];
  /** Start the matcher, the delivery worker and the scheduler. */
  start(): void;
  /** Stop them; in-flight deliveries finish, acknowledgements are committed. */
  close(): Promise<void>;
}

/** EventBridge: the API provider and the durable bus behind it. */
export async function createEventsService(deps: EventsServiceDeps): Promise<EventsService> {
  const engine = await BusEngine.open({ ...deps, logger: deps.logger.child({ component: 'events' }) });
  const provider = eventsProvider({ engine, clock: deps.clock, ids: deps.ids, logger: deps.logger.child({ component: 'events' }), lock: new Mutex() });
  return {
    provider,
    engine,
    rawHandlers: [eventsStatusHandler(engine)],
    start: () => engine.start(),
    close: () => engine.stop(),
  };
}
