import { isAwsError } from '../errors/index.js';
import type { DeliveryOutcome, DeliveryRequest, Target } from './target.js';

/** What the bus needs from CloudWatch Logs: append events to a stream of a group, creating the stream. */
export interface LogEventsWriter {
  /** Throws AwsError ResourceNotFoundException when the group does not exist. */
  putLogEvents(target: { accountId: string; region: string; groupName: string; streamName: string; events: { timestamp: number; message: string }[] }): Promise<void>;
}

/** `arn:aws:logs:<region>:<account>:log-group:<name>` (a trailing `:*` allowed). */
export function parseLogGroupTargetArn(arn: string): { region: string; accountId: string; groupName: string } | undefined {
  const m = /^arn:aws[a-z-]*:logs:([^:]+):(\d{12}):log-group:([^:]+)(?::\*)?$/.exec(arn);
  return m ? { region: m[1]!, accountId: m[2]!, groupName: m[3]! } : undefined;
}

function toMillis(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string') {
    if (/^\d+$/.test(value)) return Number(value);
    const parsed = Date.parse(value);
    if (!Number.isNaN(parsed)) return parsed;
  }
  return undefined;
}

/**
 * The log event EventBridge writes: the whole event as the message, stamped with the event's
 * `time`; or, with an InputTransformer, the `{"timestamp": …, "message": …}` object its template
 * must produce for log group targets (AWS's documented shape).
 */
export function logEventOf(request: Pick<DeliveryRequest, 'input' | 'event' | 'target'>, now: number): { timestamp: number; message: string } {
  let eventTime: number | undefined;
  try {
    eventTime = toMillis((JSON.parse(request.event) as { time?: unknown }).time);
  } catch {
    eventTime = undefined;
  }
  if (request.target.InputTransformer !== undefined) {
    try {
      const shaped = JSON.parse(request.input) as unknown;
      if (shaped && typeof shaped === 'object' && !Array.isArray(shaped) && 'message' in shaped) {
        const { message, timestamp } = shaped as { message: unknown; timestamp?: unknown };
        return { timestamp: toMillis(timestamp) ?? eventTime ?? now, message: typeof message === 'string' ? message : JSON.stringify(message) };
      }
    } catch {
      // Not JSON: the transformed text is the message.
    }
  }
  return { timestamp: eventTime ?? now, message: request.input };
}

/**
 * CloudWatch log group targets (`arn:aws:logs:…:log-group:…`): each event goes to a log stream
 * named after the event id, created on first use, so `aws logs get-log-events` / `tail` show it.
 */
export class LogGroupTarget implements Target {
  readonly kind = 'logs';

  constructor(
    private readonly logs: () => LogEventsWriter | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  accepts(targetArn: string): boolean {
    return targetArn.split(':')[2] === 'logs';
  }

  async deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
    const logs = this.logs();
    if (!logs) return { ok: false, retryable: true, errorCode: 'INTERNAL_ERROR', errorMessage: 'CloudWatch Logs is not running in this Bosun.' };
    const arn = parseLogGroupTargetArn(request.targetArn);
    if (!arn) return { ok: false, retryable: false, errorCode: 'INVALID_PARAMETER', errorMessage: `Invalid log group ARN: ${request.targetArn}` };
    try {
      await logs.putLogEvents({ ...arn, streamName: request.eventId, events: [logEventOf(request, this.now())] });
      return { ok: true };
    } catch (e) {
      if (isAwsError(e)) {
        if (e.code === 'ResourceNotFoundException') return { ok: false, retryable: false, errorCode: 'NO_RESOURCE', errorMessage: e.message };
        if (e.status >= 500 || e.code === 'ThrottlingException') return { ok: false, retryable: true, errorCode: 'THROTTLING', errorMessage: e.message };
        return { ok: false, retryable: false, errorCode: 'INVALID_PARAMETER', errorMessage: `${e.code}: ${e.message}` };
      }
      return { ok: false, retryable: true, errorCode: 'SDK_CLIENT_ERROR', errorMessage: e instanceof Error ? e.message : String(e) };
    }
  }
}
