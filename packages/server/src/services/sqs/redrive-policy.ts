import { invalidAttributeValue, invalidValueFor } from './errors.js';
import { parseQueueArn } from './names.js';

/**
 * RedrivePolicy and RedriveAllowPolicy, checked and worded as SQS does (SQS Developer Guide,
 * "Using dead-letter queues"). Pure: whether the target queue exists is asked of `lookup`.
 */

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

function parseJsonMap(raw: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(raw);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The stored form: SQS echoes the policy back normalised to exactly these two members. */
export function formatRedrivePolicy(policy: RedrivePolicy): string {
  return JSON.stringify({ deadLetterTargetArn: policy.deadLetterTargetArn, maxReceiveCount: policy.maxReceiveCount });
}

export function parseStoredRedrivePolicy(raw: string | undefined): RedrivePolicy | undefined {
  if (!raw) return undefined;
  const map = parseJsonMap(raw);
  if (!map || typeof map.deadLetterTargetArn !== 'string') return undefined;
  return { deadLetterTargetArn: map.deadLetterTargetArn, maxReceiveCount: Number(map.maxReceiveCount) };
}

/**
 * Validate a RedrivePolicy for a queue of type `fifo`. `lookup` tells whether a queue ARN exists
 * and whether it is FIFO. The dead-letter queue must be of the same type and exist.
 */
export function validateRedrivePolicy(raw: string, fifo: boolean, lookup: (arn: string) => { fifo: boolean } | undefined): RedrivePolicy {
  const map = parseJsonMap(raw);
  if (!map) throw invalidAttributeValue('RedrivePolicy', 'Redrive policy is not a valid JSON map.');
  const bad = (reason: string) => invalidValueFor('RedrivePolicy', raw, reason);
  if (map.maxReceiveCount === undefined) throw bad('Redrive policy does not contain mandatory attribute: maxReceiveCount.');
  if (map.deadLetterTargetArn === undefined) throw bad('Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
  if (Object.keys(map).some((k) => k !== 'maxReceiveCount' && k !== 'deadLetterTargetArn')) {
    throw bad('Only following attributes are supported: [maxReceiveCount, deadLetterTargetArn].');
  }
  const rawCount = map.maxReceiveCount;
  const count = typeof rawCount === 'number' ? rawCount : typeof rawCount === 'string' && /^-?\d+$/.test(rawCount) ? Number(rawCount) : NaN;
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw bad(`Invalid value for maxReceiveCount: ${String(rawCount)}, valid values are from 1 to 1000 both inclusive.`);
  }
  const arn = map.deadLetterTargetArn;
  if (typeof arn !== 'string' || !parseQueueArn(arn)) throw bad('Only SQS queues are valid resources for deadLetterTargetArn.');
  // SQS's own text ends with two periods.
  if (arn.endsWith('.fifo') !== fifo) throw bad('Dead-letter queue must be same type of queue as the source..');
  const target = lookup(arn);
  if (!target) throw bad('Dead letter target does not exist.');
  if (target.fifo !== fifo) throw bad('Dead-letter queue must be same type of queue as the source..');
  return { deadLetterTargetArn: arn, maxReceiveCount: count };
}

const UNSUPPORTED_ALLOW_POLICY = "Amazon SQS can't create the redrive allow policy, as it’s in an unsupported format.";
const MAX_SOURCE_ARNS = 10;

/** RedriveAllowPolicy: which source queues may use this queue as their dead-letter queue. Stored as given. */
export function validateRedriveAllowPolicy(raw: string): void {
  const map = parseJsonMap(raw);
  const unsupported = () => invalidAttributeValue('RedriveAllowPolicy', UNSUPPORTED_ALLOW_POLICY);
  if (!map) throw unsupported();
  const permission = map.redrivePermission;
  if (permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue') throw unsupported();
  if (Object.keys(map).some((k) => k !== 'redrivePermission' && k !== 'sourceQueueArns')) throw unsupported();
  const arns = map.sourceQueueArns;
  if (arns !== undefined && (!Array.isArray(arns) || arns.some((a) => typeof a !== 'string'))) throw unsupported();
  const bad = (reason: string) => invalidValueFor('RedriveAllowPolicy', raw, `Amazon SQS can't create the redrive allow policy. ${reason}`);
  if (permission === 'byQueue') {
    if (!arns || arns.length === 0) throw bad('When you specify the byQueue permission type, you must also specify one or more sourceQueueArns values.');
    if (arns.length > MAX_SOURCE_ARNS) throw bad(`The maximum number of source queue ARNs you can specify is ${MAX_SOURCE_ARNS}.`);
  } else if (arns !== undefined) {
    throw bad('To specify one or more source queue ARNs, you must set redrivePermission to byQueue.');
  }
}
