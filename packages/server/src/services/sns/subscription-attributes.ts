import { splitArn } from './arn.js';
import { effectiveHttpPolicy, HTTP_POLICY_LIMITS } from './delivery-policy.js';
import { FILTER_POLICY_SCOPES, FilterPolicyError, validateFilterPolicy, type FilterPolicyScope } from './filter-policy.js';
import type { SubscriptionProtocol, SubscriptionRecord, TopicRecord } from './model.js';

/**
 * Subscription attributes: what Subscribe and SetSubscriptionAttributes accept, and the map
 * GetSubscriptionAttributes reports. Checks return SNS's detail text (what follows
 * `Invalid parameter: ` — Subscribe adds `Attributes Reason: `) or undefined. Pure.
 */

export const SUBSCRIPTION_ATTRIBUTES = new Set([
  'DeliveryPolicy',
  'FilterPolicy',
  'FilterPolicyScope',
  'RawMessageDelivery',
  'RedrivePolicy',
  'SubscriptionRoleArn',
  'ReplayPolicy',
]);

const RAW_PROTOCOLS = new Set<SubscriptionProtocol>(['sqs', 'http', 'https', 'firehose']);

export interface SubscriptionShape {
  protocol: SubscriptionProtocol;
  endpoint: string;
  topicArn: string;
}

/** The policy scope a subscription's attributes imply (MessageAttributes by default). */
export function scopeOf(attributes: Record<string, string>): FilterPolicyScope {
  return attributes.FilterPolicyScope === 'MessageBody' ? 'MessageBody' : 'MessageAttributes';
}

/**
 * Checks a whole attribute map as it would be after the change (so FilterPolicy is validated
 * against the scope that will apply). `changed` lists the attributes being set.
 */
export function checkSubscriptionAttributes(sub: SubscriptionShape, attributes: Record<string, string>, changed: readonly string[]): string | undefined {
  for (const name of changed) {
    if (!SUBSCRIPTION_ATTRIBUTES.has(name)) return 'AttributeName';
    const problem = checkOne(sub, name, attributes[name] ?? '');
    if (problem) return problem;
  }
  if (changed.includes('FilterPolicy') || changed.includes('FilterPolicyScope')) {
    const policy = attributes.FilterPolicy;
    if (policy) {
      try {
        validateFilterPolicy(policy, scopeOf(attributes));
      } catch (e) {
        if (e instanceof FilterPolicyError) return e.detail;
        throw e;
      }
    }
  }
  return undefined;
}

function checkOne(sub: SubscriptionShape, name: string, value: string): string | undefined {
  switch (name) {
    case 'RawMessageDelivery':
      if (!RAW_PROTOCOLS.has(sub.protocol)) return `Delivery protocol [${sub.protocol}] does not support raw message delivery.`;
      return /^(true|false)$/i.test(value) ? undefined : `RawMessageDelivery: Invalid value [${value}]. Must be true or false.`;
    case 'FilterPolicyScope':
      return (FILTER_POLICY_SCOPES as readonly string[]).includes(value)
        ? undefined
        : `FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`;
    case 'RedrivePolicy':
      return checkRedrivePolicy(sub, value);
    case 'DeliveryPolicy':
      return checkDeliveryPolicy(sub, value);
    default:
      return undefined;
  }
}

function checkRedrivePolicy(sub: SubscriptionShape, value: string): string | undefined {
  if (value === '') return undefined;
  let target: unknown;
  try {
    target = (JSON.parse(value) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn;
  } catch {
    return 'RedrivePolicy: failed to parse JSON.';
  }
  const arn = typeof target === 'string' ? splitArn(target) : undefined;
  if (!arn) return 'RedrivePolicy: deadLetterTargetArn is an invalid arn';
  if (arn.service !== 'sqs') return 'RedrivePolicy: deadLetterTargetArn must be an SQS queue ARN';
  if (sub.topicArn.endsWith('.fifo') && sub.endpoint.endsWith('.fifo') && !arn.resource.endsWith('.fifo')) {
    return 'RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic.';
  }
  return undefined;
}

function checkDeliveryPolicy(sub: SubscriptionShape, value: string): string | undefined {
  if (value === '') return undefined;
  try {
    JSON.parse(value);
  } catch {
    return 'DeliveryPolicy: failed to parse JSON.';
  }
  if (sub.protocol !== 'http' && sub.protocol !== 'https') return undefined;
  const p = effectiveHttpPolicy(undefined, value);
  if (p.numRetries > HTTP_POLICY_LIMITS.maxRetries || p.numRetries < 0) return 'DeliveryPolicy: numRetries must be between 0 and 100';
  if (p.minDelayTarget > p.maxDelayTarget) return 'DeliveryPolicy: minDelayTarget must be less than or equal to maxDelayTarget';
  if (p.maxDelayTarget > HTTP_POLICY_LIMITS.maxDelay) return 'DeliveryPolicy: maxDelayTarget must be less than or equal to 3600';
  return undefined;
}

/** Normalises values as SNS stores them (RawMessageDelivery in lower case). */
export function normaliseSubscriptionAttribute(name: string, value: string): string {
  return name === 'RawMessageDelivery' ? value.toLowerCase() : value;
}

/** Everything GetSubscriptionAttributes returns. */
export function renderSubscriptionAttributes(sub: SubscriptionRecord, topic: TopicRecord | undefined): Record<string, string> {
  const out: Record<string, string> = {
    Owner: sub.owner,
    RawMessageDelivery: 'false',
    TopicArn: sub.topicArn,
    Endpoint: sub.endpoint,
    Protocol: sub.protocol,
    PendingConfirmation: String(sub.pendingConfirmation),
    ConfirmationWasAuthenticated: String(sub.confirmationWasAuthenticated),
    SubscriptionArn: sub.arn,
    SubscriptionPrincipal: `arn:aws:iam::${sub.owner}:root`,
  };
  if (sub.protocol === 'http' || sub.protocol === 'https') {
    out.EffectiveDeliveryPolicy = JSON.stringify({ healthyRetryPolicy: effectiveHttpPolicy(topic?.attributes.DeliveryPolicy, sub.attributes.DeliveryPolicy) });
  }
  for (const [k, v] of Object.entries(sub.attributes)) if (v !== '') out[k] = v;
  if (sub.attributes.FilterPolicy) out.FilterPolicyScope = scopeOf(sub.attributes);
  else delete out.FilterPolicyScope;
  return out;
}
