import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatEvent, parseSince, tailEvents, type FilterCall, type TailEvent } from './logs-tail.js';

describe('bosun logs tail', () => {
  it('reads --since as a duration, an ISO time or epoch ms', () => {
    const now = Date.UTC(2026, 0, 1, 12);
    assert.equal(parseSince('10m', now), now - 600_000);
    assert.equal(parseSince('2h', now), now - 7_200_000);
    assert.equal(parseSince('2026-01-01T00:00:00Z', now), Date.UTC(2026, 0, 1));
    assert.equal(parseSince('1767225600000', now), 1767225600000);
    assert.equal(parseSince('yesterday-ish', now), undefined);
  });

  it('formats like aws logs tail', () => {
    const e = { logStreamName: 's1', timestamp: Date.UTC(2026, 0, 1), message: 'hello', eventId: '1' };
    assert.equal(formatEvent(e, 'detailed'), '2026-01-01T00:00:00.000Z s1 hello');
    assert.equal(formatEvent(e, 'short'), '2026-01-01T00:00:00.000Z hello');
  });

  it('pages, then follows from the newest timestamp without repeating events', async () => {
    const store: TailEvent[] = [
      { eventId: 'a', timestamp: 10, message: 'a' },
      { eventId: 'b', timestamp: 20, message: 'b' },
    ];
    const calls: Record<string, unknown>[] = [];
    const call: FilterCall = async (req) => {
      calls.push(req);
      const from = req.startTime as number;
      const rest = store.filter((e) => (e.timestamp ?? 0) >= from);
      // One event per page, to exercise nextToken.
      const offset = Number(req.nextToken ?? 0);
      return { events: rest.slice(offset, offset + 1), nextToken: offset + 1 < rest.length ? String(offset + 1) : undefined };
    };
    const stop = new AbortController();
    const seen: string[] = [];
    for await (const e of tailEvents(call, { logGroupName: 'g' }, 0, { follow: true, intervalMs: 1, signal: stop.signal })) {
      seen.push(e.message ?? '');
      if (seen.length === 2) store.push({ eventId: 'c', timestamp: 20, message: 'c' }, { eventId: 'd', timestamp: 30, message: 'd' });
      if (seen.length === 4) stop.abort();
    }
    assert.deepEqual(seen, ['a', 'b', 'c', 'd']);
    assert.ok(calls.some((c) => c.startTime === 20), 'polls from the newest timestamp seen');
  });
});
