import { isAwsError } from '../errors/index.js';
import type { DeliveryOutcome, DeliveryRequest, Target } from './target.js';

/** What the bus needs from Kinesis: put one record on a stream. */
export interface KinesisRecordWriter {
  /** Throws AwsError ResourceNotFoundException for a missing stream, ProvisionedThroughputExceededException when throttled. */
  putRecord(target: { accountId: string; region: string; streamName: string; data: Uint8Array; partitionKey: string }): Promise<{ sequenceNumber: string }>;
}

export function parseStreamTargetArn(arn: string): { region: string; accountId: string; streamName: string } | undefined {
  const m = /^arn:aws[a-z-]*:kinesis:([^:]+):(\d{12}):stream\/([a-zA-Z0-9_.-]+)$/.exec(arn);
  return m ? { region: m[1]!, accountId: m[2]!, streamName: m[3]! } : undefined;
}

/** Evaluate a simple JSONPath (`$.a.b`, `$.list[0].c`) against a parsed event. */
export function valueAtPath(doc: unknown, path: string): unknown {
  if (path === '$') return doc;
  if (!path.startsWith('$.') && !path.startsWith('$[')) return undefined;
  const steps = path.slice(1).match(/\.[^.[]+|\[\d+\]/g) ?? [];
  if (steps.join('') !== path.slice(1)) return undefined;
  let current: unknown = doc;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    current = step.startsWith('[') ? (Array.isArray(current) ? current[Number(step.slice(1, -1))] : undefined) : (current as Record<string, unknown>)[step.slice(1)];
  }
  return current;
}

/**
 * The partition key EventBridge uses: the value at KinesisParameters.PartitionKeyPath in the
 * event, else (no path, or nothing there) the event id, which is AWS's documented default.
 */
export function partitionKeyOf(request: Pick<DeliveryRequest, 'target' | 'event' | 'eventId'>): string {
  const params = request.target.KinesisParameters as { PartitionKeyPath?: unknown } | undefined;
  if (typeof params?.PartitionKeyPath !== 'string') return request.eventId;
  let value: unknown;
  try {
    value = valueAtPath(JSON.parse(request.event), params.PartitionKeyPath);
  } catch {
    value = undefined;
  }
  if (value === undefined || value === null || value === '') return request.eventId;
  const key = typeof value === 'string' ? value : JSON.stringify(value);
  return key.length > 256 ? key.slice(0, 256) : key;
}

/** Kinesis stream targets (`arn:aws:kinesis:…:stream/<name>`): the input becomes the record's data. */
export class KinesisStreamTarget implements Target {
  readonly kind = 'kinesis';

  constructor(private readonly kinesis: () => KinesisRecordWriter | undefined) {}

  accepts(targetArn: string): boolean {
    return targetArn.split(':')[2] === 'kinesis';
  }

  async deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
    const kinesis = this.kinesis();
    if (!kinesis) return { ok: false, retryable: true, errorCode: 'INTERNAL_ERROR', errorMessage: 'Kinesis is not running in this Bosun.' };
    const arn = parseStreamTargetArn(request.targetArn);
    if (!arn) return { ok: false, retryable: false, errorCode: 'INVALID_PARAMETER', errorMessage: `Invalid Kinesis stream ARN: ${request.targetArn}` };
    try {
      await kinesis.putRecord({ ...arn, data: Buffer.from(request.input, 'utf8'), partitionKey: partitionKeyOf(request) });
      return { ok: true };
    } catch (e) {
      if (isAwsError(e)) {
        if (e.code === 'ResourceNotFoundException') return { ok: false, retryable: false, errorCode: 'NO_RESOURCE', errorMessage: e.message };
        if (e.code === 'ProvisionedThroughputExceededException' || e.status >= 500) return { ok: false, retryable: true, errorCode: 'THROTTLING', errorMessage: e.message };
        return { ok: false, retryable: false, errorCode: 'INVALID_PARAMETER', errorMessage: `${e.code}: ${e.message}` };
      }
      return { ok: false, retryable: true, errorCode: 'SDK_CLIENT_ERROR', errorMessage: e instanceof Error ? e.message : String(e) };
    }
  }
}
