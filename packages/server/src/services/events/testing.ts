import { pino } from 'pino';
import { ManualClock, SequentialIds } from '../../core/index.js';
import type { Storage } from '../../storage/index.js';
import { FakeSqs } from '../../bus/testing/fake-sqs.js';
import { MemoryStorage } from '../../bus/testing/memory-storage.js';
import type { RequestContext } from '../provider.js';
import { createEventsService, type EventsService } from './index.js';

/** An events service over in-memory storage, a manual clock and a fake SQS, for specs. */
export interface EventsHarness {
  service: EventsService;
  storage: Storage;
  clock: ManualClock;
  sqs: FakeSqs;
  ctx: RequestContext;
  call<T = Record<string, unknown>>(operation: string, input: Record<string, unknown>): Promise<T>;
  /** Match everything journaled and attempt every due delivery. */
  settle(): Promise<void>;
  /** A fresh service over the same storage (a restart). */
  restart(): Promise<EventsHarness>;
}

export const account = '123456789012';
export const region = 'us-east-1';

export async function eventsHarness(options: { storage?: Storage; clock?: ManualClock; sqs?: FakeSqs; random?: () => number } = {}): Promise<EventsHarness> {
  const clock = options.clock ?? new ManualClock(Date.UTC(2026, 0, 1));
  const storage = options.storage ?? new MemoryStorage(clock);
  const sqs = options.sqs ?? new FakeSqs();
  const service = await createEventsService({
    storage,
    clock,
    ids: new SequentialIds(),
    logger: pino({ level: 'silent' }),
    sqs: () => sqs,
    random: options.random ?? (() => 0.5),
  });
  const ctx: RequestContext = { accountId: account, region, requestId: 'r', baseUrl: 'http://localhost', protocol: 'json' };
  const h: EventsHarness = {
    service,
    storage,
    clock,
    sqs,
    ctx,
    async call<T>(operation: string, input: Record<string, unknown>): Promise<T> {
      const op = service.provider.operations[operation] as ((i: unknown, c: RequestContext) => unknown) | undefined;
      if (!op) throw new Error(`no operation ${operation}`);
      return (await op(input, ctx)) as T;
    },
    async settle() {
      const e = service.engine;
      await e.scheduler.runOnce();
      await e.matcher.drain();
      while ((await e.replayer.runOnce()) > 0) await e.matcher.drain();
      await e.replayer.runOnce();
      await e.matcher.drain();
      await e.worker.runOnce();
      // Cross-bus targets journal again.
      if ((await e.matcher.drain()) > 0) await e.worker.runOnce();
    },
    restart: () => eventsHarness({ storage, clock, sqs, random: options.random }),
  };
  return h;
}
