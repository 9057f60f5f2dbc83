/**
 * SNS delivery retry policies (https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html):
 * four phases — immediate retries, pre-backoff at the minimum delay, backoff from minimum to
 * maximum delay, post-backoff at the maximum. AWS-managed endpoints (SQS, Lambda, Firehose) use a
 * fixed policy of 100,015 attempts over 23 days; HTTP/S uses the subscription's or topic's
 * DeliveryPolicy (default: 3 retries, 20 s apart). Pure.
 */

export type BackoffFunction = 'linear' | 'arithmetic' | 'geometric' | 'exponential';

export interface HealthyRetryPolicy {
  minDelayTarget: number;
  maxDelayTarget: number;
  numRetries: number;
  numNoDelayRetries: number;
  numMinDelayRetries: number;
  numMaxDelayRetries: number;
  backoffFunction: BackoffFunction;
}

/** The default for HTTP/S endpoints. */
export const DEFAULT_HTTP_RETRY_POLICY: HealthyRetryPolicy = {
  minDelayTarget: 20,
  maxDelayTarget: 20,
  numRetries: 3,
  numNoDelayRetries: 0,
  numMinDelayRetries: 0,
  numMaxDelayRetries: 0,
  backoffFunction: 'linear',
};

/** SQS, Lambda, Firehose: 3 immediate, 2 at 1 s, 10 backing off 1→20 s, 100,000 at 20 s (the phases AWS lists; it quotes 100,015 attempts in all). */
export const MANAGED_ENDPOINT_RETRY_POLICY: HealthyRetryPolicy = {
  minDelayTarget: 1,
  maxDelayTarget: 20,
  numRetries: 100_015,
  numNoDelayRetries: 3,
  numMinDelayRetries: 2,
  numMaxDelayRetries: 100_000,
  backoffFunction: 'exponential',
};

/** The HTTP/S policy's documented bounds. */
export const HTTP_POLICY_LIMITS = { maxRetries: 100, maxDelay: 3600 } as const;

/**
 * Seconds to wait before retry number `retry` (1-based: the first retry after the first failed
 * attempt), or undefined when the policy is exhausted.
 */
export function retryDelaySeconds(policy: HealthyRetryPolicy, retry: number): number | undefined {
  if (retry < 1 || retry > policy.numRetries) return undefined;
  const min = policy.minDelayTarget;
  const max = Math.max(policy.maxDelayTarget, min);
  if (retry <= policy.numNoDelayRetries) return 0;
  let r = retry - policy.numNoDelayRetries;
  if (r <= policy.numMinDelayRetries) return min;
  r -= policy.numMinDelayRetries;
  const backoffRetries = Math.max(policy.numRetries - policy.numNoDelayRetries - policy.numMinDelayRetries - policy.numMaxDelayRetries, 0);
  if (r > backoffRetries) return max;
  return backoff(policy.backoffFunction, min, max, r, backoffRetries);
}

/** Delay for step `i` of `n` (1-based) rising from `min` to `max`. */
function backoff(fn: BackoffFunction, min: number, max: number, i: number, n: number): number {
  if (n <= 1) return max;
  const t = (i - 1) / (n - 1);
  switch (fn) {
    case 'linear':
    case 'arithmetic':
      return round(min + (max - min) * t);
    case 'geometric':
    case 'exponential': {
      const lo = Math.max(min, 1);
      return round(lo * Math.pow(max / lo, t));
    }
  }
}

const round = (s: number): number => Math.round(s * 1000) / 1000;

/**
 * The effective HTTP/S retry policy: the subscription's DeliveryPolicy.healthyRetryPolicy, else
 * the topic's DeliveryPolicy.http.defaultHealthyRetryPolicy (unless it disables overrides), else
 * the default. Malformed documents count as absent (they were validated when set).
 */
export function effectiveHttpPolicy(topicPolicy: string | undefined, subscriptionPolicy: string | undefined): HealthyRetryPolicy {
  const topic = parse(topicPolicy)?.http;
  const fromTopic = asPolicy(record(topic)?.defaultHealthyRetryPolicy);
  const overridesDisabled = record(topic)?.disableSubscriptionOverrides === true;
  const fromSubscription = overridesDisabled ? undefined : asPolicy(parse(subscriptionPolicy)?.healthyRetryPolicy);
  return fromSubscription ?? fromTopic ?? DEFAULT_HTTP_RETRY_POLICY;
}

function parse(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    return record(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function asPolicy(v: unknown): HealthyRetryPolicy | undefined {
  const r = record(v);
  if (!r) return undefined;
  const num = (k: keyof HealthyRetryPolicy, d: number): number => (typeof r[k] === 'number' ? (r[k] as number) : d);
  const fn = r.backoffFunction;
  return {
    minDelayTarget: num('minDelayTarget', DEFAULT_HTTP_RETRY_POLICY.minDelayTarget),
    maxDelayTarget: num('maxDelayTarget', DEFAULT_HTTP_RETRY_POLICY.maxDelayTarget),
    numRetries: num('numRetries', DEFAULT_HTTP_RETRY_POLICY.numRetries),
    numNoDelayRetries: num('numNoDelayRetries', 0),
    numMinDelayRetries: num('numMinDelayRetries', 0),
    numMaxDelayRetries: num('numMaxDelayRetries', 0),
    backoffFunction: fn === 'arithmetic' || fn === 'geometric' || fn === 'exponential' ? fn : 'linear',
  };
}

/** The HTTP/S DeliveryPolicy a topic reports as EffectiveDeliveryPolicy. */
export function effectiveDeliveryPolicyDocument(topicPolicy: string | undefined): string {
  const p = effectiveHttpPolicy(topicPolicy, undefined);
  const topic = record(parse(topicPolicy)?.http);
  return JSON.stringify({
    http: {
      defaultHealthyRetryPolicy: p,
      disableSubscriptionOverrides: topic?.disableSubscriptionOverrides === true,
      defaultRequestPolicy: record(topic?.defaultRequestPolicy) ?? { headerContentType: 'text/plain; charset=UTF-8' },
    },
  });
}

/** The Content-Type an HTTP/S delivery uses (DeliveryPolicy requestPolicy.headerContentType). */
export function httpContentType(topicPolicy: string | undefined, subscriptionPolicy: string | undefined): string {
  const sub = record(parse(subscriptionPolicy)?.requestPolicy)?.headerContentType;
  const topic = record(record(parse(topicPolicy)?.http)?.defaultRequestPolicy)?.headerContentType;
  return typeof sub === 'string' ? sub : typeof topic === 'string' ? topic : 'text/plain; charset=UTF-8';
}
