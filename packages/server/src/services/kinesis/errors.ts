import { AwsError } from '../../errors/index.js';

/**
 * Kinesis Data Streams errors Bosun returns, with AWS's codes and wording (Kinesis API reference;
 * texts as real responses carry them).
 */

export function streamNotFound(name: string, accountId: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Stream ${name} under account ${accountId} not found.`);
}

export function streamExists(name: string, accountId: string): AwsError {
  return new AwsError('ResourceInUseException', `Stream ${name} under account ${accountId} already exists.`);
}

export function shardNotFound(shardId: string, stream: string, accountId: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Shard ${shardId} in stream ${stream} under account ${accountId} does not exist`);
}

export function invalidArgument(message: string): AwsError {
  return new AwsError('InvalidArgumentException', message);
}

export function validation(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

export function limitExceeded(message: string): AwsError {
  return new AwsError('LimitExceededException', message);
}

export function expiredIterator(message: string): AwsError {
  return new AwsError('ExpiredIteratorException', message);
}

export function throughputError(message: string): AwsError {
  return new AwsError('ProvisionedThroughputExceededException', message);
}

export function onDemand(name: string, accountId: string): AwsError {
  return validation(`Request is invalid. Stream ${name} under account ${accountId} is in On-Demand mode.`);
}

/** Data over 1 MiB: the Coral validation AWS answers with (the blob rendered as Java prints it). */
export function recordTooLarge(path: string, size: number, limit: number): AwsError {
  return validation(`1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=${size} cap=${size}]' at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${limit}`);
}

export const messages = {
  recordsTooLarge: 'Records size exceeds 5 MB limit',
  nameOrArn: 'Either StreamName or StreamARN should be provided.',
  invalidIterator: 'Invalid ShardIterator.',
  explicitHashKey: (value: string) => `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${value}`,
  retentionTooShort: (hours: number) => `Minimum allowed retention period is 24 hours. Requested retention period (${hours} hours) is too short.`,
  retentionTooLong: (hours: number) => `Maximum allowed retention period is 8760 hours. Requested retention period (${hours} hours) is too long.`,
  cannotIncrease: (name: string, requested: number, existing: number) =>
    `Requested retention period (${requested} hours) for stream ${name} can not be shorter than existing retention period (${existing} hours). Use DecreaseRetentionPeriod API.`,
  cannotDecrease: (name: string, requested: number, existing: number) =>
    `Requested retention period (${requested} hours) for stream ${name} can not be longer than existing retention period (${existing} hours). Use IncreaseRetentionPeriod API.`,
  shardLimit: (accountId: string, region: string, current: number, limit: number, requested: number) =>
    `This request would exceed the shard limit for the account ${accountId} in ${region}. Current shard count for the account: ${current}. Limit: ${limit}. Number of additional shards that would have resulted from this request: ${requested}.`,
} as const;
