/**
 * EventBridge's six-field cron (eb-scheduled-rule-pattern): `minutes hours day-of-month month
 * day-of-week year`, UTC. Day-of-month allows `? L W` (`15W` nearest weekday, `L` last day, `LW`
 * last weekday); day-of-week allows `? L #` (`6L` last Friday, `3#2` second Tuesday), 1 = SUN.
 * Exactly one of the two day fields must be `?`.
 */

type DayOfMonth = { kind: 'any' } | { kind: 'set'; days: Set<number> } | { kind: 'last' } | { kind: 'lastWeekday' } | { kind: 'nearestWeekday'; day: number };
type DayOfWeek = { kind: 'any' } | { kind: 'set'; days: Set<number> } | { kind: 'last'; day: number } | { kind: 'nth'; day: number; n: number };

export interface Cron {
  minutes: Set<number>;
  hours: Set<number>;
  dayOfMonth: DayOfMonth;
  months: Set<number>;
  dayOfWeek: DayOfWeek;
  /** undefined = every year. */
  years: Set<number> | undefined;
}

const monthNames = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const dayNames = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function value(text: string, min: number, max: number, names?: string[]): number | undefined {
  const upper = text.toUpperCase();
  const named = names?.indexOf(upper) ?? -1;
  const n = named >= 0 ? named + min : /^\d+$/.test(text) ? Number(text) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

/** A field of `* , - /` items → the set of values, or undefined when malformed. */
function numbers(field: string, min: number, max: number, names?: string[]): Set<number> | undefined {
  const out = new Set<number>();
  for (const item of field.split(',')) {
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined || range === undefined || range === '') return undefined;
    const step = stepText === undefined ? 1 : value(stepText, 1, max);
    if (step === undefined) return undefined;
    let lo: number | undefined;
    let hi: number | undefined;
    if (range === '*') [lo, hi] = [min, max];
    else if (range.includes('-')) {
      const [a, b, more] = range.split('-');
      if (more !== undefined || a === undefined || b === undefined) return undefined;
      [lo, hi] = [value(a, min, max, names), value(b, min, max, names)];
    } else {
      lo = value(range, min, max, names);
      hi = stepText === undefined ? lo : max;
    }
    if (lo === undefined || hi === undefined || lo > hi) return undefined;
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

function dayOfMonth(field: string): DayOfMonth | undefined {
  if (field === '?') return { kind: 'any' };
  if (field === 'L') return { kind: 'last' };
  if (field === 'LW') return { kind: 'lastWeekday' };
  const w = /^(\d{1,2})W$/.exec(field);
  if (w) {
    const day = value(w[1] ?? '', 1, 31);
    return day === undefined ? undefined : { kind: 'nearestWeekday', day };
  }
  const days = numbers(field, 1, 31);
  return days && { kind: 'set', days };
}

function dayOfWeek(field: string): DayOfWeek | undefined {
  if (field === '?') return { kind: 'any' };
  // `L` alone is the last day of the week: Saturday.
  if (field === 'L') return { kind: 'set', days: new Set([7]) };
  const last = /^([A-Za-z]{3}|\d)L$/.exec(field);
  if (last) {
    const day = value(last[1] ?? '', 1, 7, dayNames);
    return day === undefined ? undefined : { kind: 'last', day };
  }
  const nth = /^([A-Za-z]{3}|\d)#(\d)$/.exec(field);
  if (nth) {
    const day = value(nth[1] ?? '', 1, 7, dayNames);
    const n = Number(nth[2]);
    return day === undefined || n < 1 || n > 5 ? undefined : { kind: 'nth', day, n };
  }
  const days = numbers(field, 1, 7, dayNames);
  return days && { kind: 'set', days };
}

/** Parse the inside of `cron(...)`; undefined when EventBridge would reject it. */
export function parseCron(body: string): Cron | undefined {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) return undefined;
  const [mi, h, dom, mo, dow, y] = fields as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) return undefined;
  const minutes = numbers(mi, 0, 59);
  const hours = numbers(h, 0, 23);
  const months = numbers(mo, 1, 12, monthNames);
  const years = y === '*' ? undefined : numbers(y, 1970, 2199);
  const dm = dayOfMonth(dom);
  const dw = dayOfWeek(dow);
  if (!minutes || !hours || !months || (y !== '*' && !years) || !dm || !dw) return undefined;
  return { minutes, hours, dayOfMonth: dm, months, dayOfWeek: dw, years };
}

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

function weekday(year: number, month0: number, day: number): number {
  return new Date(Date.UTC(year, month0, day)).getUTCDay();
}

/** The weekday (Mon–Fri) nearest to `day`, never leaving the month (Quartz/EventBridge `W`). */
function nearestWeekday(year: number, month0: number, day: number): number {
  const last = daysInMonth(year, month0);
  const d = Math.min(day, last);
  const wd = weekday(year, month0, d);
  if (wd === 6) return d === 1 ? 3 : d - 1;
  if (wd === 0) return d === last ? d - 2 : d + 1;
  return d;
}

function dayMatches(c: Cron, year: number, month0: number, day: number): boolean {
  const last = daysInMonth(year, month0);
  const wd = weekday(year, month0, day) + 1;
  const dm = c.dayOfMonth;
  switch (dm.kind) {
    case 'set':
      return dm.days.has(day);
    case 'last':
      return day === last;
    case 'lastWeekday':
      return day === nearestWeekday(year, month0, last);
    case 'nearestWeekday':
      return day === nearestWeekday(year, month0, dm.day);
    case 'any':
      break;
  }
  const dw = c.dayOfWeek;
  switch (dw.kind) {
    case 'set':
      return dw.days.has(wd);
    case 'last':
      return wd === dw.day && day + 7 > last;
    case 'nth':
      return wd === dw.day && Math.ceil(day / 7) === dw.n;
    case 'any':
      return true;
  }
}

/** The first firing strictly after `afterMs` (UTC, minute precision), or undefined if none (years ran out). */
export function nextCron(c: Cron, afterMs: number): number | undefined {
  const start = new Date(Math.floor(afterMs / 60_000) * 60_000 + 60_000);
  let year = start.getUTCFullYear();
  let month0 = start.getUTCMonth();
  let day = start.getUTCDate();
  let minuteOfDay = start.getUTCHours() * 60 + start.getUTCMinutes();
  for (let guard = 0; guard < 100_000 && year <= 2199; guard++) {
    if (c.years && !c.years.has(year)) {
      [year, month0, day, minuteOfDay] = [year + 1, 0, 1, 0];
      continue;
    }
    if (!c.months.has(month0 + 1)) {
      [month0, day, minuteOfDay] = [month0 + 1, 1, 0];
      if (month0 > 11) [year, month0] = [year + 1, 0];
      continue;
    }
    if (day > daysInMonth(year, month0)) {
      [month0, day, minuteOfDay] = [month0 + 1, 1, 0];
      if (month0 > 11) [year, month0] = [year + 1, 0];
      continue;
    }
    if (dayMatches(c, year, month0, day)) {
      for (let m = minuteOfDay; m < 1440; m++) {
        if (c.hours.has(Math.floor(m / 60)) && c.minutes.has(m % 60)) return Date.UTC(year, month0, day, Math.floor(m / 60), m % 60);
      }
    }
    [day, minuteOfDay] = [day + 1, 0];
  }
  return undefined;
}
