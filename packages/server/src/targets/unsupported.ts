import type { DeliveryOutcome, DeliveryRequest, Target } from './target.js';

/**
 * The target of last resort: PutTargets stores targets of every kind AWS has, but until a kind
 * has its own implementation its deliveries fail — visibly (metrics, last error, DLQ with the
 * reason) and never silently.
 */
export class UnsupportedTarget implements Target {
  readonly kind = 'unsupported';

  accepts(): boolean {
    return true;
  }

  async deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
    const service = request.targetArn.split(':')[2] || 'unknown';
    return {
      ok: false,
      retryable: false,
      errorCode: 'UNKNOWN',
      errorMessage: `Bosun does not deliver to ${service} targets yet; the event was not delivered to ${request.targetArn}.`,
    };
  }
}
