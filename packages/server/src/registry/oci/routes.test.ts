import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsRegistryHost, matchOciRoute, parseContentRange, parseRangeHeader } from './routes.js';

const digest = `sha256:${'a'.repeat(64)}`;

describe('distribution API routes', () => {
  const cases: [string, unknown][] = [
    ['/v2/', { kind: 'base' }],
    ['/v2', { kind: 'base' }],
    ['/v2/_catalog', { kind: 'catalog' }],
    [`/v2/team/app/blobs/${digest}`, { kind: 'blob', name: 'team/app', digest }],
    ['/v2/team/app/blobs/uploads/', { kind: 'uploads', name: 'team/app' }],
    ['/v2/a/blobs/uploads/3f0c1a52-0000-4000-8000-000000000001', { kind: 'upload', name: 'a', uploadId: '3f0c1a52-0000-4000-8000-000000000001' }],
    ['/v2/a/b/c/manifests/latest', { kind: 'manifest', name: 'a/b/c', reference: 'latest' }],
    [`/v2/a/manifests/${encodeURIComponent(digest)}`, { kind: 'manifest', name: 'a', reference: digest }],
    ['/v2/a/tags/list', { kind: 'tags', name: 'a' }],
    [`/v2/a/referrers/${digest}`, { kind: 'referrers', name: 'a', digest }],
    ['/v2/blobs/blobs/uploads/', { kind: 'uploads', name: 'blobs' }],
  ];
  for (const [path, route] of cases) it(`routes ${path}`, () => assert.deepEqual(matchOciRoute(path), route));

  it('leaves other paths alone', () => {
    for (const p of ['/', '/_bosun/health', '/v20/x', '/v2/a/unknown/x', '/v2/%E0%A4%A']) assert.equal(matchOciRoute(p), undefined, p);
  });
});

describe('registry hosts and ranges', () => {
  it('reads account and region from an AWS-shaped host', () => {
    assert.deepEqual(awsRegistryHost('123456789012.dkr.ecr.eu-west-1.localhost:4566'), { account: '123456789012', region: 'eu-west-1' });
    assert.equal(awsRegistryHost('127.0.0.1:4566'), undefined);
  });

  it('parses single byte ranges, clamping the end', () => {
    assert.deepEqual(parseRangeHeader('bytes=0-9', 100), { start: 0, end: 9 });
    assert.deepEqual(parseRangeHeader('bytes=90-', 100), { start: 90, end: 99 });
    assert.deepEqual(parseRangeHeader('bytes=-10', 100), { start: 90, end: 99 });
    assert.deepEqual(parseRangeHeader('bytes=50-500', 100), { start: 50, end: 99 });
    assert.equal(parseRangeHeader('bytes=100-', 100), 'invalid');
    assert.equal(parseRangeHeader('items=0-1', 100), 'invalid');
    assert.equal(parseRangeHeader(undefined, 100), undefined);
  });

  it('parses chunk Content-Range in the spec form and with a unit', () => {
    assert.deepEqual(parseContentRange('0-99'), { start: 0, end: 99 });
    assert.deepEqual(parseContentRange('bytes 100-199/*'), { start: 100, end: 199 });
    assert.equal(parseContentRange('9-1'), 'invalid');
  });
});
