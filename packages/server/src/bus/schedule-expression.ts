import { nextCron, parseCron, type Cron } from './cron.js';

/**
 * `rate(value unit)` and `cron(…)` schedule expressions (eb-scheduled-rule-pattern). A rate's unit
 * must be singular for 1 and plural otherwise (`rate(1 hour)`, `rate(5 minutes)`), as AWS checks.
 */
export type Schedule = { kind: 'rate'; periodMs: number } | { kind: 'cron'; cron: Cron };

const units: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export function parseSchedule(expression: string): Schedule | undefined {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2] ?? '';
    const singular = !unit.endsWith('s');
    if (n < 1 || (n === 1) !== singular) return undefined;
    return { kind: 'rate', periodMs: n * (units[singular ? unit : unit.slice(0, -1)] ?? 0) };
  }
  const cron = /^cron\((.*)\)$/.exec(expression.trim());
  if (cron) {
    const parsed = parseCron(cron[1] ?? '');
    return parsed && { kind: 'cron', cron: parsed };
  }
  return undefined;
}

/**
 * The next firing after `afterMs`. A rate counts from `anchorMs` (when the schedule started), so
 * its ticks stay on the same grid across restarts.
 */
export function nextFire(schedule: Schedule, afterMs: number, anchorMs: number): number | undefined {
  if (schedule.kind === 'cron') return nextCron(schedule.cron, afterMs);
  const p = schedule.periodMs;
  const n = Math.floor((afterMs - anchorMs) / p) + 1;
  return anchorMs + Math.max(1, n) * p;
}

export interface TickPlan {
  /** Fire now (at most once), or not. */
  fire: boolean;
  /** The tick fired (the latest one due). */
  tickAt: number;
  /** The next time to look again. */
  nextFireAt: number | undefined;
  /** Ticks that passed while Bosun was down and are not fired. */
  skipped: number;
}

/**
 * What to do when the scheduler looks at a rule whose tick was due at `dueAt`. A tick that is
 * only a little late (within `graceMs`) fires; ticks missed during downtime are skipped, not
 * replayed — EventBridge does not send a storm of catch-up events — and the schedule resumes at
 * its next future tick.
 */
export function planTick(schedule: Schedule, dueAt: number, now: number, anchorMs: number, graceMs: number): TickPlan {
  if (now < dueAt) return { fire: false, tickAt: dueAt, nextFireAt: dueAt, skipped: 0 };
  let skipped = 0;
  let latest = dueAt;
  // Count the ticks between dueAt and now (bounded: a schedule fires at most once a minute).
  for (let t = nextFire(schedule, dueAt, anchorMs); t !== undefined && t <= now && skipped < 1_000_000; t = nextFire(schedule, t, anchorMs)) {
    skipped++;
    latest = t;
  }
  const fire = now - latest <= graceMs;
  return { fire, tickAt: latest, nextFireAt: nextFire(schedule, now, anchorMs), skipped: fire ? skipped : skipped + 1 };
}
