import type { Logger } from 'pino';
import type { Clock } from '../../core/index.js';
import type { Delivery, Storage } from '../../storage/index.js';
import { effectiveHttpPolicy, MANAGED_ENDPOINT_RETRY_POLICY, retryDelaySeconds } from './delivery-policy.js';
import { deliverToEndpoint, type DeliveryResult, type EndpointDeps } from './endpoints.js';
import { DEDUPLICATION, DELIVERY_QUEUE, SUBSCRIPTIONS, TOPICS, type DedupRecord, type DeliveryBody, type SubscriptionRecord, type TopicRecord } from './model.js';
import { renderNotification } from './notification.js';

export interface DeliveryWorkerOptions {
  storage: Storage;
  clock: Clock;
  logger: Logger;
  endpoints: EndpointDeps;
  /** Deliveries leased per round (and run concurrently, one subscription's in order). */
  batchSize: number;
  /** How long a leased delivery stays invisible; more than the HTTP timeout. */
  leaseMs: number;
  /** Longest sleep between rounds when nothing is due (new work wakes the worker at once). */
  idleMs: number;
}

export const defaultWorkerSettings = { batchSize: 32, leaseMs: 60_000, idleMs: 1_000 } as const;

/**
 * Drains SNS's durable delivery queue: each notification is rendered, signed and handed to its
 * endpoint; success acknowledges it, failure reschedules it per the subscription's delivery
 * policy, and an exhausted (or client-side) failure goes to the subscription's dead-letter queue
 * or is dropped. A crash mid-delivery leaves the lease to run out: at-least-once.
 */
export class SnsDeliveryWorker {
  private running = false;
  private loop: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private wakeUp: (() => void) | undefined;
  private dirty = false;
  private lastSweep = 0;
  /** Deliveries being worked on, each ending in its ack (or reschedule). */
  private readonly inFlight = new Set<Promise<void>>();
  /** FIFO subscriptions get their deliveries one after another, in queue order. */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly o: DeliveryWorkerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stop leasing, let deliveries in flight finish; pending ones stay queued for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.all(this.inFlight);
  }

  wake(): void {
    this.dirty = true;
    if (this.timer) clearTimeout(this.timer);
    this.wakeUp?.();
  }

  /**
   * Keeps up to batchSize deliveries in flight: a slow HTTP endpoint holds one slot for at most
   * its timeout, and the others go on. Finishing a delivery wakes the loop to lease the next.
   */
  private async run(): Promise<void> {
    while (this.running) {
      this.dirty = false;
      let started = 0;
      try {
        const room = this.o.batchSize - this.inFlight.size;
        if (room > 0) started = await this.startDue(room);
        await this.sweepDeduplication();
      } catch (e) {
        this.o.logger.error({ err: e }, 'sns delivery worker: lease failed');
      }
      if (!this.running) break;
      if (started > 0 && this.inFlight.size < this.o.batchSize) continue;
      await this.sleep();
    }
  }

  private async startDue(room: number): Promise<number> {
    const leased = await this.o.storage.deliveries.lease({ queue: DELIVERY_QUEUE, limit: room, now: this.o.clock.now(), leaseMs: this.o.leaseMs });
    for (const d of leased) this.track(d);
    return leased.length;
  }

  private track(d: Delivery): void {
    const subscriptionArn = typeof d.meta.subscriptionArn === 'string' ? d.meta.subscriptionArn : '';
    const ordered = subscriptionArn.includes('.fifo:');
    const before = ordered ? this.chains.get(subscriptionArn) : undefined;
    const work: Promise<void> = (before ?? Promise.resolve())
      .then(() => this.handle(d))
      .then(async (done) => {
        if (done) await this.o.storage.commit({ acks: [d.id] });
      })
      .catch((e: unknown) => this.o.logger.error({ err: e, deliveryId: d.id }, 'sns delivery failed unexpectedly; it will be retried after its lease'))
      .finally(() => {
        this.inFlight.delete(work);
        if (this.chains.get(subscriptionArn) === work) this.chains.delete(subscriptionArn);
        this.wake();
      });
    this.inFlight.add(work);
    if (ordered) this.chains.set(subscriptionArn, work);
  }

  private async sleep(): Promise<void> {
    let wait = this.o.idleMs;
    try {
      const next = await this.o.storage.deliveries.nextDue(DELIVERY_QUEUE);
      if (next !== undefined) wait = Math.max(0, Math.min(wait, next - this.o.clock.now()));
    } catch {
      // fall back to the idle wait
    }
    await new Promise<void>((resolve) => {
      if (this.dirty || !this.running) return resolve();
      this.wakeUp = resolve;
      this.timer = setTimeout(resolve, wait);
    });
    this.wakeUp = undefined;
  }

  /** One round, all awaited (tests and tools): lease what is due and deliver it. Returns how many were leased. */
  async runOnce(): Promise<number> {
    const n = await this.startDue(this.o.batchSize);
    await Promise.all(this.inFlight);
    return n;
  }

  /** Delivers one; true when it is finished (delivered, dead-lettered or dropped) and can be acknowledged. */
  private async handle(d: Delivery): Promise<boolean> {
    let body: DeliveryBody;
    try {
      body = JSON.parse(d.body) as DeliveryBody;
    } catch {
      this.o.logger.error({ deliveryId: d.id }, 'sns delivery: unreadable body dropped');
      return true;
    }
    const log = { deliveryId: d.id, messageId: body.messageId, subscriptionArn: body.subscriptionArn, attempt: d.attempts };
    const sub = body.endpoint ? { value: farewellTarget(body, body.endpoint) } : await this.o.storage.metadata.get<SubscriptionRecord>(SUBSCRIPTIONS, body.subscriptionArn);
    if (!sub) {
      this.o.logger.info(log, 'sns delivery: subscription gone, dropped');
      return true;
    }
    const http = sub.value.protocol === 'http' || sub.value.protocol === 'https';
    const topicPolicy = http ? (await this.o.storage.metadata.get<TopicRecord>(TOPICS, sub.value.topicArn))?.value.attributes.DeliveryPolicy : undefined;
    const result = await deliverToEndpoint(this.o.endpoints, sub.value, body, topicPolicy);
    if (result.ok) {
      this.o.logger.debug(log, 'sns delivered');
      return true;
    }
    const policy = http ? effectiveHttpPolicy(topicPolicy, sub.value.attributes.DeliveryPolicy) : MANAGED_ENDPOINT_RETRY_POLICY;
    const delay = result.retryable ? retryDelaySeconds(policy, d.attempts) : undefined;
    if (delay !== undefined) {
      await this.o.storage.deliveries.reschedule(d.id, this.o.clock.now() + delay * 1000, result.error);
      this.o.logger.warn({ ...log, error: result.error, retryInSeconds: delay }, 'sns delivery failed; will retry');
      return false;
    }
    await this.deadLetter(sub.value, body, result, log);
    return true;
  }

  /** The subscription's RedrivePolicy queue gets what the endpoint would have; without one the message is lost, as on AWS. */
  private async deadLetter(sub: SubscriptionRecord, body: DeliveryBody, result: Extract<DeliveryResult, { ok: false }>, log: Record<string, unknown>): Promise<void> {
    const target = parseRedriveTarget(sub.attributes.RedrivePolicy);
    const sqs = this.o.endpoints.sqs();
    if (!target || !sqs || body.type !== 'Notification') {
      this.o.logger.warn({ ...log, error: result.error }, 'sns delivery failed for good; message dropped');
      return;
    }
    try {
      const raw = sub.attributes.RawMessageDelivery === 'true';
      const fifo = target.endsWith('.fifo');
      await sqs.sendMessage(target, renderNotification(body, raw, this.o.endpoints.sign), {
        messageGroupId: fifo ? body.messageGroupId : undefined,
        messageDeduplicationId: fifo ? body.messageDeduplicationId ?? body.messageId : undefined,
      });
      this.o.logger.warn({ ...log, error: result.error, deadLetterTargetArn: target }, 'sns delivery failed for good; sent to dead-letter queue');
    } catch (e) {
      this.o.logger.error({ ...log, err: e, deadLetterTargetArn: target }, 'sns dead-letter queue refused the message; dropped');
    }
  }

  /** FIFO deduplication records outlive their five minutes only until the next sweep (once a minute). */
  private async sweepDeduplication(): Promise<void> {
    const now = this.o.clock.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    const items = await this.o.storage.metadata.list<DedupRecord>(DEDUPLICATION, { limit: 1000 });
    const expired = items.filter((i) => i.value.expiresAt <= now);
    if (expired.length) {
      await this.o.storage.commit({ writes: expired.map((i) => ({ op: 'delete' as const, table: DEDUPLICATION, key: i.key, ifVersion: i.version })) }).catch(() => undefined);
    }
  }
}

export function parseRedriveTarget(policy: string | undefined): string | undefined {
  if (!policy) return undefined;
  try {
    const v = (JSON.parse(policy) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The deleted subscription an UnsubscribeConfirmation goes to, as far as delivering needs it. */
function farewellTarget(body: DeliveryBody, endpoint: NonNullable<DeliveryBody['endpoint']>): SubscriptionRecord {
  return {
    arn: body.subscriptionArn,
    topicArn: body.topicArn,
    owner: '',
    protocol: endpoint.protocol,
    endpoint: endpoint.url,
    attributes: {},
    pendingConfirmation: false,
    confirmationWasAuthenticated: false,
    createdAt: body.timestamp,
  };
}
