import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transformInput, validateInputTransformer, validateInputPath, InputTransformerError, explainMatch } from './index.js';

const event = JSON.stringify({
  version: '0',
  id: 'e1',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  time: '2015-11-11T21:29:54Z',
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING', n: 12345678901234567890, tags: { a: 'b' } },
});
const ctx = { ruleArn: 'arn:aws:events:us-east-1:123456789012:rule/r', ruleName: 'r', ingestionTime: '2015-11-11T21:29:55Z' };
const paths = { instance: '$.detail.instance-id', state: '$.detail.state', timestamp: '$.time', tags: '$.detail.tags' };

test('none, Input and InputPath', () => {
  assert.equal(transformInput(event, { kind: 'none' }, ctx), event);
  assert.equal(transformInput(event, { kind: 'input', input: '{"x":1}' }, ctx), '{"x":1}');
  assert.equal(transformInput(event, { kind: 'inputPath', inputPath: '$.detail.tags' }, ctx), '{"a":"b"}');
  assert.equal(transformInput(event, { kind: 'inputPath', inputPath: '$.detail.state' }, ctx), '"RUNNING"');
});

test('JSON template: strings quoted in value position, raw inside strings', () => {
  const t = '{"timestamp" : <timestamp>, "message": "instance <instance> is in <state>", "tags": <tags>}';
  const out = transformInput(event, { kind: 'inputTransformer', inputPathsMap: paths, inputTemplate: t }, ctx);
  assert.equal(out, '{"timestamp" : "2015-11-11T21:29:54Z", "message": "instance i-0123456789 is in RUNNING", "tags": {"a":"b"}}');
  assert.deepEqual(JSON.parse(out).tags, { a: 'b' });
});

test('object inside a string loses its quotes', () => {
  const out = transformInput(event, { kind: 'inputTransformer', inputPathsMap: paths, inputTemplate: '"Tags are <tags>"' }, ctx);
  assert.equal(out, '"Tags are {a:b}"');
});

test('string template and predefined variables', () => {
  const t = '"<aws.events.rule-name> fired at <aws.events.event.ingestion-time> for <instance>"';
  assert.equal(
    transformInput(event, { kind: 'inputTransformer', inputPathsMap: paths, inputTemplate: t }, ctx),
    '"r fired at 2015-11-11T21:29:55Z for i-0123456789"',
  );
  const j = '{"arn": <aws.events.rule-arn>, "e": <aws.events.event>, "full": <aws.events.event.json>}';
  const parsed = JSON.parse(transformInput(event, { kind: 'inputTransformer', inputTemplate: j }, ctx)) as Record<string, Record<string, unknown>>;
  assert.equal(parsed['arn'], ctx.ruleArn);
  assert.equal(parsed['e']?.['detail'], undefined);
  assert.equal(parsed['full']?.['source'], 'aws.ec2');
});

test('big numbers keep their digits', () => {
  const out = transformInput(event, { kind: 'inputTransformer', inputPathsMap: { n: '$.detail.n' }, inputTemplate: '{"n": <n>}' }, ctx);
  assert.equal(out, '{"n": 12345678901234567000}');
});

test('a path that selects nothing: "" in a JSON value, nothing in text (AWS recorded)', () => {
  const t = { kind: 'inputTransformer', inputPathsMap: { m: '$.detail.nope' }, inputTemplate: '{"m": <m>, "s": "x<m>y"}' } as const;
  assert.equal(transformInput(event, t, ctx), '{"m": "", "s": "xy"}');
  const s = { kind: 'inputTransformer', inputPathsMap: { m: '$.detail.nope' }, inputTemplate: '"at <m>"' } as const;
  assert.equal(transformInput(event, s, ctx), '"at "');
});

test('InputPath that selects nothing delivers the whole event (Bosun; AWS undocumented)', () => {
  assert.equal(transformInput(event, { kind: 'inputPath', inputPath: '$.detail.nope' }, ctx), event);
});

test('aws.events.event drops detail and names detail-type detailType, as AWS delivers it', () => {
  const out = transformInput(event, { kind: 'inputTransformer', inputTemplate: '{"e": <aws.events.event>}' }, ctx);
  const e = (JSON.parse(out) as { e: Record<string, unknown> }).e;
  assert.equal(e['detailType'], 'EC2 Instance State-change Notification');
  assert.equal(e['detail-type'], undefined);
  assert.equal(e['detail'], undefined);
});

test('validation', () => {
  const bad = (map: Record<string, string>, tpl = '"x"'): void =>
    assert.throws(() => validateInputTransformer(map, tpl), InputTransformerError);
  bad({ 'aws.events.rule-arn': '$.x' });
  bad({ awsThing: '$.x' });
  bad({ 'bad key': '$.x' });
  bad({ k: 'detail.x' });
  bad({ k: '$..x' });
  bad(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, '$.x'])));
  bad({ k: '$.x' }, '');
  bad({ k: '$.x' }, '"<nope>"');
  bad({ k: '$.x' }, '"<p>hello</p> <k>"'); // HTML-like text is a placeholder too
  bad({ k: '$.x' }, '{<k>: 1}');
  validateInputTransformer({ k: '$.detail.a-b_c/d[0]', w: '$.detail.*' }, '{"k": <k>, "r": <aws.events.rule-name>}');
  assert.throws(
    () => validateInputTransformer({ k: '$.x' }, '"Event with <notdefinedkey>"', 'target-1'),
    { message: 'InputTemplate for target target-1 contains invalid placeholder notdefinedkey.' },
  );
  assert.throws(() => validateInputPath('nope'), InputTransformerError);
  validateInputPath('$.detail');
});

test('explainMatch names the failing field', () => {
  const e = explainMatch('{"source":["aws.ec2"],"detail":{"state":["STOPPED"]}}', event);
  assert.equal(e.matches, false);
  assert.equal(e.failures[0]?.field, 'detail.state');
  assert.match(e.failures[0]?.reason ?? '', /RUNNING/);
  assert.equal(explainMatch('{"source":["aws.ec2"]}', event).matches, true);
});
