import type { ServiceProvider } from '../provider.js';
import type { KinesisContext } from './context.js';
import { readingOperations } from './reading.js';
import { recordOperations } from './records.js';
import { shardOperations } from './shards.js';
import { streamOperations } from './streams.js';
import { tagOperations } from './tags.js';

/**
 * Kinesis Data Streams (AWS JSON 1.1, `Kinesis_20131202.*`): streams, shards and resharding,
 * records in per-shard sequence order, shard iterators, retention and tags.
 */
export function kinesisProvider(kc: KinesisContext): ServiceProvider {
  return {
    service: 'kinesis',
    operations: {
      ...streamOperations(kc),
      ...shardOperations(kc),
      ...recordOperations(kc),
      ...readingOperations(kc),
      ...tagOperations(kc),
    },
  };
}
