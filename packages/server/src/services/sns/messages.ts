import type { NewDelivery } from '../../storage/index.js';
import type { SnsContext } from './context.js';
import { confirmationMessage, unsubscribeConfirmationMessage } from './envelope.js';
import { invalidParam } from './errors.js';
import { scopeOf } from './subscription-attributes.js';
import { DELIVERY_QUEUE, type DeliveryBody, type NotificationAttribute, type SubscriptionRecord, type TopicRecord } from './model.js';

/** A message accepted by Publish (or handed on by an EventBridge rule), before fan-out. */
export interface PublishedMessage {
  messageId: string;
  /** The Message parameter, or the per-protocol map when MessageStructure is `json`. */
  message: string | Record<string, string>;
  subject?: string;
  attributes?: Record<string, NotificationAttribute>;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  sequenceNumber?: string;
  timestamp: number;
  baseUrl: string;
}

/**
 * MessageStructure=json: a JSON object with a `default` string and optional per-protocol strings;
 * non-string members are ignored, as SNS ignores them.
 */
export function parseStructuredMessage(message: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParam('Message Structure - JSON message body failed to parse');
  }
  const out: Record<string, string> = {};
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') out[k] = v;
  }
  if (out.default === undefined) throw invalidParam('Message Structure - No default entry in JSON message body');
  return out;
}

export function messageFor(message: PublishedMessage['message'], protocol: string): string {
  return typeof message === 'string' ? message : message[protocol] ?? message.default;
}

function delivery(body: DeliveryBody): NewDelivery {
  return { queue: DELIVERY_QUEUE, body: JSON.stringify(body), meta: { subscriptionArn: body.subscriptionArn, messageId: body.messageId } };
}

/** One delivery per confirmed subscription whose filter policy accepts the message. */
export function notificationDeliveries(ctx: SnsContext, topic: TopicRecord, subs: readonly SubscriptionRecord[], msg: PublishedMessage): NewDelivery[] {
  const active = subs.filter((s) => !s.pendingConfirmation);
  const accepted = ctx.matcher.accepted(
    active.map((s) => ({ policy: s.attributes.FilterPolicy, scope: scopeOf(s.attributes), message: messageFor(msg.message, s.protocol) })),
    msg.attributes,
  );
  return accepted.map((i) => {
    const sub = active[i];
    return delivery({
      type: 'Notification',
      subscriptionArn: sub.arn,
      topicArn: topic.arn,
      messageId: msg.messageId,
      message: messageFor(msg.message, sub.protocol),
      subject: msg.subject,
      timestamp: msg.timestamp,
      messageAttributes: msg.attributes,
      messageGroupId: msg.messageGroupId,
      messageDeduplicationId: msg.messageDeduplicationId,
      sequenceNumber: msg.sequenceNumber,
      signatureVersion: topic.attributes.SignatureVersion ?? '1',
      baseUrl: msg.baseUrl,
    });
  });
}

export function confirmationDelivery(ctx: SnsContext, topic: TopicRecord, sub: SubscriptionRecord, baseUrl: string): NewDelivery {
  return delivery({
    type: 'SubscriptionConfirmation',
    subscriptionArn: sub.arn,
    topicArn: topic.arn,
    messageId: ctx.ids.uuid(),
    message: confirmationMessage(topic.arn),
    timestamp: ctx.clock.now(),
    signatureVersion: topic.attributes.SignatureVersion ?? '1',
    baseUrl,
    token: sub.token,
  });
}

/** Sent to an HTTP/S endpoint after its subscription is deleted (its SubscribeURL would resubscribe). */
export function unsubscribeConfirmationDelivery(ctx: SnsContext, topic: TopicRecord | undefined, sub: SubscriptionRecord, baseUrl: string): NewDelivery {
  return delivery({
    type: 'UnsubscribeConfirmation',
    subscriptionArn: sub.arn,
    topicArn: sub.topicArn,
    messageId: ctx.ids.uuid(),
    message: unsubscribeConfirmationMessage(sub.arn),
    timestamp: ctx.clock.now(),
    signatureVersion: topic?.attributes.SignatureVersion ?? '1',
    baseUrl,
    token: ctx.ids.hex(128),
    endpoint: { protocol: sub.protocol, url: sub.endpoint },
  });
}
