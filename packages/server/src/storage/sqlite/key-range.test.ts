import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyBounds, prefixUpperBound } from './key-range.js';

describe('prefixUpperBound', () => {
  it('increments the last code point', () => {
    assert.equal(prefixUpperBound('repo/'), 'repo0');
    assert.equal(prefixUpperBound('a'), 'b');
    assert.equal(prefixUpperBound('é'), 'ê');
  });

  it('carries past U+10FFFF and skips the surrogate range', () => {
    assert.equal(prefixUpperBound('a\u{10FFFF}'), 'b');
    assert.equal(prefixUpperBound('\u{10FFFF}\u{10FFFF}'), undefined);
    assert.equal(prefixUpperBound('x\uD7FF'), 'x\uE000');
  });

  it('has no bound for the empty prefix', () => {
    assert.equal(prefixUpperBound(''), undefined);
  });

  it('bounds exactly the strings with the prefix (code point order)', () => {
    const prefix = 'b/';
    const upper = prefixUpperBound(prefix) ?? '';
    for (const key of ['b/', 'b/x', 'b/\u{10FFFF}\u{10FFFF}', 'b.', 'b0', 'b', 'c']) {
      assert.equal(key >= prefix && key < upper, key.startsWith(prefix), key);
    }
  });
});

describe('keyBounds', () => {
  it('combines prefix and startAfter', () => {
    assert.deepEqual(keyBounds({}), {});
    assert.deepEqual(keyBounds({ prefix: 'a', startAfter: 'a1' }), { below: 'b', after: 'a1' });
    assert.deepEqual(keyBounds({ prefix: 'b', startAfter: 'a9' }), { from: 'b', below: 'c', after: 'a9' });
    assert.deepEqual(keyBounds({ startAfter: '' }), { after: '' });
  });
});
