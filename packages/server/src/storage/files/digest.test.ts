import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDigest, requireDigest } from './digest.js';
import { isUploadId } from './layout.js';

describe('parseDigest', () => {
  it('accepts lowercase sha256 and sha512 digests of the right length', () => {
    assert.deepEqual(parseDigest(`sha256:${'a'.repeat(64)}`), { algorithm: 'sha256', hex: 'a'.repeat(64) });
    assert.deepEqual(parseDigest(`sha512:${'0'.repeat(128)}`), { algorithm: 'sha512', hex: '0'.repeat(128) });
  });

  it('rejects other algorithms, lengths, cases and path tricks', () => {
    for (const bad of [`sha256:${'A'.repeat(64)}`, `sha256:${'a'.repeat(63)}`, `sha512:${'a'.repeat(64)}`, `md5:${'a'.repeat(32)}`, 'sha256:../../x', 'sha256', '']) {
      assert.equal(parseDigest(bad), undefined, bad);
    }
    assert.throws(() => requireDigest('nope'), TypeError);
  });
});

describe('isUploadId', () => {
  it('allows uuids and hex, nothing that could leave the folder', () => {
    assert.ok(isUploadId('00000000-0000-4000-8000-000000000001'));
    for (const bad of ['', '.', '..', '../x', 'a/b', '-x', 'a'.repeat(129)]) assert.equal(isUploadId(bad), false, bad);
  });
});
