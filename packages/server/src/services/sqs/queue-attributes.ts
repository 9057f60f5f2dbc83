import { conflictingEncryption, fifoOnlyAttribute, invalidAttributeValue, unknownAttribute } from './errors.js';
import { formatRedrivePolicy, validateRedriveAllowPolicy, validateRedrivePolicy } from './redrive-policy.js';

/**
 * Queue attributes as CreateQueue and SetQueueAttributes take them: which names exist, their
 * ranges and defaults (API reference, SetQueueAttributes), normalised to the strings SQS returns.
 * Stored attributes are the settable ones only; counts, timestamps and the ARN are computed. Pure.
 */

export type QueueAttributes = Record<string, string>;

const INTEGER_RANGES: Record<string, [number, number]> = {
  DelaySeconds: [0, 900],
  MaximumMessageSize: [1024, 1_048_576],
  MessageRetentionPeriod: [60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43_200],
  KmsDataKeyReusePeriodSeconds: [60, 86_400],
};

const STANDARD_SETTABLE = new Set([
  ...Object.keys(INTEGER_RANGES),
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'SqsManagedSseEnabled',
]);
const FIFO_ONLY = new Set(['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);

/** Computed attributes: readable with GetQueueAttributes, never settable. */
export const COMPUTED_ATTRIBUTES = [
  'QueueArn',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
] as const;

export function isKnownAttributeName(name: string): boolean {
  return STANDARD_SETTABLE.has(name) || FIFO_ONLY.has(name) || (COMPUTED_ATTRIBUTES as readonly string[]).includes(name);
}

export function defaultAttributes(fifo: boolean): QueueAttributes {
  const base: QueueAttributes = {
    DelaySeconds: '0',
    MaximumMessageSize: '1048576',
    MessageRetentionPeriod: '345600',
    ReceiveMessageWaitTimeSeconds: '0',
    VisibilityTimeout: '30',
    SqsManagedSseEnabled: 'true',
  };
  if (!fifo) return base;
  return { ...base, FifoQueue: 'true', ContentBasedDeduplication: 'false', DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' };
}

export interface AttributeContext {
  fifo: boolean;
  /** Whether a queue ARN exists and is FIFO (for RedrivePolicy). */
  lookup: (arn: string) => { fifo: boolean } | undefined;
}

/**
 * Validate and normalise requested attributes. Returns the values to store; `null` removes an
 * attribute (an empty Policy, RedrivePolicy, RedriveAllowPolicy or KmsMasterKeyId).
 */
export function normaliseAttributes(input: Readonly<Record<string, string>>, ctx: AttributeContext): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(input)) {
    if (FIFO_ONLY.has(name) && !ctx.fifo) {
      if (name === 'DeduplicationScope' || name === 'FifoThroughputLimit') throw fifoOnlyAttribute(name);
      throw unknownAttribute(name);
    }
    if (!STANDARD_SETTABLE.has(name) && !FIFO_ONLY.has(name)) throw unknownAttribute(name);
    out[name] = normaliseOne(name, value, ctx);
  }
  if (out.KmsMasterKeyId && out.SqsManagedSseEnabled === 'true') throw conflictingEncryption();
  return out;
}

function normaliseOne(name: string, value: string, ctx: AttributeContext): string | null {
  const range = INTEGER_RANGES[name];
  if (range) {
    if (!/^\d+$/.test(value) || Number(value) < range[0] || Number(value) > range[1]) throw invalidAttributeValue(name);
    return String(Number(value));
  }
  switch (name) {
    case 'Policy':
      if (value === '') return null;
      if (!isPolicyDocument(value)) throw invalidAttributeValue(name);
      return value;
    case 'RedrivePolicy':
      return value === '' ? null : formatRedrivePolicy(validateRedrivePolicy(value, ctx.fifo, ctx.lookup));
    case 'RedriveAllowPolicy':
      if (value === '') return null;
      validateRedriveAllowPolicy(value);
      return value;
    case 'KmsMasterKeyId':
      return value === '' ? null : value;
    case 'SqsManagedSseEnabled':
    case 'ContentBasedDeduplication':
      return booleanValue(name, value);
    case 'FifoQueue':
      if (value.toLowerCase() !== 'true') throw invalidAttributeValue(name, 'Modifying queue type is not supported.');
      return 'true';
    case 'DeduplicationScope':
      if (value !== 'queue' && value !== 'messageGroup') throw invalidAttributeValue(name);
      return value;
    case 'FifoThroughputLimit':
      if (value !== 'perQueue' && value !== 'perMessageGroupId') throw invalidAttributeValue(name);
      return value;
    default:
      throw unknownAttribute(name);
  }
}

function booleanValue(name: string, value: string): string {
  const lower = value.toLowerCase();
  if (lower !== 'true' && lower !== 'false') throw invalidAttributeValue(name);
  return lower;
}

/** An IAM policy document: a JSON object with a Statement (Bosun keeps policies but does not enforce them). */
function isPolicyDocument(value: string): boolean {
  try {
    const doc: unknown = JSON.parse(value);
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return false;
    const statement = (doc as { Statement?: unknown }).Statement;
    return Array.isArray(statement) ? statement.length > 0 : statement !== null && typeof statement === 'object';
  } catch {
    return false;
  }
}

/** Apply normalised changes; KMS encryption replaces SQS-managed encryption and brings its reuse period. */
export function applyAttributes(current: QueueAttributes, changes: Record<string, string | null>): QueueAttributes {
  const next: QueueAttributes = { ...current };
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) delete next[name];
    else next[name] = value;
  }
  if (changes.KmsMasterKeyId) {
    next.SqsManagedSseEnabled = 'false';
    next.KmsDataKeyReusePeriodSeconds ??= '300';
  } else if (changes.KmsMasterKeyId === null) {
    delete next.KmsDataKeyReusePeriodSeconds;
  }
  return next;
}

/** The first requested attribute whose value differs from the queue's (CreateQueue on an existing name). */
export function firstDifference(current: QueueAttributes, requested: Record<string, string | null>): string | undefined {
  for (const [name, value] of Object.entries(requested)) {
    if ((current[name] ?? null) !== value) return name;
  }
  return undefined;
}

/** Typed view of the attributes the message engine needs. */
export interface QueueSettings {
  fifo: boolean;
  delaySeconds: number;
  maximumMessageSize: number;
  messageRetentionPeriod: number;
  receiveMessageWaitTimeSeconds: number;
  visibilityTimeout: number;
  contentBasedDeduplication: boolean;
  deduplicationScope: 'queue' | 'messageGroup';
}

export function settingsOf(attributes: QueueAttributes): QueueSettings {
  const int = (name: string) => Number(attributes[name] ?? defaultAttributes(false)[name]);
  return {
    fifo: attributes.FifoQueue === 'true',
    delaySeconds: int('DelaySeconds'),
    maximumMessageSize: int('MaximumMessageSize'),
    messageRetentionPeriod: int('MessageRetentionPeriod'),
    receiveMessageWaitTimeSeconds: int('ReceiveMessageWaitTimeSeconds'),
    visibilityTimeout: int('VisibilityTimeout'),
    contentBasedDeduplication: attributes.ContentBasedDeduplication === 'true',
    deduplicationScope: attributes.DeduplicationScope === 'messageGroup' ? 'messageGroup' : 'queue',
  };
}
