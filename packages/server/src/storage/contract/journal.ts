import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JournalAppend, Storage } from '../interfaces.js';
import { useHarness, type HarnessFactory } from './harness.js';

const ev = (stream: string, body: string): JournalAppend => ({ stream, body });

async function append(storage: Storage, ...events: JournalAppend[]): Promise<number[]> {
  return (await storage.commit({ events })).eventSeqs;
}

/** Journal: monotonic never-reused seqs, reads by seq and by time, cursors, trim, durability. */
export function journalContract(name: string, factory: HarnessFactory): void {
  describe(`${name}: journal`, () => {
    const h = useHarness(factory);

    it('starts empty', async () => {
      const { storage } = h();
      assert.equal(await storage.journal.lastSeq(), 0);
      assert.deepEqual(await storage.journal.read(0, 10), []);
    });

    it('assigns strictly increasing seqs, in batch order, stamped with the clock', async () => {
      const { storage, clock } = h();
      const first = await append(storage, ev('s', '{"n":1}'), ev('t', '{"n":2}'));
      clock.advance(5);
      const second = await append(storage, ev('s', '{"n":3}'));
      const seqs = [...first, ...second];
      for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i] > seqs[i - 1]);
      assert.equal(await storage.journal.lastSeq(), seqs[2]);
      const records = await storage.journal.read(0, 10);
      assert.deepEqual(records, [
        { seq: seqs[0], stream: 's', body: '{"n":1}', appendedAt: clock.now() - 5 },
        { seq: seqs[1], stream: 't', body: '{"n":2}', appendedAt: clock.now() - 5 },
        { seq: seqs[2], stream: 's', body: '{"n":3}', appendedAt: clock.now() },
      ]);
    });

    it('gives concurrent commits distinct seqs', async () => {
      const { storage } = h();
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => append(storage, ev('s', String(i)))));
      const seqs = results.flat();
      assert.equal(new Set(seqs).size, 100);
      assert.equal(await storage.journal.lastSeq(), Math.max(...seqs));
    });

    it('reads after a seq, with a limit, optionally one stream only', async () => {
      const { storage } = h();
      const seqs = await append(storage, ev('a', '1'), ev('b', '2'), ev('a', '3'), ev('b', '4'), ev('a', '5'));
      const bodies = (records: { body: string }[]) => records.map((r) => r.body);
      assert.deepEqual(bodies(await storage.journal.read(seqs[1], 2)), ['3', '4']);
      assert.deepEqual(bodies(await storage.journal.read(0, 10, 'a')), ['1', '3', '5']);
      assert.deepEqual(bodies(await storage.journal.read(seqs[2], 10, 'a')), ['5']);
      assert.deepEqual(await storage.journal.read(seqs[4], 10), []);
      assert.deepEqual(await storage.journal.read(0, 0), []);
      assert.deepEqual(await storage.journal.read(0, 10, 'none'), []);
    });

    it('reads a stream by time window [from, to), after a seq, with a limit', async () => {
      const { storage, clock } = h();
      const t0 = clock.now();
      const seqs: number[] = [];
      for (let i = 0; i < 6; i++) {
        seqs.push(...(await append(storage, ev('s', `s${i}`), ev('other', `o${i}`))));
        clock.advance(10);
      }
      const bodies = (records: { body: string }[]) => records.map((r) => r.body);
      assert.deepEqual(bodies(await storage.journal.readByTime('s', t0 + 10, t0 + 40, 0, 100)), ['s1', 's2', 's3']);
      assert.deepEqual(bodies(await storage.journal.readByTime('s', t0 + 10, t0 + 40, 0, 2)), ['s1', 's2']);
      const page = await storage.journal.readByTime('s', t0 + 10, t0 + 40, 0, 2);
      assert.deepEqual(bodies(await storage.journal.readByTime('s', t0 + 10, t0 + 40, page[1].seq, 2)), ['s3']);
      assert.deepEqual(await storage.journal.readByTime('s', t0 + 100, t0 + 200, 0, 10), []);
      assert.deepEqual(bodies(await storage.journal.readByTime('other', t0, t0 + 1, 0, 10)), ['o0']);
      assert.deepEqual(await storage.journal.readByTime('s', t0 + 30, t0 + 10, 0, 10), []);
      assert.deepEqual(await storage.journal.readByTime('s', t0, t0 + 100, seqs[seqs.length - 1], 10), []);
      assert.deepEqual(bodies(await storage.journal.readByTime('s', t0 - 100, t0 + 1000, seqs[8], 10)), ['s5']);
    });

    it('never stamps a record earlier than the one before it, even when the clock steps back', async () => {
      const { storage, clock } = h();
      const t = clock.now();
      await append(storage, ev('s', 'a'));
      clock.set(t - 5000);
      await append(storage, ev('s', 'b'));
      assert.deepEqual((await storage.journal.read(0, 10)).map((r) => r.appendedAt), [t, t]);
      assert.deepEqual((await storage.journal.readByTime('s', t, t + 1, 0, 10)).map((r) => r.body), ['a', 'b']);
      const reopened = await h().reopen();
      await append(reopened, ev('s', 'c'));
      assert.deepEqual((await reopened.journal.read(0, 10)).map((r) => r.appendedAt), [t, t, t]);
      clock.set(t + 10);
      await append(reopened, ev('s', 'd'));
      assert.deepEqual((await reopened.journal.readByTime('s', t + 1, t + 20, 0, 10)).map((r) => r.body), ['d']);
    });

    it('keeps consumer cursors, moved by commit (backwards too)', async () => {
      const { storage } = h();
      assert.equal(await storage.journal.cursor('matcher'), 0);
      const [seq] = await append(storage, ev('s', 'x'));
      await storage.commit({ cursors: [{ consumer: 'matcher', seq }] });
      assert.equal(await storage.journal.cursor('matcher'), seq);
      assert.equal(await storage.journal.cursor('archiver'), 0);
      await storage.commit({ cursors: [{ consumer: 'matcher', seq: 0 }, { consumer: 'archiver', seq: 7 }] });
      assert.equal(await storage.journal.cursor('matcher'), 0);
      assert.equal(await storage.journal.cursor('archiver'), 7);
    });

    it('trims one stream before a time and returns how many went', async () => {
      const { storage, clock } = h();
      await append(storage, ev('s', 'old1'), ev('s', 'old2'), ev('k', 'keep-other'));
      clock.advance(100);
      await append(storage, ev('s', 'new'));
      const last = await storage.journal.lastSeq();
      assert.equal(await storage.journal.trim('s', clock.now()), 2);
      assert.equal(await storage.journal.trim('s', clock.now()), 0);
      assert.deepEqual((await storage.journal.read(0, 10)).map((r) => r.body), ['keep-other', 'new']);
      assert.equal(await storage.journal.lastSeq(), last);
    });

    it('never reuses a seq: not after trimming the newest records, not after a reopen', async () => {
      const { storage, clock } = h();
      const first = await append(storage, ev('s', 'a'), ev('s', 'b'));
      clock.advance(1);
      assert.equal(await storage.journal.trim('s', clock.now()), 2);
      const [afterTrim] = await append(storage, ev('s', 'c'));
      assert.ok(afterTrim > first[1]);
      clock.advance(1);
      await storage.journal.trim('s', clock.now());
      const reopened = await h().reopen();
      assert.equal(await reopened.journal.lastSeq(), afterTrim);
      const [afterReopen] = await append(reopened, ev('s', 'd'));
      assert.ok(afterReopen > afterTrim);
    });

    it('keeps records and cursors across close and reopen', async () => {
      const { storage, clock } = h();
      const seqs = await append(storage, ev('s', '1'), ev('s', '2'));
      await storage.commit({ cursors: [{ consumer: 'c', seq: seqs[0] }] });
      const reopened = await h().reopen();
      assert.deepEqual(await reopened.journal.read(0, 10), [
        { seq: seqs[0], stream: 's', body: '1', appendedAt: clock.now() },
        { seq: seqs[1], stream: 's', body: '2', appendedAt: clock.now() },
      ]);
      assert.equal(await reopened.journal.cursor('c'), seqs[0]);
      assert.equal(await reopened.journal.lastSeq(), seqs[1]);
    });
  });
}
