import { isAwsError } from '../../errors/index.js';
import { httpContentType } from './delivery-policy.js';
import { toSqsAttributes, type SqsAttribute } from './message-attributes.js';
import type { DeliveryBody, SubscriptionRecord } from './model.js';
import { lambdaEvent, renderNotification, type SignFunction } from './notification.js';

/**
 * Handing one notification to its endpoint. SQS and Lambda are Bosun's own services, reached
 * through narrow interfaces wired in main.ts; HTTP/S endpoints get a POST like SNS sends.
 */

/** What SNS needs from the SQS service (its `SqsQueues`). Throws AwsError `QueueDoesNotExist` for a missing queue. */
export interface SqsQueues {
  sendMessage(
    queueArn: string,
    body: string,
    options?: { messageAttributes?: Record<string, SqsAttribute>; messageGroupId?: string; messageDeduplicationId?: string },
  ): Promise<{ messageId: string; md5OfBody: string }>;
}

/** What SNS needs from a function service: an asynchronous (Event) invocation. */
export interface LambdaInvoker {
  invokeAsync(functionArn: string, payload: string): Promise<void>;
}

export type DeliveryResult = { ok: true } | { ok: false; retryable: boolean; error: string };

export interface EndpointDeps {
  sqs: () => SqsQueues | undefined;
  lambda: () => LambdaInvoker | undefined;
  sign: SignFunction;
  /** Per-attempt timeout for HTTP/S POSTs (SNS waits 15 s). */
  httpTimeoutMs: number;
}

const SQS_CLIENT_ERRORS = new Set(['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'AccessDenied', 'KmsAccessDenied', 'KmsDisabled', 'InvalidParameterValue', 'InvalidMessageContents']);

/** `topicDeliveryPolicy` is the topic's DeliveryPolicy (HTTP/S only: it may set the Content-Type). */
export async function deliverToEndpoint(deps: EndpointDeps, sub: SubscriptionRecord, body: DeliveryBody, topicDeliveryPolicy?: string): Promise<DeliveryResult> {
  const raw = sub.attributes.RawMessageDelivery === 'true';
  switch (sub.protocol) {
    case 'sqs':
      return deliverToSqs(deps, sub, body, raw);
    case 'http':
    case 'https':
      return deliverToHttp(deps, sub, body, raw, httpContentType(topicDeliveryPolicy, sub.attributes.DeliveryPolicy));
    case 'lambda': {
      const lambda = deps.lambda();
      if (!lambda) return { ok: false, retryable: true, error: 'No function service is running in this Bosun.' };
      try {
        await lambda.invokeAsync(sub.endpoint, lambdaEvent(body, deps.sign));
        return { ok: true };
      } catch (e) {
        return classify(e, new Set(['ResourceNotFoundException']));
      }
    }
    default:
      // email, sms, application, firehose: accepted but not delivered by Bosun.
      return { ok: true };
  }
}

async function deliverToSqs(deps: EndpointDeps, sub: SubscriptionRecord, body: DeliveryBody, raw: boolean): Promise<DeliveryResult> {
  const sqs = deps.sqs();
  if (!sqs) return { ok: false, retryable: true, error: 'The SQS service is not running in this Bosun.' };
  const text = renderNotification(body, raw, deps.sign);
  const fifoQueue = sub.endpoint.endsWith('.fifo');
  try {
    await sqs.sendMessage(sub.endpoint, text, {
      messageAttributes: raw && body.type === 'Notification' ? toSqsAttributes(body.messageAttributes) : undefined,
      messageGroupId: fifoQueue ? body.messageGroupId : undefined,
      messageDeduplicationId: fifoQueue ? body.messageDeduplicationId ?? body.messageId : undefined,
    });
    return { ok: true };
  } catch (e) {
    return classify(e, SQS_CLIENT_ERRORS);
  }
}

/** Client-side failures (the endpoint is gone or refuses) are not retried, as SNS does not retry them. */
function classify(e: unknown, clientErrors: ReadonlySet<string>): DeliveryResult {
  if (isAwsError(e)) return { ok: false, retryable: !clientErrors.has(e.code) && (e.status >= 500 || e.status === 429), error: `${e.code}: ${e.message}` };
  return { ok: false, retryable: true, error: e instanceof Error ? e.message : String(e) };
}

async function deliverToHttp(deps: EndpointDeps, sub: SubscriptionRecord, body: DeliveryBody, raw: boolean, contentType: string): Promise<DeliveryResult> {
  const headers: Record<string, string> = {
    'content-type': contentType,
    'user-agent': 'Amazon Simple Notification Service Agent',
    'x-amz-sns-message-type': body.type,
    'x-amz-sns-message-id': body.messageId,
    'x-amz-sns-topic-arn': body.topicArn,
  };
  if (body.type !== 'SubscriptionConfirmation') headers['x-amz-sns-subscription-arn'] = sub.arn;
  if (raw && body.type === 'Notification') headers['x-amz-sns-rawdelivery'] = 'true';
  try {
    const res = await fetch(sub.endpoint, {
      method: 'POST',
      headers,
      body: renderNotification(body, raw, deps.sign),
      signal: AbortSignal.timeout(deps.httpTimeoutMs),
      redirect: 'manual',
    });
    await res.body?.cancel();
    if (res.status >= 200 && res.status < 300) return { ok: true };
    // 5xx and throttling are the endpoint's trouble and retried; other answers are final.
    const retryable = res.status >= 500 || res.status === 429;
    return { ok: false, retryable, error: `HTTP ${res.status}` };
  } catch (e) {
    return { ok: false, retryable: true, error: e instanceof Error ? e.message : String(e) };
  }
}
