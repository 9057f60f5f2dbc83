import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConditionFailedError, type MetadataWrite } from '../interfaces.js';
import { useHarness, type HarnessFactory } from './harness.js';

const put = (table: string, key: string, value: unknown, ifVersion?: number): MetadataWrite =>
  ifVersion === undefined ? { op: 'put', table, key, value } : { op: 'put', table, key, value, ifVersion };

/** MetadataStore reads plus the metadata half of `Storage.commit`: versions, conditions, atomicity, listing. */
export function metadataContract(name: string, factory: HarnessFactory): void {
  describe(`${name}: metadata and commit`, () => {
    const h = useHarness(factory);

    it('stores JSON values with versions starting at 1 and growing by one per put', async () => {
      const { storage } = h();
      assert.equal(await storage.metadata.get('repos', 'a'), undefined);
      const value = { name: 'a', tags: ['x', 'y'], n: 1.5, nested: { ok: true, none: null } };
      await storage.commit({ writes: [put('repos', 'a', value)] });
      assert.deepEqual(await storage.metadata.get('repos', 'a'), { key: 'a', value, version: 1 });
      await storage.commit({ writes: [put('repos', 'a', 'second')] });
      await storage.commit({ writes: [put('repos', 'a', 3)] });
      assert.deepEqual(await storage.metadata.get('repos', 'a'), { key: 'a', value: 3, version: 3 });
    });

    it('keeps tables apart', async () => {
      const { storage } = h();
      await storage.commit({ writes: [put('t1', 'k', 1), put('t2', 'k', 2)] });
      assert.equal((await storage.metadata.get<number>('t1', 'k'))?.value, 1);
      assert.equal((await storage.metadata.get<number>('t2', 'k'))?.value, 2);
      assert.equal(await storage.metadata.count('t1'), 1);
    });

    it('deletes, tolerates deleting what is absent, and restarts versions after a delete', async () => {
      const { storage } = h();
      await storage.commit({ writes: [put('t', 'k', 1), put('t', 'k', 2)] });
      await storage.commit({ writes: [{ op: 'delete', table: 't', key: 'k' }, { op: 'delete', table: 't', key: 'nope' }] });
      assert.equal(await storage.metadata.get('t', 'k'), undefined);
      await storage.commit({ writes: [put('t', 'k', 3)] });
      assert.equal((await storage.metadata.get('t', 'k'))?.version, 1);
    });

    it('checks ifVersion: 0 means absent, n means exactly version n', async () => {
      const { storage } = h();
      await storage.commit({ writes: [put('t', 'k', 'a', 0)] });
      await assert.rejects(storage.commit({ writes: [put('t', 'k', 'b', 0)] }), (error: unknown) => {
        assert.ok(error instanceof ConditionFailedError);
        assert.equal(error.table, 't');
        assert.equal(error.key, 'k');
        return true;
      });
      await assert.rejects(storage.commit({ writes: [put('t', 'k', 'b', 2)] }), ConditionFailedError);
      await storage.commit({ writes: [put('t', 'k', 'b', 1)] });
      await assert.rejects(storage.commit({ writes: [{ op: 'delete', table: 't', key: 'k', ifVersion: 1 }] }), ConditionFailedError);
      await storage.commit({ writes: [{ op: 'delete', table: 't', key: 'k', ifVersion: 2 }] });
      assert.equal(await storage.metadata.get('t', 'k'), undefined);
    });

    it('applies nothing from a batch whose condition fails', async () => {
      const { storage, clock } = h();
      await storage.commit({ writes: [put('t', 'existing', 'old')], deliveries: [{ queue: 'q', body: 'first' }] });
      const [first] = await storage.deliveries.peek('q', 1);
      const seqBefore = await storage.journal.lastSeq();
      clock.advance(1000);
      const failing = storage.commit({
        writes: [put('t', 'existing', 'new'), put('t', 'fresh', 1), put('t', 'existing', 'never', 0)],
        events: [{ stream: 's', body: '{}' }],
        deliveries: [{ queue: 'q', body: 'second' }],
        acks: [first.id],
        cursors: [{ consumer: 'c', seq: 5 }],
      });
      await assert.rejects(failing, ConditionFailedError);
      assert.deepEqual(await storage.metadata.get('t', 'existing'), { key: 'existing', value: 'old', version: 1 });
      assert.equal(await storage.metadata.get('t', 'fresh'), undefined);
      assert.equal(await storage.journal.lastSeq(), seqBefore);
      assert.deepEqual(await storage.journal.read(0, 10), []);
      assert.deepEqual((await storage.deliveries.peek('q', 10)).map((d) => d.body), ['first']);
      assert.equal(await storage.journal.cursor('c'), 0);
    });

    it('lets later writes in a batch see earlier ones', async () => {
      const { storage } = h();
      await storage.commit({ writes: [put('t', 'k', 'a', 0), put('t', 'k', 'b', 1), put('t', 'k', 'c', 2)] });
      assert.deepEqual(await storage.metadata.get('t', 'k'), { key: 'k', value: 'c', version: 3 });
    });

    it('isolates concurrent commits: one failure does not fail the others', async () => {
      const { storage } = h();
      await storage.commit({ writes: [put('t', 'taken', 0)] });
      const results = await Promise.allSettled(
        Array.from({ length: 40 }, (_, i) =>
          storage.commit({
            writes: [put('t', `k${String(i).padStart(2, '0')}`, i), ...(i % 5 === 0 ? [put('t', 'taken', i, 0)] : [])],
            events: [{ stream: 's', body: String(i) }],
          }),
        ),
      );
      results.forEach((result, i) => assert.equal(result.status, i % 5 === 0 ? 'rejected' : 'fulfilled', `commit ${i}`));
      assert.equal(await storage.metadata.count('t', { prefix: 'k' }), 32);
      assert.equal(await storage.metadata.get('t', 'k05'), undefined);
      assert.equal((await storage.journal.read(0, 100)).length, 32);
    });

    it('lets exactly one of many racing conditional writers win', async () => {
      const { storage } = h();
      await storage.commit({ writes: [put('t', 'k', 'v1')] });
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => storage.commit({ writes: [put('t', 'k', `w${i}`, 1)] })),
      );
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      assert.equal((await storage.metadata.get('t', 'k'))?.version, 2);
    });

    it('lists in key order with prefix, startAfter and limit, and counts', async () => {
      const { storage } = h();
      const keys = ['b/2', 'a', 'b/1', 'b%', 'b_x', 'b/10', 'c', 'b', 'ba'];
      await storage.commit({ writes: keys.map((k) => put('t', k, k)) });
      await storage.commit({ writes: [put('other', 'b/3', 0)] });
      const keysOf = (items: { key: string }[]) => items.map((i) => i.key);
      assert.deepEqual(keysOf(await storage.metadata.list('t')), [...keys].sort());
      assert.deepEqual(keysOf(await storage.metadata.list('t', { prefix: 'b/' })), ['b/1', 'b/10', 'b/2']);
      assert.deepEqual(keysOf(await storage.metadata.list('t', { prefix: 'b%' })), ['b%']);
      assert.deepEqual(keysOf(await storage.metadata.list('t', { prefix: 'b_' })), ['b_x']);
      assert.deepEqual(keysOf(await storage.metadata.list('t', { startAfter: 'b/2' })), ['b_x', 'ba', 'c']);
      assert.deepEqual(keysOf(await storage.metadata.list('t', { prefix: 'b/', startAfter: 'b/1', limit: 1 })), ['b/10']);
      assert.deepEqual(keysOf(await storage.metadata.list('t', { prefix: 'b/', startAfter: 'a' })), ['b/1', 'b/10', 'b/2']);
      assert.deepEqual(await storage.metadata.list('t', { limit: 0 }), []);
      assert.deepEqual(await storage.metadata.list('t', { prefix: 'zz' }), []);
      assert.equal(await storage.metadata.count('t'), keys.length);
      assert.equal(await storage.metadata.count('t', { prefix: 'b' }), 7);
      assert.equal(await storage.metadata.count('empty'), 0);
    });

    it('pages through a listing with startAfter + limit without gaps or repeats', async () => {
      const { storage } = h();
      const keys = Array.from({ length: 57 }, (_, i) => `img/${String(i).padStart(3, '0')}`);
      await storage.commit({ writes: keys.map((k) => put('t', k, null)) });
      const seen: string[] = [];
      let startAfter: string | undefined;
      for (;;) {
        const page = await storage.metadata.list('t', { prefix: 'img/', limit: 10, ...(startAfter ? { startAfter } : {}) });
        if (page.length === 0) break;
        assert.ok(page.length <= 10);
        seen.push(...page.map((i) => i.key));
        startAfter = page[page.length - 1].key;
      }
      assert.deepEqual(seen, keys);
    });

    it('returns seqs and ids for what the batch added, and accepts an empty batch', async () => {
      const { storage } = h();
      assert.deepEqual(await storage.commit({}), { eventSeqs: [], deliveryIds: [] });
      const result = await storage.commit({
        events: [{ stream: 's', body: '1' }, { stream: 's', body: '2' }],
        deliveries: [{ queue: 'q', body: 'x' }],
      });
      assert.equal(result.eventSeqs.length, 2);
      assert.equal(result.deliveryIds.length, 1);
    });

    it('keeps metadata across close and reopen', async () => {
      const { storage } = h();
      await storage.commit({ writes: [put('t', 'a', { x: 1 }), put('t', 'b', [1, 2])] });
      await storage.commit({ writes: [put('t', 'a', { x: 2 })] });
      const reopened = await h().reopen();
      assert.deepEqual(await reopened.metadata.list('t'), [
        { key: 'a', value: { x: 2 }, version: 2 },
        { key: 'b', value: [1, 2], version: 1 },
      ]);
      await reopened.commit({ writes: [put('t', 'a', 'after', 2)] });
      assert.equal((await reopened.metadata.get('t', 'a'))?.version, 3);
    });
  });
}
