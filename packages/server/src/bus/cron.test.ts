import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextCron, parseCron } from './cron.js';
import { nextFire, parseSchedule, planTick } from './schedule-expression.js';

const at = (s: string) => Date.parse(s);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z'));
const next = (expr: string, after: string) => {
  const c = parseCron(expr);
  assert.ok(c, `parses: ${expr}`);
  return iso(nextCron(c, at(after)));
};

test('valid and invalid cron expressions (AWS rules)', () => {
  for (const ok of ['0 10 * * ? *', '15 12 * * ? *', '0 18 ? * MON-FRI *', '0 8 1 * ? *', '0/15 * * * ? *', '0/10 * ? * MON-FRI *', '0/5 8-17 ? * MON-FRI *', '0 9 ? * 2#1 *', '0 0 L * ? *', '0 0 15W * ? *', '0 0 LW * ? *', '0 0 ? * 6L *', '0 0 ? * L *', '5,35 14 * * ? 2026-2030', '0 12 * JAN-MAR ? *']) {
    assert.ok(parseCron(ok), ok);
  }
  for (const bad of ['* * * * *', '0 10 * * * *', '0 10 ? * ? *', '60 * * * ? *', '0 24 * * ? *', '0 0 32 * ? *', '0 0 ? * 8 *', '0 0 * 13 ? *', '0 0 ? * 2#6 *', '0 0 * * ? 1969', '0 0 5-1 * ? *', 'a b c d e f']) {
    assert.equal(parseCron(bad), undefined, bad);
  }
});

test('next firing of common crons', () => {
  assert.equal(next('0 10 * * ? *', '2026-03-01T09:59:00Z'), '2026-03-01T10:00:00Z');
  assert.equal(next('0 10 * * ? *', '2026-03-01T10:00:00Z'), '2026-03-02T10:00:00Z');
  assert.equal(next('0/15 * * * ? *', '2026-03-01T10:07:30Z'), '2026-03-01T10:15:00Z');
  // 2026-03-07 is a Saturday.
  assert.equal(next('0 18 ? * MON-FRI *', '2026-03-06T18:00:00Z'), '2026-03-09T18:00:00Z');
  assert.equal(next('0 12 * JAN-MAR ? *', '2026-03-31T12:00:00Z'), '2027-01-01T12:00:00Z');
  assert.equal(next('5,35 14 * * ? 2026-2030', '2030-12-31T14:35:00Z'), undefined);
});

test('L, W and # in the day fields', () => {
  assert.equal(next('0 0 L * ? *', '2026-02-10T00:00:00Z'), '2026-02-28T00:00:00Z');
  assert.equal(next('0 0 L * ? *', '2028-02-10T00:00:00Z'), '2028-02-29T00:00:00Z');
  // 2026-08-15 is a Saturday → Friday the 14th; 2026-03-01 is a Sunday → Monday the 2nd.
  assert.equal(next('0 0 15W * ? *', '2026-08-01T00:00:00Z'), '2026-08-14T00:00:00Z');
  assert.equal(next('0 0 1W * ? *', '2026-02-20T00:00:00Z'), '2026-03-02T00:00:00Z');
  // 2026-05-31 is a Sunday → last weekday Friday the 29th.
  assert.equal(next('0 0 LW * ? *', '2026-05-01T00:00:00Z'), '2026-05-29T00:00:00Z');
  // Second Tuesday of April 2026 is the 14th; last Friday of April 2026 is the 24th.
  assert.equal(next('0 9 ? * 3#2 *', '2026-04-01T00:00:00Z'), '2026-04-14T09:00:00Z');
  assert.equal(next('0 9 ? * 6L *', '2026-04-01T00:00:00Z'), '2026-04-24T09:00:00Z');
  // L alone in day-of-week is Saturday.
  assert.equal(next('0 9 ? * L *', '2026-04-01T00:00:00Z'), '2026-04-04T09:00:00Z');
});

test('rate expressions need the singular for 1 and the plural otherwise', () => {
  assert.deepEqual(parseSchedule('rate(1 minute)'), { kind: 'rate', periodMs: 60_000 });
  assert.deepEqual(parseSchedule('rate(5 minutes)'), { kind: 'rate', periodMs: 300_000 });
  assert.deepEqual(parseSchedule('rate(2 days)'), { kind: 'rate', periodMs: 172_800_000 });
  for (const bad of ['rate(1 minutes)', 'rate(5 minute)', 'rate(0 minutes)', 'rate(1 week)', 'rate(-1 hours)', 'rate(1.5 hours)', 'cron(0 10 * * *)', 'at(2026-01-01T00:00:00)']) {
    assert.equal(parseSchedule(bad), undefined, bad);
  }
});

test('rate ticks stay on the grid of their anchor', () => {
  const s = parseSchedule('rate(5 minutes)');
  assert.ok(s);
  assert.equal(nextFire(s, 0, 0), 300_000);
  assert.equal(nextFire(s, 299_999, 0), 300_000);
  assert.equal(nextFire(s, 300_000, 0), 600_000);
});

test('missed ticks after downtime are skipped, not replayed', () => {
  const s = parseSchedule('rate(1 minute)');
  assert.ok(s);
  // On time: fire once.
  assert.deepEqual(planTick(s, 60_000, 60_500, 0, 30_000), { fire: true, tickAt: 60_000, nextFireAt: 120_000, skipped: 0 });
  // Down for an hour: no storm, one tick fired at most if the last one is recent, the rest counted.
  const late = planTick(s, 60_000, 3_600_000 + 10_000, 0, 30_000);
  assert.equal(late.fire, true);
  assert.equal(late.nextFireAt, 3_660_000);
  assert.equal(late.skipped, 59);
  const stale = planTick(s, 60_000, 3_600_000 + 50_000, 0, 30_000);
  assert.equal(stale.fire, false);
  assert.equal(stale.skipped, 60);
});
