import { isAwsError } from '../errors/index.js';
import type { DeliveryOutcome, DeliveryRequest, Target } from './target.js';

/**
 * What the bus needs from the SNS service: publish one message to a topic named by ARN. The SNS
 * service's `SnsTopics` has this shape; it throws the AwsError Publish would (NotFound for a
 * missing topic, InvalidParameter for a message SNS refuses).
 */
export interface SnsPublisher {
  publish(
    topicArn: string,
    entry: { Message: string; MessageGroupId?: string; MessageDeduplicationId?: string },
  ): Promise<{ messageId: string; sequenceNumber?: string }>;
}

/** Classify a failed publish as EventBridge does: missing topic, refusal or bad payload go to the DLQ at once. */
export function classifySnsError(e: unknown): Extract<DeliveryOutcome, { ok: false }> {
  if (isAwsError(e)) {
    if (e.code === 'NotFound') return { ok: false, retryable: false, errorCode: 'NO_RESOURCE', errorMessage: e.message || 'Topic does not exist' };
    if (e.code === 'AuthorizationError' || e.code.startsWith('KMS')) return { ok: false, retryable: false, errorCode: 'NO_PERMISSIONS', errorMessage: e.message };
    if (e.code === 'Throttled' || e.status >= 500) return { ok: false, retryable: true, errorCode: e.status >= 500 ? 'INTERNAL_ERROR' : 'THROTTLING', errorMessage: e.message };
    return { ok: false, retryable: false, errorCode: 'INVALID_PARAMETER', errorMessage: `${e.code}: ${e.message}` };
  }
  return { ok: false, retryable: true, errorCode: 'SDK_CLIENT_ERROR', errorMessage: e instanceof Error ? e.message : String(e) };
}

/**
 * SNS topic targets (`arn:aws:sns:…`): the event (or the transformer's output) is published as the
 * message. For a FIFO topic, SqsParameters.MessageGroupId names the group and the event id
 * deduplicates, as EventBridge does for FIFO queues.
 */
export class SnsTopicTarget implements Target {
  readonly kind = 'sns';

  /** `sns` is resolved per delivery so the SNS service can be wired after the bus is built. */
  constructor(private readonly sns: () => SnsPublisher | undefined) {}

  accepts(targetArn: string): boolean {
    return targetArn.split(':')[2] === 'sns';
  }

  async deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
    const sns = this.sns();
    if (!sns) return { ok: false, retryable: true, errorCode: 'INTERNAL_ERROR', errorMessage: 'The SNS service is not running in this Bosun.' };
    const fifo = request.targetArn.endsWith('.fifo');
    const params = request.target.SqsParameters as { MessageGroupId?: unknown } | undefined;
    const group = typeof params?.MessageGroupId === 'string' ? params.MessageGroupId : undefined;
    try {
      await sns.publish(request.targetArn, {
        Message: request.input,
        MessageGroupId: fifo ? group : undefined,
        MessageDeduplicationId: fifo ? request.eventId : undefined,
      });
      return { ok: true };
    } catch (e) {
      return classifySnsError(e);
    }
  }
}
