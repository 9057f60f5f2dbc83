import type { Logger } from 'pino';
import type { Clock, IdSource } from '../core/index.js';
import type { Storage } from '../storage/index.js';
import type { BusCatalog } from './catalog.js';
import { buildEnvelope } from './envelope.js';
import { nextFire, parseSchedule, planTick } from './schedule-expression.js';
import { isEnabled, tables, type RuleRecord, type ScheduleState } from './records.js';
import { Mutex } from './mutex.js';
import { Signal } from './signal.js';

export interface SchedulerOptions {
  storage: Storage;
  catalog: BusCatalog;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  /** Called after ticks were journaled. */
  onTicks: () => void;
  /** A tick later than this (after a pause or restart) is skipped rather than fired. */
  graceMs: number;
  /** Longest sleep between looks (clock changes, new rules). */
  maxSleepMs: number;
}

/**
 * Scheduled rules (`rate(…)`, `cron(…)`): at each tick, AWS's `Scheduled Event` goes into the
 * journal on the rule's own stream (so it reaches only that rule's targets), together with the
 * rule's next tick time in the same commit — a crash neither loses nor doubles a tick.
 */
export class Scheduler {
  private readonly states = new Map<string, ScheduleState>();
  private readonly signal = new Signal();
  private loop: Promise<void> | undefined;
  private stopping = false;
  /** Ticks and rule changes never interleave, so a tick cannot write back a schedule just replaced. */
  private readonly lock = new Mutex();

  constructor(private readonly o: SchedulerOptions) {}

  /** Load tick state and reconcile it with the rules (new scheduled rules, deleted ones). */
  async load(): Promise<void> {
    for (const item of await this.o.storage.metadata.list<ScheduleState>(tables.schedules)) this.states.set(item.key, item.value);
    for (const rule of this.o.catalog.allRules()) await this.ruleChanged(rule);
    for (const arn of [...this.states.keys()]) if (!this.o.catalog.rule(arn)) await this.ruleRemoved(arn);
  }

  /** A rule was created or changed: start, restart or stop its schedule. */
  ruleChanged(rule: RuleRecord): Promise<void> {
    return this.lock.run(() => this.apply(rule));
  }

  private async apply(rule: RuleRecord): Promise<void> {
    const current = this.states.get(rule.arn);
    const schedule = rule.scheduleExpression !== undefined && isEnabled(rule.state) ? parseSchedule(rule.scheduleExpression) : undefined;
    if (!schedule || rule.scheduleExpression === undefined) {
      if (current) await this.remove(rule.arn);
      return;
    }
    if (current?.expression === rule.scheduleExpression) return;
    const now = this.o.clock.now();
    const state: ScheduleState = { ruleArn: rule.arn, expression: rule.scheduleExpression, anchorAt: now, nextFireAt: nextFire(schedule, now, now) };
    await this.o.storage.commit({ writes: [{ op: 'put', table: tables.schedules, key: rule.arn, value: state }] });
    this.states.set(rule.arn, state);
    this.signal.notify();
  }

  ruleRemoved(ruleArn: string): Promise<void> {
    return this.lock.run(() => this.remove(ruleArn));
  }

  private async remove(ruleArn: string): Promise<void> {
    if (!this.states.has(ruleArn)) return;
    await this.o.storage.commit({ writes: [{ op: 'delete', table: tables.schedules, key: ruleArn }] });
    this.states.delete(ruleArn);
  }

  /** Fire every due tick; returns how many events were journaled. */
  runOnce(): Promise<number> {
    return this.lock.run(() => this.tick());
  }

  private async tick(): Promise<number> {
    const now = this.o.clock.now();
    let fired = 0;
    for (const state of [...this.states.values()]) {
      if (state.nextFireAt === undefined || state.nextFireAt > now) continue;
      const rule = this.o.catalog.rule(state.ruleArn);
      const schedule = parseSchedule(state.expression);
      if (!rule || !schedule) continue;
      const plan = planTick(schedule, state.nextFireAt, now, state.anchorAt, this.o.graceMs);
      const next: ScheduleState = { ...state, nextFireAt: plan.nextFireAt };
      const event = buildEnvelope({
        id: this.o.ids.uuid(),
        detailType: 'Scheduled Event',
        source: 'aws.events',
        account: rule.accountId,
        time: plan.tickAt,
        region: rule.region,
        resources: [rule.arn],
        detail: '{}',
      });
      await this.o.storage.commit({
        writes: [{ op: 'put', table: tables.schedules, key: rule.arn, value: next }],
        events: plan.fire ? [{ stream: rule.arn, body: event }] : [],
      });
      this.states.set(rule.arn, next);
      if (plan.skipped > 0) this.o.logger.warn({ ruleArn: rule.arn, skipped: plan.skipped }, 'scheduled rule: ticks missed while Bosun was not running were skipped');
      if (plan.fire) fired++;
    }
    if (fired) this.o.onTicks();
    return fired;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.signal.notify();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.runOnce();
      } catch (e) {
        this.o.logger.error({ err: e }, 'scheduler: tick failed');
      }
      const next = Math.min(...[...this.states.values()].map((s) => s.nextFireAt ?? Infinity));
      const sleep = Math.max(10, Math.min(this.o.maxSleepMs, next - this.o.clock.now()));
      await this.signal.wait(sleep);
    }
  }
}
