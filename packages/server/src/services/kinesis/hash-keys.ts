import { createHash } from 'node:crypto';

/**
 * Kinesis routes a record by a 128-bit hash key: the MD5 of its partition key read as an
 * unsigned big-endian integer, unless the caller gives an ExplicitHashKey. Each open shard owns a
 * contiguous, inclusive range of the key space.
 */

export const MAX_HASH_KEY = (1n << 128n) - 1n;

export interface HashKeyRange {
  start: bigint;
  end: bigint;
}

export function hashKeyOf(partitionKey: string): bigint {
  return BigInt(`0x${createHash('md5').update(partitionKey, 'utf8').digest('hex')}`);
}

/** An ExplicitHashKey as given (decimal digits), or undefined when out of [0, 2^128 - 1]. */
export function parseHashKey(text: string): bigint | undefined {
  if (!/^\d{1,39}$/.test(text)) return undefined;
  const key = BigInt(text);
  return key <= MAX_HASH_KEY ? key : undefined;
}

/**
 * `count` ranges covering [from, to] evenly, as CreateStream and UpdateShardCount lay them out:
 * each spans floor(width / count) keys and the last one takes the remainder.
 */
export function evenRanges(count: number, from = 0n, to = MAX_HASH_KEY): HashKeyRange[] {
  const width = to - from + 1n;
  const size = width / BigInt(count);
  return Array.from({ length: count }, (_, i) => {
    const start = from + size * BigInt(i);
    const end = i === count - 1 ? to : start + size - 1n;
    return { start, end };
  });
}

/** The first range containing `key` (ranges of open shards never overlap). */
export function rangeFor<T extends { range: HashKeyRange }>(items: readonly T[], key: bigint): T | undefined {
  return items.find((i) => i.range.start <= key && key <= i.range.end);
}
