import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { ManualClock, SequentialIds } from '../../core/index.js';
import { openEmbeddedStorage, type Storage } from '../../storage/index.js';
import type { RequestContext } from '../provider.js';
import { createKinesisService, type KinesisService, type KinesisServiceDeps } from './index.js';

/** A Kinesis service over the embedded backend in a temp dir and a manual clock, for specs. */
export interface KinesisHarness {
  service: KinesisService;
  storage: Storage;
  clock: ManualClock;
  ctx: RequestContext;
  call<T = Record<string, unknown>>(operation: string, input: Record<string, unknown>): Promise<T>;
  /** A new service over the same storage (a restart). */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export async function kinesisHarness(options: Pick<KinesisServiceDeps, 'throughput' | 'settings'> = {}): Promise<KinesisHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'bosun-kinesis-'));
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const ids = new SequentialIds();
  const storage = await openEmbeddedStorage({ dataDir: dir, clock, ids });
  const make = () => createKinesisService({ storage, clock, ids, logger: pino({ level: 'silent' }), ...options });
  const ctx: RequestContext = { accountId: '123456789012', region: 'us-east-1', requestId: 'r', baseUrl: 'http://localhost', protocol: 'json' };
  const h: KinesisHarness = {
    service: await make(),
    storage,
    clock,
    ctx,
    async call<T>(operation: string, input: Record<string, unknown>): Promise<T> {
      const op = h.service.provider.operations[operation] as ((i: unknown, c: RequestContext) => unknown) | undefined;
      if (!op) throw new Error(`no operation ${operation}`);
      return (await op(input, ctx)) as T;
    },
    async restart() {
      await h.service.close();
      h.service = await make();
    },
    async dispose() {
      await h.service.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
