import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SharedExclusiveLock } from './lock.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('the push/collector lock', () => {
  it('lets shared holders run together and the exclusive holder alone, after them', async () => {
    const lock = new SharedExclusiveLock();
    const log: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const a = lock.withShared(async () => {
      log.push('a start');
      await held;
      log.push('a end');
    });
    const b = lock.withShared(async () => log.push('b'));
    await tick();
    const x = lock.withExclusive(async () => log.push('x'), 5000);
    await tick();
    const c = lock.withShared(async () => log.push('c'));
    await tick();
    release();
    await Promise.all([a, b, x, c]);
    assert.deepEqual(log, ['a start', 'b', 'a end', 'x', 'c']);
  });

  it('gives up an exclusive wait after its timeout and lets shared holders on', async () => {
    const lock = new SharedExclusiveLock();
    let release!: () => void;
    const a = lock.withShared(() => new Promise<void>((r) => (release = r)));
    const x = await lock.withExclusive(async () => 'ran', 20);
    assert.equal(x, undefined);
    assert.equal(await lock.withShared(async () => 'after'), 'after');
    release();
    await a;
    assert.deepEqual(await lock.withExclusive(async () => 'ran', 20), { value: 'ran' });
  });
});
