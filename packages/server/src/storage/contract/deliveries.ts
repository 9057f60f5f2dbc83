import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConditionFailedError, type NewDelivery, type Storage } from '../interfaces.js';
import { useHarness, type HarnessFactory } from './harness.js';

async function enqueue(storage: Storage, ...deliveries: NewDelivery[]): Promise<string[]> {
  return (await storage.commit({ deliveries })).deliveryIds;
}

const bodies = (ds: { body: string }[]) => ds.map((d) => d.body);

/** DeliveryQueue: leases and at-least-once, attempts, FIFO by (notBefore, seq), acks, counters, durability. */
export function deliveriesContract(name: string, factory: HarnessFactory): void {
  describe(`${name}: deliveries`, () => {
    const h = useHarness(factory);

    it('enqueues via commit with defaults from the clock', async () => {
      const { storage, clock } = h();
      const [id] = await enqueue(storage, { queue: 'q', body: 'hello' });
      const d = await storage.deliveries.get(id);
      assert.ok(d);
      assert.deepEqual({ ...d, seq: 0 }, {
        id, queue: 'q', body: 'hello', meta: {}, attempts: 0, enqueuedAt: clock.now(), notBefore: clock.now(), seq: 0,
      });
      const [later] = await enqueue(storage, { queue: 'q', body: 'x', notBefore: clock.now() + 500, meta: { rule: 'r', n: 1 } });
      const d2 = await storage.deliveries.get(later);
      assert.deepEqual(d2?.meta, { rule: 'r', n: 1 });
      assert.equal(d2?.notBefore, clock.now() + 500);
      assert.ok((d2?.seq ?? 0) > d.seq);
      assert.equal(await storage.deliveries.get('no-such-id'), undefined);
    });

    it('leases due deliveries in (notBefore, seq) order, up to the limit, per queue', async () => {
      const { storage, clock } = h();
      const now = clock.now();
      await enqueue(
        storage,
        { queue: 'q', body: 'late', notBefore: now + 50 },
        { queue: 'q', body: 'first' },
        { queue: 'other', body: 'other' },
        { queue: 'q', body: 'early', notBefore: now - 10 },
        { queue: 'q', body: 'second' },
        { queue: 'q', body: 'future', notBefore: now + 1000 },
      );
      const leased = await storage.deliveries.lease({ queue: 'q', limit: 2, now, leaseMs: 30_000 });
      assert.deepEqual(bodies(leased), ['early', 'first']);
      assert.deepEqual(bodies(await storage.deliveries.lease({ queue: 'q', limit: 10, now, leaseMs: 30_000 })), ['second']);
      assert.deepEqual(bodies(await storage.deliveries.lease({ queue: 'q', limit: 10, now: now + 50, leaseMs: 30_000 })), ['late']);
      assert.deepEqual(bodies(await storage.deliveries.lease({ limit: 10, now, leaseMs: 30_000 })), ['other']);
    });

    it('leases across queues in (notBefore, seq) order when no queue is given', async () => {
      const { storage, clock } = h();
      const now = clock.now();
      await enqueue(storage, { queue: 'b', body: 'b1' }, { queue: 'a', body: 'a1', notBefore: now - 1 }, { queue: 'c', body: 'c1' });
      assert.deepEqual(bodies(await storage.deliveries.lease({ limit: 10, now, leaseMs: 1000 })), ['a1', 'b1', 'c1']);
    });

    it('hides a leased delivery until leaseMs passes, then redelivers it: at-least-once', async () => {
      const { storage, clock } = h();
      const [id] = await enqueue(storage, { queue: 'q', body: 'x' });
      const now = clock.now();
      const [first] = await storage.deliveries.lease({ queue: 'q', limit: 1, now, leaseMs: 1000 });
      assert.equal(first.id, id);
      assert.equal(first.attempts, 1);
      assert.equal(first.notBefore, now + 1000);
      assert.deepEqual(await storage.deliveries.get(id), first);
      assert.deepEqual(await storage.deliveries.lease({ queue: 'q', limit: 1, now: now + 999, leaseMs: 1000 }), []);
      assert.equal(await storage.deliveries.dueCount('q', now + 999), 0);
      const [again] = await storage.deliveries.lease({ queue: 'q', limit: 1, now: now + 1000, leaseMs: 1000 });
      assert.equal(again.id, id);
      assert.equal(again.attempts, 2);
    });

    it('never hands one delivery to two concurrent leases', async () => {
      const { storage, clock } = h();
      await enqueue(storage, ...Array.from({ length: 20 }, (_, i) => ({ queue: 'q', body: String(i) })));
      const batches = await Promise.all(
        Array.from({ length: 8 }, () => storage.deliveries.lease({ queue: 'q', limit: 3, now: clock.now(), leaseMs: 1000 })),
      );
      const ids = batches.flat().map((d) => d.id);
      assert.equal(ids.length, 20);
      assert.equal(new Set(ids).size, 20);
    });

    it('reschedules, noting the last error, and reports unknown ids', async () => {
      const { storage, clock } = h();
      const [id] = await enqueue(storage, { queue: 'q', body: 'x' });
      assert.equal(await storage.deliveries.reschedule(id, clock.now() + 60_000, 'HTTP 503'), true);
      let d = await storage.deliveries.get(id);
      assert.equal(d?.notBefore, clock.now() + 60_000);
      assert.equal(d?.lastError, 'HTTP 503');
      assert.equal(await storage.deliveries.reschedule(id, clock.now()), true);
      d = await storage.deliveries.get(id);
      assert.equal(d?.notBefore, clock.now());
      assert.equal(d?.lastError, 'HTTP 503');
      assert.equal(d?.attempts, 0);
      assert.equal(await storage.deliveries.reschedule('no-such-id', 0), false);
      assert.equal(await storage.deliveries.reschedule('999999', 0), false);
    });

    it('acks through commit, atomically with the rest of the batch; repeated acks are harmless', async () => {
      const { storage, clock } = h();
      const [a, b] = await enqueue(storage, { queue: 'q', body: 'a' }, { queue: 'q', body: 'b' });
      await storage.deliveries.lease({ queue: 'q', limit: 1, now: clock.now(), leaseMs: 1000 });
      const failed = storage.commit({
        acks: [a],
        deliveries: [{ queue: 'dlq', body: 'a' }],
        writes: [{ op: 'put', table: 't', key: 'k', value: 1, ifVersion: 7 }],
      });
      await assert.rejects(failed, ConditionFailedError);
      assert.equal(await storage.deliveries.depth(), 2);
      await storage.commit({ acks: [a], deliveries: [{ queue: 'dlq', body: 'a' }] });
      assert.equal(await storage.deliveries.get(a), undefined);
      await storage.commit({ acks: [a, 'bogus'] });
      assert.deepEqual(bodies(await storage.deliveries.peek('q', 10)), ['b']);
      assert.equal((await storage.deliveries.get(b))?.attempts, 0);
      assert.equal(await storage.deliveries.depth('dlq'), 1);
    });

    it('peeks in (notBefore, seq) order without leasing', async () => {
      const { storage, clock } = h();
      const now = clock.now();
      await enqueue(storage, { queue: 'q', body: 'later', notBefore: now + 5 }, { queue: 'q', body: 'now1' }, { queue: 'q', body: 'now2' });
      const peeked = await storage.deliveries.peek('q', 2);
      assert.deepEqual(bodies(peeked), ['now1', 'now2']);
      assert.ok(peeked.every((d) => d.attempts === 0));
      assert.deepEqual(bodies(await storage.deliveries.peek('q', 10)), ['now1', 'now2', 'later']);
      assert.deepEqual(await storage.deliveries.peek('empty', 10), []);
    });

    it('counts depth, due deliveries and the next due time', async () => {
      const { storage, clock } = h();
      const now = clock.now();
      assert.equal(await storage.deliveries.depth(), 0);
      assert.equal(await storage.deliveries.nextDue(), undefined);
      await enqueue(
        storage,
        { queue: 'a', body: '1', notBefore: now + 100 },
        { queue: 'a', body: '2', notBefore: now + 300 },
        { queue: 'b', body: '3', notBefore: now + 200 },
      );
      assert.equal(await storage.deliveries.depth(), 3);
      assert.equal(await storage.deliveries.depth('a'), 2);
      assert.equal(await storage.deliveries.depth('none'), 0);
      assert.equal(await storage.deliveries.dueCount('a', now + 99), 0);
      assert.equal(await storage.deliveries.dueCount('a', now + 100), 1);
      assert.equal(await storage.deliveries.dueCount('a', now + 300), 2);
      assert.equal(await storage.deliveries.nextDue(), now + 100);
      assert.equal(await storage.deliveries.nextDue('b'), now + 200);
      assert.equal(await storage.deliveries.nextDue('none'), undefined);
    });

    it('purges one queue and says how many went', async () => {
      const { storage } = h();
      await enqueue(storage, { queue: 'a', body: '1' }, { queue: 'a', body: '2' }, { queue: 'b', body: '3' });
      assert.equal(await storage.deliveries.purge('a'), 2);
      assert.equal(await storage.deliveries.purge('a'), 0);
      assert.equal(await storage.deliveries.depth(), 1);
    });

    it('keeps deliveries, leases and attempts across close and reopen, without reusing seqs', async () => {
      const { storage, clock } = h();
      const now = clock.now();
      const [id, other] = await enqueue(storage, { queue: 'q', body: 'x', meta: { k: 'v' } }, { queue: 'q', body: 'y' });
      const [leased] = await storage.deliveries.lease({ queue: 'q', limit: 1, now, leaseMs: 1000 });
      await storage.deliveries.reschedule(other, now + 5, 'boom');
      await storage.commit({ acks: [other] });
      const reopened = await h().reopen();
      assert.deepEqual(await reopened.deliveries.get(id), leased);
      assert.equal(await reopened.deliveries.get(other), undefined);
      assert.deepEqual(await reopened.deliveries.lease({ queue: 'q', limit: 1, now, leaseMs: 1000 }), []);
      const [again] = await reopened.deliveries.lease({ queue: 'q', limit: 1, now: now + 1000, leaseMs: 1000 });
      assert.equal(again.attempts, 2);
      const [fresh] = await enqueue(reopened, { queue: 'q', body: 'z' });
      const freshSeq = (await reopened.deliveries.get(fresh))?.seq ?? 0;
      assert.ok(freshSeq > leased.seq);
      assert.notEqual(fresh, other);
    });
  });
}
