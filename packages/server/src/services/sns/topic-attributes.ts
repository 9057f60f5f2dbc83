import { effectiveDeliveryPolicyDocument } from './delivery-policy.js';
import type { SubscriptionRecord, TopicRecord } from './model.js';

/**
 * Topic attributes: which ones a caller may set, how values are checked, and the full map
 * GetTopicAttributes reports (defaults, counts and the caller's settings). Check functions return
 * SNS's detail text (without `Invalid parameter: `) or undefined. Pure.
 */

const FEEDBACK = ['HTTP', 'Firehose', 'Lambda', 'SQS', 'Application'].flatMap((p) => [
  `${p}SuccessFeedbackRoleArn`,
  `${p}FailureFeedbackRoleArn`,
  `${p}SuccessFeedbackSampleRate`,
]);

export const SETTABLE_TOPIC_ATTRIBUTES = new Set([
  'DeliveryPolicy',
  'DisplayName',
  'Policy',
  'TracingConfig',
  'KmsMasterKeyId',
  'SignatureVersion',
  'ContentBasedDeduplication',
  'ArchivePolicy',
  'FifoThroughputScope',
  'DataProtectionPolicy',
  ...FEEDBACK,
]);

function isJsonObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** Checks one attribute; `creating` allows FifoTopic (CreateTopic only). */
export function checkTopicAttribute(name: string, value: string, fifo: boolean, creating: boolean): string | undefined {
  if (name === 'FifoTopic') {
    if (!creating) return 'AttributeName';
    return value === 'true' || value === 'false' ? undefined : 'FifoTopic';
  }
  if (!SETTABLE_TOPIC_ATTRIBUTES.has(name)) return 'AttributeName';
  switch (name) {
    case 'SignatureVersion':
      return value === '1' || value === '2' ? undefined : 'SignatureVersion';
    case 'TracingConfig':
      return value === 'Active' || value === 'PassThrough' ? undefined : 'TracingConfig';
    case 'DisplayName':
      return [...value].length <= 100 ? undefined : 'DisplayName';
    case 'Policy':
    case 'DeliveryPolicy':
    case 'ArchivePolicy':
    case 'DataProtectionPolicy':
      return value === '' || isJsonObject(value) ? undefined : `${name}: failed to parse JSON.`;
    case 'ContentBasedDeduplication':
      if (!fifo) return 'ContentBasedDeduplication Reason: Content based deduplication can only be set for FIFO topics';
      return value === 'true' || value === 'false' ? undefined : 'ContentBasedDeduplication';
    case 'FifoThroughputScope':
      if (!fifo) return 'FifoThroughputScope Reason: FifoThroughputScope can only be set for FIFO topics';
      return value === 'Topic' || value === 'MessageGroup' ? undefined : 'FifoThroughputScope';
    default:
      if (name.endsWith('SampleRate')) return /^(100|[1-9]?\d)$/.test(value) ? undefined : name;
      return undefined;
  }
}

export function defaultTopicPolicy(topicArn: string, accountId: string): string {
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'SNS:GetTopicAttributes',
          'SNS:SetTopicAttributes',
          'SNS:AddPermission',
          'SNS:RemovePermission',
          'SNS:DeleteTopic',
          'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic',
          'SNS:Publish',
        ],
        Resource: topicArn,
        Condition: { StringEquals: { 'AWS:SourceOwner': accountId } },
      },
    ],
  });
}

/** Attributes as stored at creation: FifoTopic is implied by the name, `false` is not kept. */
export function normaliseCreateAttributes(attributes: Record<string, string>, fifo: boolean): Record<string, string> {
  const out = { ...attributes };
  delete out.FifoTopic;
  if (fifo && out.ContentBasedDeduplication === undefined) out.ContentBasedDeduplication = 'false';
  return out;
}

/** Everything GetTopicAttributes returns. */
export function renderTopicAttributes(topic: TopicRecord, subscriptions: readonly SubscriptionRecord[]): Record<string, string> {
  const pending = subscriptions.filter((s) => s.pendingConfirmation).length;
  const out: Record<string, string> = {
    Policy: defaultTopicPolicy(topic.arn, topic.accountId),
    Owner: topic.accountId,
    SubscriptionsPending: String(pending),
    TopicArn: topic.arn,
    EffectiveDeliveryPolicy: effectiveDeliveryPolicyDocument(topic.attributes.DeliveryPolicy),
    SubscriptionsConfirmed: String(subscriptions.length - pending),
    DisplayName: '',
    SubscriptionsDeleted: '0',
  };
  if (topic.fifo) {
    out.FifoTopic = 'true';
    out.ContentBasedDeduplication = 'false';
  }
  for (const [k, v] of Object.entries(topic.attributes)) {
    if (k === 'Policy' && v === '') continue;
    out[k] = v;
  }
  return out;
}
