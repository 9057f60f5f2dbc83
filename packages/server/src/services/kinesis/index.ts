import type { Logger } from 'pino';
import type { Clock, IdSource } from '../../core/index.js';
import type { Storage } from '../../storage/index.js';
import type { KinesisRecordWriter } from '../../targets/kinesis-stream.js';
import type { ServiceProvider } from '../provider.js';
import { StreamCatalog, tables } from './catalog.js';
import { defaultKinesisSettings, type KinesisContext, type KinesisSettings } from './context.js';
import { ControlLock } from './control-lock.js';
import { streamNotFound, throughputError } from './errors.js';
import { kinesisProvider } from './provider.js';
import { appendRecords } from './records.js';
import { SequenceClock, type Tick } from './sequence-numbers.js';
import { KinesisSweeper } from './sweeper.js';
import { ShardThrottle, type ThroughputLimits } from './throughput.js';

export { kinesisProvider } from './provider.js';
export { defaultKinesisSettings, type KinesisSettings } from './context.js';
export type * from './model.js';

export interface KinesisServiceDeps {
  storage: Storage;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  settings?: Partial<KinesisSettings>;
  /** Enforce AWS's per-shard write limits (off unless given). */
  throughput?: ThroughputLimits;
  sweepIntervalMs?: number;
}

export interface KinesisService {
  provider: ServiceProvider;
  /** What Kinesis stream targets write through. */
  writer: KinesisRecordWriter;
  sweeper: KinesisSweeper;
  start(): void;
  close(): Promise<void>;
}

/** Kinesis Data Streams: loads the stream catalog and the last sequence tick, then serves. */
export async function createKinesisService(deps: KinesisServiceDeps): Promise<KinesisService> {
  const ticks = new SequenceClock(deps.clock);
  const stored = await deps.storage.metadata.get<Tick>(tables.clock, 'tick');
  if (stored) ticks.seed(stored.value);
  const kc: KinesisContext = {
    storage: deps.storage,
    catalog: await StreamCatalog.load(deps.storage),
    clock: deps.clock,
    ids: deps.ids,
    ticks,
    logger: deps.logger.child({ component: 'kinesis' }),
    settings: { ...defaultKinesisSettings, ...deps.settings },
    throttle: deps.throughput ? new ShardThrottle(deps.throughput) : undefined,
    control: new ControlLock(),
  };
  const sweeper = new KinesisSweeper(kc, deps.sweepIntervalMs);
  return {
    provider: kinesisProvider(kc),
    writer: {
      putRecord: async (target) => {
        const stream = kc.catalog.get(target, target.streamName);
        if (!stream) throw streamNotFound(target.streamName, target.accountId);
        const [outcome] = await appendRecords(kc, stream, [{ data: target.data, partitionKey: target.partitionKey }]);
        if (!outcome || 'errorCode' in outcome) throw throughputError(outcome?.errorMessage ?? 'The record was not stored.');
        return { sequenceNumber: outcome.sequenceNumber };
      },
    },
    sweeper,
    start: () => sweeper.start(),
    close: () => sweeper.stop(),
  };
}
