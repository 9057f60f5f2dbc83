import type { DeliveryOutcome, DeliveryRequest, Target } from './target.js';

export interface EventBusTargetDeps {
  /** Whether the bus exists (a stored bus, or a default bus). */
  busExists(busArn: string): boolean;
  /** Whether `accountId` may put events on the bus: same account, or allowed by the bus policy. */
  mayPutEvents(busArn: string, accountId: string): boolean;
  /** Append the event to the bus's journal stream; resolves once durable. */
  append(busArn: string, event: string): Promise<void>;
}

function looksLikeEvent(text: string): boolean {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    return typeof v === 'object' && v !== null && typeof v['detail-type'] === 'string' && typeof v.source === 'string' && 'detail' in v;
  } catch {
    return false;
  }
}

/**
 * Another event bus as a target (`arn:aws:events:…:event-bus/<name>`): the event goes into that
 * bus's journal and is matched against its rules, as EventBridge does for bus-to-bus routing.
 */
export class EventBusTarget implements Target {
  readonly kind = 'events';

  constructor(private readonly deps: EventBusTargetDeps) {}

  accepts(targetArn: string): boolean {
    const parts = targetArn.split(':');
    return parts[2] === 'events' && (parts[5] ?? '').startsWith('event-bus/');
  }

  async deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
    const bus = request.targetArn;
    if (!this.deps.busExists(bus)) return { ok: false, retryable: false, errorCode: 'NO_RESOURCE', errorMessage: `Event bus ${bus.split('/').pop()} does not exist.` };
    if (!this.deps.mayPutEvents(bus, request.accountId)) {
      return { ok: false, retryable: false, errorCode: 'NO_PERMISSIONS', errorMessage: `Account ${request.accountId} is not authorized to put events on ${bus}.` };
    }
    // The bus receives an event: the original one unless a transformer produced another envelope.
    const event = request.input === request.event || looksLikeEvent(request.input) ? request.input : undefined;
    if (event === undefined) {
      return { ok: false, retryable: false, errorCode: 'INVALID_JSON', errorMessage: 'The input for an event bus target must be an event (version, id, detail-type, source, detail).' };
    }
    try {
      await this.deps.append(bus, event);
      return { ok: true };
    } catch (e) {
      return { ok: false, retryable: true, errorCode: 'INTERNAL_ERROR', errorMessage: e instanceof Error ? e.message : String(e) };
    }
  }
}
