import type { Logger } from 'pino';
import type { Clock } from '../core/index.js';
import type { Delivery } from '../storage/index.js';
import type { DeliveryOutcome, Target } from '../targets/index.js';
import type { SqsSender } from '../targets/sqs.js';
import { Deadlines } from './deadline.js';
import { LogThrottle } from './log-throttle.js';
import { decideRetry, retrySettings, type BackoffShape, type ExhaustedCondition } from './backoff.js';
import type { BusCatalog } from './catalog.js';
import { deadLetterAttributes } from './dead-letter.js';
import { renderTargetInput } from './input.js';
import type { BusMetrics } from './metrics.js';
import { deliveryMeta, type DeliveryMeta, type RuleRecord, type Target as TargetEntry } from './records.js';

/**
 * One attempt at one delivery: find the rule's target as it is now, build its input, hand it to
 * the target kind, and decide — acknowledge, retry later, or dead-letter — by the outcome and the
 * target's RetryPolicy. Never throws: every failure becomes a decision.
 */

export interface AttemptDeps {
  catalog: BusCatalog;
  /** Target kinds, most specific first; the last one should accept every ARN. */
  targets: readonly Target[];
  metrics: BusMetrics;
  clock: Clock;
  random: () => number;
  logger: Logger;
  /** For dead-letter queues. */
  sqs: () => SqsSender | undefined;
  attemptTimeoutMs: number;
  backoff?: BackoffShape;
}

export type AttemptResult = { kind: 'ack' } | { kind: 'retry'; at: number; error: string };

const ack: AttemptResult = { kind: 'ack' };

const deadlines = new Deadlines();
const failureLogs = new LogThrottle();

function withTimeout(p: Promise<DeliveryOutcome>, ms: number): Promise<DeliveryOutcome> {
  return deadlines.race(p, ms, () => ({ ok: false, retryable: true, errorCode: 'TIMEOUT', errorMessage: `The target did not answer within ${ms} ms.` }));
}

/** Build the target's input and hand it over; every failure becomes an outcome. */
async function invoke(d: Delivery, rule: RuleRecord, target: TargetEntry, meta: DeliveryMeta, deps: AttemptDeps): Promise<DeliveryOutcome> {
  let input: string;
  try {
    input = renderTargetInput(d.body, target, rule, meta.ingestedAt);
  } catch (e) {
    // The event cannot be shaped for this target; retrying will not change that.
    return { ok: false, retryable: false, errorCode: 'INVALID_JSON', errorMessage: `The target input could not be built: ${e instanceof Error ? e.message : String(e)}` };
  }
  const kind = deps.targets.find((t) => t.accepts(target.Arn));
  if (!kind) return { ok: false, retryable: false, errorCode: 'UNKNOWN', errorMessage: `No target kind serves ${target.Arn}.` };
  try {
    const request = { targetArn: target.Arn, target: { ...target }, input, event: d.body, eventId: meta.eventId, ruleArn: rule.arn, accountId: rule.accountId, region: rule.region };
    return await withTimeout(kind.deliver(request), deps.attemptTimeoutMs);
  } catch (e) {
    // A target bug, not the event's fault: worth another try.
    return { ok: false, retryable: true, errorCode: 'INTERNAL_ERROR', errorMessage: e instanceof Error ? e.message : String(e) };
  }
}

export async function attemptDelivery(leased: Delivery, deps: AttemptDeps): Promise<AttemptResult> {
  const meta = deliveryMeta(leased.meta);
  // Attempts count the matcher's direct attempt too, so RetryPolicy limits hold across both.
  const d = meta?.priorAttempts ? { ...leased, attempts: leased.attempts + meta.priorAttempts } : leased;
  const rule = meta && deps.catalog.rule(meta.ruleArn);
  const target = meta && rule?.targets.find((t) => t.Id === meta.targetId);
  // The rule or target was removed after the event matched: AWS drops such deliveries too.
  if (!meta || !rule || !target) return ack;
  const series = deps.metrics.target(rule.arn, target.Id, target.Arn);
  series.counters.InvocationAttempts++;
  if (d.attempts > 1) series.counters.RetryInvocationAttempts++;

  const outcome = await invoke(d, rule, target, meta, deps);

  const now = deps.clock.now();
  if (outcome.ok) {
    series.counters.SuccessfulInvocationAttempts++;
    series.counters.Invocations++;
    series.latencyMsSum += Math.max(0, now - meta.ingestedAt);
    series.latencyCount++;
    series.lastSuccessAt = now;
    deps.logger.debug({ eventId: meta.eventId, ruleArn: rule.arn, targetId: target.Id, attempts: d.attempts }, 'event delivered');
    return ack;
  }
  series.lastError = { at: now, errorCode: outcome.errorCode, errorMessage: outcome.errorMessage, eventId: meta.eventId, attempts: d.attempts };
  let exhausted: ExhaustedCondition | undefined;
  if (outcome.retryable) {
    const decision = decideRetry({ attempts: d.attempts, ingestedAt: meta.ingestedAt, now, settings: retrySettings(target.RetryPolicy), random: deps.random(), shape: deps.backoff });
    if (decision.retry) {
      deps.logger.debug({ eventId: meta.eventId, ruleArn: rule.arn, targetId: target.Id, attempts: d.attempts, retryAt: decision.at, errorCode: outcome.errorCode }, 'delivery failed, will retry');
      return { kind: 'retry', at: decision.at, error: `${outcome.errorCode}: ${outcome.errorMessage}` };
    }
    exhausted = decision.condition;
  }
  series.counters.Invocations++;
  series.counters.FailedInvocations++;
  await deadLetter(d, rule, target, { ...outcome, exhausted }, deps);
  return ack;
}

async function deadLetter(
  d: Delivery,
  rule: RuleRecord,
  target: TargetEntry,
  failure: { errorCode: string; errorMessage: string; exhausted?: ExhaustedCondition },
  deps: AttemptDeps,
): Promise<void> {
  const series = deps.metrics.target(rule.arn, target.Id, target.Arn);
  const log = { eventId: String(d.meta.eventId), ruleArn: rule.arn, targetId: target.Id, targetArn: target.Arn, attempts: d.attempts, errorCode: failure.errorCode, errorMessage: failure.errorMessage, exhausted: failure.exhausted };
  const dlq = target.DeadLetterConfig?.Arn;
  const suppressed = failureLogs.admit(`${rule.arn}#${target.Id}`, deps.clock.now());
  if (!dlq) {
    series.counters.InvocationsDropped++;
    if (suppressed !== undefined) deps.logger.warn({ ...log, similarSinceLastLine: suppressed }, 'event dropped: delivery failed and the target has no dead-letter queue');
    return;
  }
  const sqs = deps.sqs();
  try {
    if (!sqs) throw new Error('The SQS service is not running in this Bosun.');
    const attrs = deadLetterAttributes({ ruleArn: rule.arn, targetArn: target.Arn, errorCode: failure.errorCode, errorMessage: failure.errorMessage, attempts: d.attempts, exhausted: failure.exhausted });
    await sqs.sendMessage(dlq, d.body, { messageAttributes: attrs });
    series.counters.InvocationsSentToDlq++;
    if (suppressed !== undefined) deps.logger.warn({ ...log, deadLetterQueue: dlq, similarSinceLastLine: suppressed }, 'event sent to dead-letter queue');
  } catch (e) {
    series.counters.InvocationsFailedToBeSentToDlq++;
    if (suppressed !== undefined) deps.logger.error({ ...log, deadLetterQueue: dlq, dlqError: e instanceof Error ? e.message : String(e), similarSinceLastLine: suppressed }, 'event dropped: could not be sent to the dead-letter queue');
  }
}
