import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { ManualClock, SequentialIds } from '../../core/index.js';
import { openEmbeddedStorage, type Storage } from '../../storage/index.js';
import type { RequestContext } from '../provider.js';
import { createLogsService, type LogsService } from './index.js';

/** A logs service over the embedded backend in a temp dir and a manual clock, for specs. */
export interface LogsHarness {
  service: LogsService;
  storage: Storage;
  clock: ManualClock;
  ctx: RequestContext;
  call<T = Record<string, unknown>>(operation: string, input: Record<string, unknown>): Promise<T>;
  dispose(): Promise<void>;
}

export async function logsHarness(): Promise<LogsHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'bosun-logs-'));
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const ids = new SequentialIds();
  const storage = await openEmbeddedStorage({ dataDir: dir, clock, ids });
  const service = createLogsService({ storage, clock, ids, logger: pino({ level: 'silent' }) });
  const ctx: RequestContext = { accountId: '123456789012', region: 'us-east-1', requestId: 'r', baseUrl: 'http://localhost', protocol: 'json' };
  return {
    service,
    storage,
    clock,
    ctx,
    async call<T>(operation: string, input: Record<string, unknown>): Promise<T> {
      const op = service.provider.operations[operation] as ((i: unknown, c: RequestContext) => unknown) | undefined;
      if (!op) throw new Error(`no operation ${operation}`);
      return (await op(input, ctx)) as T;
    },
    async dispose() {
      await service.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
