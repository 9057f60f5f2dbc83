import { isAwsError } from '../errors/index.js';
import type { DeliveryOutcome, DeliveryRequest, Target } from './target.js';

/** An SQS message attribute as the SQS API takes it. */
export interface SqsMessageAttribute {
  DataType: string;
  StringValue?: string;
}

export interface SqsSendOptions {
  messageAttributes?: Record<string, SqsMessageAttribute>;
  messageGroupId?: string;
  messageDeduplicationId?: string;
}

export type SqsSendResult = { messageId: string; md5OfBody: string };

/**
 * What the bus needs from the SQS service: put messages on a queue named by ARN. The SQS
 * provider's `SqsQueues` has this shape; it throws AwsError `QueueDoesNotExist` for a missing
 * queue. `sendMessageBatch`, when offered, stores several messages in one commit (each entry
 * succeeds or fails on its own); the SQS target then sends what it has for a queue together.
 */
export interface SqsSender {
  sendMessage(queueArn: string, body: string, options?: SqsSendOptions): Promise<SqsSendResult>;
  sendMessageBatch?(queueArn: string, entries: ({ body: string } & SqsSendOptions)[]): Promise<(SqsSendResult | Error)[]>;
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

interface Pending {
  body: string;
  options: SqsSendOptions;
  settle: (outcome: DeliveryOutcome) => void;
}

/** Messages for one queue per batch call (SQS's own SendMessageBatch takes 10; this is internal). */
const maxBatch = 100;

/** SQS queue targets (`arn:aws:sqs:…`): the input becomes the message body; SqsParameters.MessageGroupId for FIFO queues. */
export class SqsTarget implements Target {
  readonly kind = 'sqs';
  private readonly pending = new Map<string, Pending[]>();

  /** `sqs` is resolved per delivery so the SQS service can be wired after the bus is built. */
  constructor(private readonly sqs: () => SqsSender | undefined) {}

  accepts(targetArn: string): boolean {
    return targetArn.split(':')[2] === 'sqs';
  }

  async deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
    const sqs = this.sqs();
    if (!sqs) return { ok: false, retryable: true, errorCode: 'INTERNAL_ERROR', errorMessage: 'The SQS service is not running in this Bosun.' };
    const params = request.target.SqsParameters as { MessageGroupId?: unknown } | undefined;
    const options: SqsSendOptions = typeof params?.MessageGroupId === 'string' ? { messageGroupId: params.MessageGroupId } : {};
    if (sqs.sendMessageBatch) return this.enqueue(request.targetArn, request.input, options);
    try {
      await sqs.sendMessage(request.targetArn, request.input, options);
      return { ok: true };
    } catch (e) {
      return classifySqsError(e);
    }
  }

  /** Deliveries to one queue started in the same turn go out as one batch (one commit in SQS). */
  private enqueue(queueArn: string, body: string, options: SqsSendOptions): Promise<DeliveryOutcome> {
    return new Promise((settle) => {
      let list = this.pending.get(queueArn);
      if (!list) {
        this.pending.set(queueArn, (list = []));
        queueMicrotask(() => void this.flush(queueArn));
      }
      list.push({ body, options, settle });
    });
  }

  private async flush(queueArn: string): Promise<void> {
    const list = this.pending.get(queueArn) ?? [];
    this.pending.delete(queueArn);
    for (let i = 0; i < list.length; i += maxBatch) {
      const chunk = list.slice(i, i + maxBatch);
      try {
        const sqs = this.sqs();
        if (!sqs?.sendMessageBatch) throw new Error('The SQS service is not running in this Bosun.');
        const results = await sqs.sendMessageBatch(queueArn, chunk.map((p) => ({ body: p.body, ...p.options })));
        chunk.forEach((p, j) => {
          const r = results[j];
          p.settle(r === undefined || r instanceof Error ? classifySqsError(r ?? new Error('no result')) : { ok: true });
        });
      } catch (e) {
        const outcome = classifySqsError(e);
        for (const p of chunk) p.settle(outcome);
      }
    }
  }
}
