import type { Logger } from 'pino';
import type { Clock, IdSource } from '../core/index.js';
import type { Storage } from '../storage/interfaces.js';
import type { RegistryContext, RegistryOptions } from './context.js';
import { RegistryCredentials } from './credentials.js';
import { collectGarbage, type GcOptions } from './gc.js';
import { applyAllLifecyclePolicies } from './lifecycle-runner.js';
import { SharedExclusiveLock } from './lock.js';

export interface RegistrySettings extends RegistryOptions {
  tokenTtlSeconds: number;
  gc: GcOptions & { intervalMs: number };
  lifecycleIntervalMs: number;
}

/** The `registry` section of Bosun's configuration. */
export interface RegistryConfig {
  createOnPush: boolean;
  tokenTtlSeconds: number;
  gcIntervalSeconds: number;
  gcGraceSeconds: number;
  uploadTtlSeconds: number;
  lifecycleIntervalSeconds: number;
}

export function registrySettings(c: RegistryConfig): RegistrySettings {
  return {
    createOnPush: c.createOnPush,
    tokenTtlSeconds: c.tokenTtlSeconds,
    gc: { intervalMs: c.gcIntervalSeconds * 1000, graceMs: c.gcGraceSeconds * 1000, uploadTtlMs: c.uploadTtlSeconds * 1000, lockTimeoutMs: 30_000 },
    lifecycleIntervalMs: c.lifecycleIntervalSeconds * 1000,
  };
}

/**
 * The registry as a running thing: its context (storage, clock, ids, the push/collector lock), its
 * token authority, and the background work — garbage collection and lifecycle policies — on
 * bounded, stoppable timers. Operations themselves are the functions in this folder.
 */
export class Registry {
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<Promise<unknown>>();

  private constructor(
    readonly context: RegistryContext,
    readonly credentials: RegistryCredentials,
    private readonly settings: RegistrySettings,
    private readonly log?: Logger,
  ) {}

  static async open(deps: { storage: Storage; clock: Clock; ids: IdSource; logger?: Logger }, settings: RegistrySettings): Promise<Registry> {
    const context: RegistryContext = { storage: deps.storage, clock: deps.clock, ids: deps.ids, lock: new SharedExclusiveLock(), options: { createOnPush: settings.createOnPush } };
    const credentials = await RegistryCredentials.open(deps.storage, deps.clock, deps.ids, settings.tokenTtlSeconds);
    return new Registry(context, credentials, settings, deps.logger?.child({ component: 'registry' }));
  }

  /** Start the collector and the lifecycle evaluator (0 ms intervals leave them off). */
  startBackgroundWork(): void {
    if (this.settings.gc.intervalMs > 0) this.every(this.settings.gc.intervalMs, () => this.collectGarbage());
    if (this.settings.lifecycleIntervalMs > 0) this.every(this.settings.lifecycleIntervalMs, () => this.applyLifecyclePolicies());
  }

  async collectGarbage(): Promise<void> {
    const report = await collectGarbage(this.context, this.settings.gc);
    if (report.blobsDeleted || report.uploadsAborted || report.linksDropped || report.skipped) this.log?.info(report, 'registry garbage collected');
  }

  async applyLifecyclePolicies(): Promise<void> {
    const expired = await applyAllLifecyclePolicies(this.context);
    if (expired) this.log?.info({ expired }, 'lifecycle policies expired images');
  }

  /** Stop timers and wait for a round in progress. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.allSettled([...this.running]);
  }

  private every(ms: number, work: () => Promise<void>): void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      const p = work()
        .catch((err: unknown) => this.log?.error({ err }, 'registry background work failed'))
        .finally(() => {
          busy = false;
          this.running.delete(p);
        });
      this.running.add(p);
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
