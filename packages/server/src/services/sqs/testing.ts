import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, SequentialIds } from '../../core/index.js';
import { openEmbeddedStorage, type Storage } from '../../storage/index.js';
import type { RequestContext } from '../provider.js';
import { createSqsService, type SqsService } from './index.js';

/** An SQS service over a real embedded storage in a temp dir, with a manual clock, for specs. */
export interface SqsHarness {
  service: SqsService;
  storage: Storage;
  clock: ManualClock;
  ctx: RequestContext;
  call<T = Record<string, unknown>>(operation: string, input: object, protocol?: RequestContext['protocol']): Promise<T>;
  /** The failure of a call, which must fail. */
  failure(operation: string, input: object, protocol?: RequestContext['protocol']): Promise<{ code: string; queryCode?: string; message: string }>;
  /** Stop the service and storage and start both again over the same data. */
  restart(): Promise<SqsHarness>;
  dispose(): Promise<void>;
}

export const account = '123456789012';
export const region = 'us-east-1';
export const base = 'http://localhost:4566';

export async function sqsHarness(options: { dir?: string; clock?: ManualClock } = {}): Promise<SqsHarness> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'bosun-sqs-'));
  const clock = options.clock ?? new ManualClock(Date.UTC(2026, 0, 1));
  const ids = new SequentialIds();
  const storage = await openEmbeddedStorage({ dataDir: dir, clock, ids });
  const service = createSqsService({ storage, clock, ids, sweepIntervalMs: 60_000 });
  await service.ready;
  const ctx: RequestContext = { accountId: account, region, requestId: 'r', baseUrl: base, protocol: 'json' };
  const call = async <T>(operation: string, input: object, protocol: RequestContext['protocol'] = 'json'): Promise<T> => {
    const handler = service.provider.operations[operation] as ((i: unknown, c: RequestContext) => unknown) | undefined;
    if (!handler) throw new Error(`no operation ${operation}`);
    return ((await handler(input, { ...ctx, protocol })) ?? {}) as T;
  };
  const close = async () => {
    await service.close();
    await storage.close();
  };
  return {
    service,
    storage,
    clock,
    ctx,
    call,
    failure: async (operation, input, protocol) => {
      try {
        await call(operation, input, protocol);
      } catch (e) {
        const err = e as { code: string; queryCode?: string; message: string };
        return { code: err.code, queryCode: err.queryCode, message: err.message };
      }
      throw new Error(`${operation} succeeded but was expected to fail`);
    },
    restart: async () => {
      await close();
      return sqsHarness({ dir, clock });
    },
    dispose: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const urlOf = (name: string) => `${base}/${account}/${name}`;
export const arnOf = (name: string) => `arn:aws:sqs:${region}:${account}:${name}`;
