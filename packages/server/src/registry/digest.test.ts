import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isEcrImageDigest, parseDigest } from './digest.js';
import { isEcrRepositoryName, isOciRepositoryName, isOciTag, parseReference } from './names.js';

const sha256 = `sha256:${'a'.repeat(64)}`;
const sha512 = `sha512:${'0'.repeat(128)}`;

describe('digests', () => {
  it('parses sha256 and sha512', () => {
    assert.deepEqual(parseDigest(sha256), { algorithm: 'sha256', encoded: 'a'.repeat(64), text: sha256 });
    assert.equal(typeof parseDigest(sha512), 'object');
  });

  it('calls wrong lengths, upper-case hex and bad grammar malformed', () => {
    for (const d of ['sha256:abc', `sha256:${'A'.repeat(64)}`, 'sha256', ':abc', `SHA256:${'a'.repeat(64)}`, `sha256:${'a'.repeat(63)}g`]) {
      assert.equal(parseDigest(d), 'malformed', d);
    }
  });

  it('calls well-formed digests of other algorithms unsupported', () => {
    assert.equal(parseDigest('md5:d41d8cd98f00b204e9800998ecf8427e'), 'unsupported');
    assert.equal(parseDigest('multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8'), 'unsupported');
  });

  it("applies ECR's looser imageDigest check", () => {
    assert.ok(isEcrImageDigest('sha256:abc'));
    assert.ok(!isEcrImageDigest('latest'));
  });
});

describe('names, tags and references', () => {
  it('accepts OCI repository names, with path components', () => {
    for (const n of ['a', 'my-repo', 'team/app', 'a.b_c__d---e/f', 'x/y/z']) assert.ok(isOciRepositoryName(n), n);
  });

  it('rejects upper case, leading separators, empty components', () => {
    for (const n of ['Bad', '-a', 'a/', '/a', 'a//b', 'a..b', 'a_-b', 'bad name', '']) assert.ok(!isOciRepositoryName(n), n);
  });

  it('requires ECR names to have 2 to 256 characters', () => {
    assert.ok(!isEcrRepositoryName('a'));
    assert.ok(isEcrRepositoryName('ab'));
    assert.ok(!isEcrRepositoryName('a'.repeat(257)));
  });

  it('accepts tags of up to 128 characters that start with a word character', () => {
    assert.ok(isOciTag('latest'));
    assert.ok(isOciTag('_v1.0-rc.1'));
    assert.ok(isOciTag('a'.repeat(128)));
    assert.ok(!isOciTag('a'.repeat(129)));
    assert.ok(!isOciTag('.hidden'));
    assert.ok(!isOciTag('-x'));
  });

  it('reads a reference with a colon as a digest', () => {
    assert.deepEqual(parseReference(sha256), { kind: 'digest', digest: sha256 });
    assert.deepEqual(parseReference('v1'), { kind: 'tag', tag: 'v1' });
  });
});
