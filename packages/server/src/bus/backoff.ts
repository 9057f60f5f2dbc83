import type { RetryPolicy } from '../wire/models/events.types.js';

/**
 * When to try a failed delivery again. EventBridge retries "with exponential back off and jitter"
 * for up to 185 attempts or 24 hours by default (eb-rule-dlq); whichever limit comes first ends it.
 */

export const defaultRetryPolicy = { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400 } as const;

export interface RetrySettings {
  maximumRetryAttempts: number;
  maximumEventAgeMs: number;
}

export function retrySettings(policy: RetryPolicy | undefined): RetrySettings {
  return {
    maximumRetryAttempts: policy?.MaximumRetryAttempts ?? defaultRetryPolicy.maximumRetryAttempts,
    maximumEventAgeMs: (policy?.MaximumEventAgeInSeconds ?? defaultRetryPolicy.maximumEventAgeSeconds) * 1000,
  };
}

export interface BackoffShape {
  /** Delay before the first retry, before jitter. */
  baseMs: number;
  /** Largest delay, before jitter. */
  capMs: number;
}

export const defaultBackoff: BackoffShape = { baseMs: 1000, capMs: 300_000 };

/**
 * Delay before retry number `retry` (1-based): exponential, capped, with "equal jitter" — half
 * fixed, half random — so retries of many events spread out but never come back immediately.
 */
export function backoffDelay(retry: number, random: number, shape: BackoffShape = defaultBackoff): number {
  const exp = Math.min(shape.capMs, shape.baseMs * 2 ** Math.min(30, Math.max(0, retry - 1)));
  return Math.round(exp / 2 + (exp / 2) * Math.min(1, Math.max(0, random)));
}

export type ExhaustedCondition = 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds';

export type RetryDecision = { retry: true; at: number } | { retry: false; condition: ExhaustedCondition };

export interface FailedAttempt {
  /** Attempts made so far, the failed one included. */
  attempts: number;
  /** When the bus accepted the event. */
  ingestedAt: number;
  now: number;
  settings: RetrySettings;
  /** A number in [0, 1) for jitter. */
  random: number;
  shape?: BackoffShape;
}

/** Retry later, or give up (dead-letter) and say which limit ran out, as DLQ messages report it. */
export function decideRetry(f: FailedAttempt): RetryDecision {
  if (f.attempts - 1 >= f.settings.maximumRetryAttempts) return { retry: false, condition: 'MaximumRetryAttempts' };
  const at = f.now + backoffDelay(f.attempts, f.random, f.shape);
  if (at - f.ingestedAt > f.settings.maximumEventAgeMs) return { retry: false, condition: 'MaximumEventAgeInSeconds' };
  return { retry: true, at };
}
