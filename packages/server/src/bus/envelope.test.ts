import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildEnvelope, checkEntry, entrySize, isoSeconds, minifyJson } from './envelope.js';

test('an envelope has AWS field order and second-precision time', () => {
  const text = buildEnvelope({
    id: 'e1',
    detailType: 'Order Placed',
    source: 'shop',
    account: '123456789012',
    time: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
    region: 'eu-west-1',
    resources: ['arn:x'],
    detail: '{"a":1}',
  });
  assert.equal(
    text,
    '{"version":"0","id":"e1","detail-type":"Order Placed","source":"shop","account":"123456789012","time":"2026-01-02T03:04:05Z","region":"eu-west-1","resources":["arn:x"],"detail":{"a":1}}',
  );
  assert.deepEqual(Object.keys(JSON.parse(text) as object), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
});

test('a replayed envelope carries replay-name', () => {
  const text = buildEnvelope({ id: 'e', detailType: 'd', source: 's', account: 'a', time: 0, region: 'r', resources: [], detail: '{}', replayName: 'r1' });
  assert.equal((JSON.parse(text) as Record<string, unknown>)['replay-name'], 'r1');
});

test('minifyJson drops whitespace outside strings and keeps number text', () => {
  assert.equal(minifyJson('{ "a b" : [ 1 , 9223372036854775807 ],\n "c":"x \\" y" }'), '{"a b":[1,9223372036854775807],"c":"x \\" y"}');
  assert.equal(minifyJson('{"a":1}'), '{"a":1}');
});

test('isoSeconds renders whole seconds with Z', () => {
  assert.equal(isoSeconds(Date.UTC(2026, 5, 1, 0, 0, 0, 999)), '2026-06-01T00:00:00Z');
});

test('entry checks: required members, malformed detail, reserved sources', () => {
  assert.deepEqual(checkEntry({ DetailType: 'd', Detail: '{}' }), {
    ok: false,
    error: { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' },
  });
  assert.equal(checkEntry({ Source: 's', Detail: '{}' }).ok, false);
  assert.deepEqual(checkEntry({ Source: 's', DetailType: 'd' }), {
    ok: false,
    error: { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' },
  });
  for (const bad of ['{', '[1]', '"x"', '3', 'null']) {
    assert.deepEqual(checkEntry({ Source: 's', DetailType: 'd', Detail: bad }), { ok: false, error: { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' } });
  }
  const reserved = checkEntry({ Source: 'aws.ec2', DetailType: 'd', Detail: '{}' });
  assert.equal(reserved.ok ? '' : reserved.error.ErrorCode, 'NotAuthorizedForSourceException');
  assert.deepEqual(checkEntry({ Source: 's', DetailType: 'd', Detail: '{ "k": 1 }' }), { ok: true, detail: '{"k":1}' });
});

test('entry size counts Time as 14 bytes and strings as UTF-8', () => {
  assert.equal(entrySize({ Source: 'ab', DetailType: 'é', Detail: '{}', Resources: ['r'], Time: new Date() }), 14 + 2 + 2 + 2 + 1);
});
