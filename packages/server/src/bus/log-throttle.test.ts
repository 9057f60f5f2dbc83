import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LogThrottle } from './log-throttle.js';

test('one line per key per interval, counting what it stood for', () => {
  const t = new LogThrottle(1000);
  assert.equal(t.admit('a', 0), 0);
  assert.equal(t.admit('a', 10), undefined);
  assert.equal(t.admit('a', 20), undefined);
  assert.equal(t.admit('b', 20), 0);
  assert.equal(t.admit('a', 1000), 2);
});
