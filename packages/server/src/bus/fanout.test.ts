import assert from 'node:assert/strict';
import { test } from 'node:test';
import { busArn, ruleArn } from './arn.js';
import { BusCatalog } from './catalog.js';
import { eventIdOf, fanOut, streamKind } from './fanout.js';
import type { RuleRecord } from './records.js';

const scope = { accountId: '123456789012', region: 'us-east-1' };
const bus = busArn(scope, 'default');

function rule(name: string, extra: Partial<RuleRecord> = {}): RuleRecord {
  return { name, arn: ruleArn(scope, 'default', name), busName: 'default', busArn: bus, ...scope, state: 'ENABLED', createdBy: scope.accountId, tags: [], targets: [{ Id: 't1', Arn: 'arn:aws:sqs:us-east-1:1:q' }], createdAt: 0, modifiedAt: 0, ...extra };
}

const event = (source: string, extra = '') => `{"version":"0","id":"ev-1","detail-type":"d","source":"${source}","account":"1","time":"t","region":"us-east-1","resources":[],"detail":{}${extra}}`;
const record = (stream: string, body: string) => ({ stream, body, seq: 7, appendedAt: 1000 });

test('stream kinds and cheap event ids', () => {
  assert.equal(streamKind(bus), 'bus');
  assert.equal(streamKind(ruleArn(scope, 'default', 'r')), 'rule');
  assert.equal(streamKind('arn:aws:events:us-east-1:1:replay/x'), 'replay');
  assert.equal(streamKind('arn:aws:events:us-east-1:1:archive/x'), 'other');
  assert.equal(streamKind('ecr:something'), 'other');
  assert.equal(eventIdOf(event('a')), 'ev-1');
  assert.equal(eventIdOf('{"detail":{"x":1},"id":"late"}'), 'late');
});

test('a bus event reaches every target of every enabled matching rule, and matching archives', () => {
  const c = new BusCatalog();
  c.putRule(rule('a', { eventPattern: '{"source":["s"]}', targets: [{ Id: 't1', Arn: 'x' }, { Id: 't2', Arn: 'y' }] }));
  c.putRule(rule('off', { eventPattern: '{"source":["s"]}', state: 'DISABLED' }));
  c.putRule(rule('other', { eventPattern: '{"source":["o"]}' }));
  c.putArchive({ name: 'all', arn: 'arn:aws:events:us-east-1:1:archive/all', ...scope, eventSourceArn: bus, retentionDays: 0, createdAt: 0 });
  c.putArchive({ name: 'o', arn: 'arn:aws:events:us-east-1:1:archive/o', ...scope, eventSourceArn: bus, eventPattern: '{"source":["o"]}', retentionDays: 0, createdAt: 0 });
  const out = fanOut(record(bus, event('s')), c, () => undefined);
  assert.deepEqual(out.rules.map((r) => r.name), ['a']);
  assert.deepEqual(out.deliveries.map((d) => [d.queue, d.meta]), [
    [`events:${ruleArn(scope, 'default', 'a')}#t1`, { ruleArn: ruleArn(scope, 'default', 'a'), targetId: 't1', eventId: 'ev-1', ingestedAt: 1000 }],
    [`events:${ruleArn(scope, 'default', 'a')}#t2`, { ruleArn: ruleArn(scope, 'default', 'a'), targetId: 't2', eventId: 'ev-1', ingestedAt: 1000 }],
  ]);
  assert.deepEqual(out.archived.map((a) => a.stream), ['arn:aws:events:us-east-1:1:archive/all']);
});

test('a scheduled event reaches only its rule, and only while enabled', () => {
  const c = new BusCatalog();
  const r = rule('tick', { scheduleExpression: 'rate(1 minute)' });
  c.putRule(r);
  assert.equal(fanOut(record(r.arn, event('aws.events')), c, () => undefined).deliveries.length, 1);
  c.putRule({ ...r, state: 'DISABLED' });
  assert.equal(fanOut(record(r.arn, event('aws.events')), c, () => undefined).deliveries.length, 0);
});

test('a replayed event goes to the destination rules (or the FilterArns) and is never archived again', () => {
  const c = new BusCatalog();
  c.putRule(rule('a', { eventPattern: '{"source":["s"]}' }));
  c.putRule(rule('b', { eventPattern: '{"source":["s"]}' }));
  c.putArchive({ name: 'all', arn: 'arn:aws:events:us-east-1:1:archive/all', ...scope, eventSourceArn: bus, retentionDays: 0, createdAt: 0 });
  const replay = 'arn:aws:events:us-east-1:1:replay/r';
  const all = fanOut(record(replay, event('s', ',"replay-name":"r"')), c, () => ({ busArn: bus }));
  assert.deepEqual([all.rules.map((r) => r.name), all.archived.length], [['a', 'b'], 0]);
  const only = fanOut(record(replay, event('s')), c, () => ({ busArn: bus, filterArns: [ruleArn(scope, 'default', 'b')] }));
  assert.deepEqual(only.rules.map((r) => r.name), ['b']);
});
