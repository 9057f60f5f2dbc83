import { isAwsError } from '../errors/index.js';
import type { DeliveryOutcome, DeliveryRequest, Target } from './target.js';

/** An SQS message attribute as the SQS API takes it. */
export interface SqsMessageAttribute {
  DataType: string;
  StringValue?: string;
}

/**
 * What the bus needs from the SQS service: put one message on a queue named by ARN. The SQS
 * provider's `SqsQueues` has this shape; it throws AwsError `QueueDoesNotExist` for a missing queue.
 */
export interface SqsSender {
  sendMessage(
    queueArn: string,
    body: string,
    options?: { messageAttributes?: Record<string, SqsMessageAttribute>; messageGroupId?: string; messageDeduplicationId?: string },
  ): Promise<{ messageId: string; md5OfBody: string }>;
}

const missing = new Set(['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'ResourceNotFoundException']);
const denied = new Set(['AccessDenied', 'AccessDeniedException', 'KmsAccessDenied', 'KmsDisabled']);
const throttled = new Set(['ThrottlingException', 'RequestThrottled', 'Throttling', 'OverLimit']);

/**
 * Classify an SQS failure the way EventBridge does: a queue that is gone, access denied or a
 * rejected message cannot succeed by retrying (straight to the DLQ); throttling and server
 * errors are retried.
 */
export function classifySqsError(e: unknown): Extract<DeliveryOutcome, { ok: false }> {
  if (isAwsError(e)) {
    if (missing.has(e.code)) return { ok: false, retryable: false, errorCode: 'NO_RESOURCE', errorMessage: e.message || 'The specified queue does not exist.' };
    if (denied.has(e.code)) return { ok: false, retryable: false, errorCode: 'NO_PERMISSIONS', errorMessage: e.message };
    if (throttled.has(e.code)) return { ok: false, retryable: true, errorCode: 'THROTTLING', errorMessage: e.message };
    if (e.status >= 500) return { ok: false, retryable: true, errorCode: 'INTERNAL_ERROR', errorMessage: e.message };
    return { ok: false, retryable: false, errorCode: 'INVALID_PARAMETER', errorMessage: `${e.code}: ${e.message}` };
  }
  return { ok: false, retryable: true, errorCode: 'SDK_CLIENT_ERROR', errorMessage: e instanceof Error ? e.message : String(e) };
}

/** SQS queue targets (`arn:aws:sqs:…`): the input becomes the message body; SqsParameters.MessageGroupId for FIFO queues. */
export class SqsTarget implements Target {
  readonly kind = 'sqs';

  /** `sqs` is resolved per delivery so the SQS service can be wired after the bus is built. */
  constructor(private readonly sqs: () => SqsSender | undefined) {}

  accepts(targetArn: string): boolean {
    return targetArn.split(':')[2] === 'sqs';
  }

  async deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
    const sqs = this.sqs();
    if (!sqs) return { ok: false, retryable: true, errorCode: 'INTERNAL_ERROR', errorMessage: 'The SQS service is not running in this Bosun.' };
    const params = request.target.SqsParameters as { MessageGroupId?: unknown } | undefined;
    const groupId = typeof params?.MessageGroupId === 'string' ? params.MessageGroupId : undefined;
    try {
      await sqs.sendMessage(request.targetArn, request.input, groupId !== undefined ? { messageGroupId: groupId } : {});
      return { ok: true };
    } catch (e) {
      return classifySqsError(e);
    }
  }
}
