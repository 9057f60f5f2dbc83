/**
 * Per-shard write limits (AWS: 1,000 records and 1 MiB per second per shard). Off by default in
 * Bosun; when on, PutRecords reports the records over the limit as failed entries with
 * ProvisionedThroughputExceededException, as AWS does, and PutRecord fails with it.
 */
export interface ThroughputLimits {
  recordsPerSecond: number;
  bytesPerSecond: number;
}

export const awsShardLimits: ThroughputLimits = { recordsPerSecond: 1000, bytesPerSecond: 1_048_576 };

export class ShardThrottle {
  private readonly windows = new Map<string, { start: number; records: number; bytes: number }>();

  constructor(private readonly limits: ThroughputLimits = awsShardLimits) {}

  /** Whether one more record of `bytes` fits the shard's current one-second window (and count it if so). */
  admit(shard: string, bytes: number, now: number): boolean {
    let w = this.windows.get(shard);
    if (!w || now - w.start >= 1000) {
      w = { start: now, records: 0, bytes: 0 };
      this.windows.set(shard, w);
      if (this.windows.size > 100_000) this.forgetBefore(now - 1000);
    }
    if (w.records + 1 > this.limits.recordsPerSecond || w.bytes + bytes > this.limits.bytesPerSecond) return false;
    w.records += 1;
    w.bytes += bytes;
    return true;
  }

  private forgetBefore(t: number): void {
    for (const [k, w] of this.windows) if (w.start < t) this.windows.delete(k);
  }
}

export function throughputExceeded(shardId: string, stream: string, accountId: string): { code: string; message: string } {
  return { code: 'ProvisionedThroughputExceededException', message: `Rate exceeded for shard ${shardId} in stream ${stream} under account ${accountId}.` };
}
