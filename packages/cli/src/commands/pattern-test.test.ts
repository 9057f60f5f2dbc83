// `bosun pattern test`: exit code 0 on a match, 1 with the failing field on no match, 2 with the
// reason on an invalid pattern, unreadable event or bad usage.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { patternTest } from './pattern-test.js';

const dir = mkdtempSync(join(tmpdir(), 'bosun-pattern-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(content: unknown): string {
  const path = join(dir, `f${files++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command with stdout and stderr captured. */
async function run(argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  let pending: Promise<number>;
  try {
    // The command does its work before its first await, so the streams are restored before the
    // test runner can write anything of its own.
    pending = patternTest(argv);
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  return { code: await pending, stdout, stderr };
}

const event = {
  version: '0',
  id: 'e1',
  'detail-type': 'ECR Image Action',
  source: 'aws.ecr',
  account: '123456789012',
  time: '2024-05-01T12:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: { 'action-type': 'PUSH', result: 'SUCCESS', 'repository-name': 'team-a/app' },
};

test('a matching event exits 0 and prints match', async () => {
  const r = await run(['--pattern', file({ source: ['aws.ecr'], detail: { 'action-type': ['PUSH'] } }), '--event', file(event)]);
  assert.deepEqual(r, { code: 0, stdout: 'match\n', stderr: '' });
});

test('options may be written --name=value', async () => {
  const r = await run([`--pattern=${file({ source: ['aws.ecr'] })}`, `--event=${file(event)}`]);
  assert.equal(r.code, 0);
});

test('a non-matching event exits 1 and names the field that failed and what it held', async () => {
  const r = await run(['--pattern', file({ source: ['aws.ecr'], detail: { result: ['FAILURE'] } }), '--event', file(event)]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^no match\n/);
  assert.match(r.stdout, /^ {2}detail\.result: event has "SUCCESS"; pattern wants "FAILURE"$/m);
});

test('an absent field is reported as absent', async () => {
  const r = await run(['--pattern', file({ detail: { tag: [{ prefix: 'v1' }] } }), '--event', file(event)]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /detail\.tag: field is absent/);
});

test('an invalid pattern exits 2 with the reason EventBridge gives', async () => {
  const r = await run(['--pattern', file({ source: 'aws.ecr' }), '--event', file(event)]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^InvalidEventPatternException: Event pattern is not valid\. Reason: "source" must be an object or an array/);
});

test('an event that is not JSON exits 2', async () => {
  const r = await run(['--pattern', file({ source: ['aws.ecr'] }), '--event', file('{"source": ')]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.notEqual(r.stderr, '');
});

test('a missing file exits 2 with the file error', async () => {
  const r = await run(['--pattern', join(dir, 'nope.json'), '--event', file(event)]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /nope\.json/);
});

test('missing options exit 2 with usage', async () => {
  for (const argv of [[], ['--pattern', file({ source: ['x'] })], ['--event', file(event)]]) {
    const r = await run(argv);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^usage: bosun pattern test --pattern FILE --event FILE\n$/);
  }
});
