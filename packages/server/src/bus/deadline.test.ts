import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Deadlines } from './deadline.js';

test('a settled promise wins; a hanging one times out', async () => {
  const d = new Deadlines(10);
  assert.equal(await d.race(Promise.resolve('ok'), 1000, () => 'late'), 'ok');
  // The sweep timer is unref'd (it never keeps a process alive); hold the loop open meanwhile.
  const hold = setTimeout(() => undefined, 5000);
  assert.equal(await d.race(new Promise<string>(() => undefined), 30, () => 'late'), 'late');
  clearTimeout(hold);
  await assert.rejects(d.race(Promise.reject(new Error('boom')), 1000, () => 'late'), /boom/);
});
