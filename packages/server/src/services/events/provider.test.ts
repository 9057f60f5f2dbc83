import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AwsError } from '../../errors/index.js';
import { account, eventsHarness } from './testing.js';

const queueArn = `arn:aws:sqs:us-east-1:${account}:orders`;

async function rejects(p: Promise<unknown>, code: string, message?: string | RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof AwsError, String(e));
    assert.equal(e.code, code);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}

test('the default bus always exists and custom buses come and go', async () => {
  const h = await eventsHarness();
  const d = await h.call<{ Name: string; Arn: string }>('DescribeEventBus', {});
  assert.deepEqual([d.Name, d.Arn], ['default', `arn:aws:events:us-east-1:${account}:event-bus/default`]);
  const created = await h.call<{ EventBusArn: string }>('CreateEventBus', { Name: 'orders', Description: 'shop' });
  assert.equal(created.EventBusArn, `arn:aws:events:us-east-1:${account}:event-bus/orders`);
  await rejects(h.call('CreateEventBus', { Name: 'orders' }), 'ResourceAlreadyExistsException', 'Event bus orders already exists.');
  const list = await h.call<{ EventBuses: { Name: string }[] }>('ListEventBuses', {});
  assert.deepEqual(list.EventBuses.map((b) => b.Name), ['default', 'orders']);
  assert.deepEqual((await h.call<{ EventBuses: { Name: string }[] }>('ListEventBuses', { NamePrefix: 'or' })).EventBuses.map((b) => b.Name), ['orders']);
  await h.call('UpdateEventBus', { Name: 'orders', Description: 'new' });
  assert.equal((await h.call<{ Description: string }>('DescribeEventBus', { Name: created.EventBusArn })).Description, 'new');
  await rejects(h.call('DeleteEventBus', { Name: 'default' }), 'ValidationException', 'Cannot delete event bus default.');
  await h.call('DeleteEventBus', { Name: 'orders' });
  await rejects(h.call('DescribeEventBus', { Name: 'orders' }), 'ResourceNotFoundException', 'Event bus orders does not exist.');
});

test('PutRule validates patterns and schedules with AWS wording', async () => {
  const h = await eventsHarness();
  await rejects(h.call('PutRule', { Name: 'r' }), 'ValidationException', 'Parameter(s) EventPattern or ScheduleExpression must be specified.');
  await rejects(h.call('PutRule', { Name: 'r', EventPattern: '{"source":"x"}' }), 'InvalidEventPatternException', /^Event pattern is not valid\. Reason: "source" must be an object or an array/);
  await rejects(h.call('PutRule', { Name: 'r', ScheduleExpression: 'rate(1 minutes)' }), 'ValidationException', 'Parameter ScheduleExpression is not valid.');
  await h.call('CreateEventBus', { Name: 'b' });
  await rejects(h.call('PutRule', { Name: 'r', EventBusName: 'b', ScheduleExpression: 'rate(1 minute)' }), 'ValidationException', 'ScheduleExpression is supported only on the default event bus.');
  await rejects(h.call('PutRule', { Name: 'r', EventBusName: 'nope', EventPattern: '{}' }), 'ResourceNotFoundException', 'Event bus nope does not exist.');
  const r = await h.call<{ RuleArn: string }>('PutRule', { Name: 'r', EventBusName: 'b', EventPattern: '{"source":["shop"]}', Description: 'd' });
  assert.equal(r.RuleArn, `arn:aws:events:us-east-1:${account}:rule/b/r`);
  const described = await h.call<Record<string, unknown>>('DescribeRule', { Name: 'r', EventBusName: 'b' });
  assert.deepEqual(described, { Name: 'r', Arn: r.RuleArn, EventPattern: '{"source":["shop"]}', State: 'ENABLED', Description: 'd', ScheduleExpression: undefined, RoleArn: undefined, ManagedBy: undefined, EventBusName: 'b', CreatedBy: account });
  await rejects(h.call('DescribeRule', { Name: 'x', EventBusName: 'b' }), 'ResourceNotFoundException', 'Rule x does not exist on EventBus b.');
});

test('ListRules pages by name with a prefix', async () => {
  const h = await eventsHarness();
  for (const n of ['c', 'a', 'b', 'ab']) await h.call('PutRule', { Name: n, EventPattern: '{"source":["s"]}' });
  const first = await h.call<{ Rules: { Name: string }[]; NextToken?: string }>('ListRules', { Limit: 2 });
  assert.deepEqual(first.Rules.map((r) => r.Name), ['a', 'ab']);
  const second = await h.call<{ Rules: { Name: string }[]; NextToken?: string }>('ListRules', { Limit: 2, NextToken: first.NextToken });
  assert.deepEqual(second.Rules.map((r) => r.Name), ['b', 'c']);
  assert.equal(second.NextToken, undefined);
  assert.deepEqual((await h.call<{ Rules: { Name: string }[] }>('ListRules', { NamePrefix: 'a' })).Rules.map((r) => r.Name), ['a', 'ab']);
});

test('a rule on a custom bus delivers transformed input to its SQS target; a disabled rule delivers nothing', async () => {
  const h = await eventsHarness();
  h.sqs.create(queueArn);
  await h.call('CreateEventBus', { Name: 'shop' });
  await h.call('PutRule', { Name: 'placed', EventBusName: 'shop', EventPattern: '{"source":["shop"],"detail-type":["Order Placed"]}' });
  const put = await h.call<{ FailedEntryCount: number; FailedEntries: unknown[] }>('PutTargets', {
    Rule: 'placed',
    EventBusName: 'shop',
    Targets: [{ Id: 'q', Arn: queueArn, InputTransformer: { InputPathsMap: { order: '$.detail.order', source: '$.source' }, InputTemplate: '{"order": <order>, "from": <source>, "rule": <aws.events.rule-name>}' } }],
  });
  assert.equal(put.FailedEntryCount, 0);
  const entries = [1, 2, 3].map((n) => ({ EventBusName: 'shop', Source: 'shop', DetailType: 'Order Placed', Detail: JSON.stringify({ order: n }) }));
  const res = await h.call<{ FailedEntryCount: number; Entries: { EventId?: string }[] }>('PutEvents', {
    Entries: [...entries, { EventBusName: 'shop', Source: 'shop', DetailType: 'Order Shipped', Detail: '{"order":9}' }],
  });
  assert.equal(res.FailedEntryCount, 0);
  await h.settle();
  assert.deepEqual(h.sqs.messages(queueArn).map((m) => m.body), ['{"order": 1, "from": "shop", "rule": "placed"}', '{"order": 2, "from": "shop", "rule": "placed"}', '{"order": 3, "from": "shop", "rule": "placed"}']);

  await h.call('DisableRule', { Name: 'placed', EventBusName: 'shop' });
  await h.call('PutEvents', { Entries: entries });
  await h.settle();
  assert.equal(h.sqs.messages(queueArn).length, 3);
  assert.equal((await h.call<{ State: string }>('DescribeRule', { Name: 'placed', EventBusName: 'shop' })).State, 'DISABLED');
});

test('PutEvents reports bad entries while the others go through', async () => {
  const h = await eventsHarness();
  h.sqs.create(queueArn);
  await h.call('PutRule', { Name: 'all', EventPattern: '{"source":["a"]}' });
  await h.call('PutTargets', { Rule: 'all', Targets: [{ Id: '1', Arn: queueArn }] });
  const res = await h.call<{ FailedEntryCount: number; Entries: Record<string, string>[] }>('PutEvents', {
    Entries: [
      { Source: 'a', DetailType: 't', Detail: '{"ok":true}', Resources: ['arn:aws:s3:::b'], Time: new Date(Date.UTC(2025, 5, 1, 12)) },
      { Source: 'a', DetailType: 't', Detail: '{oops' },
      { DetailType: 't', Detail: '{}' },
    ],
  });
  assert.equal(res.FailedEntryCount, 2);
  assert.ok(res.Entries[0]?.EventId);
  assert.deepEqual(res.Entries[1], { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
  assert.equal(res.Entries[2]?.ErrorCode, 'InvalidArgument');
  await h.settle();
  const [msg] = h.sqs.messages(queueArn);
  assert.ok(msg);
  assert.deepEqual(JSON.parse(msg.body), {
    version: '0',
    id: res.Entries[0]?.EventId,
    'detail-type': 't',
    source: 'a',
    account,
    time: '2025-06-01T12:00:00Z',
    region: 'us-east-1',
    resources: ['arn:aws:s3:::b'],
    detail: { ok: true },
  });
  await rejects(h.call('PutEvents', { Entries: [{ Source: 'a', DetailType: 't', Detail: JSON.stringify({ big: 'x'.repeat(1024 * 1024) }) }] }), 'ValidationException', 'Total size of the entries in the request is over the limit.');
});

test('DeleteRule fails while targets remain, as AWS does', async () => {
  const h = await eventsHarness();
  await h.call('PutRule', { Name: 'r', EventPattern: '{"source":["a"]}' });
  await h.call('PutTargets', { Rule: 'r', Targets: [{ Id: '1', Arn: queueArn }] });
  await rejects(h.call('DeleteRule', { Name: 'r' }), 'ValidationException', "Rule can't be deleted since it has targets.");
  assert.deepEqual((await h.call<{ RuleNames: string[] }>('ListRuleNamesByTarget', { TargetArn: queueArn })).RuleNames, ['r']);
  await h.call('RemoveTargets', { Rule: 'r', Ids: ['1'] });
  assert.deepEqual((await h.call<{ Targets: unknown[] }>('ListTargetsByRule', { Rule: 'r' })).Targets, []);
  await h.call('DeleteRule', { Name: 'r' });
  await h.call('DeleteRule', { Name: 'r' });
  await rejects(h.call('DescribeRule', { Name: 'r' }), 'ResourceNotFoundException');
});

test('PutTargets rejects conflicting inputs and reports bad entries in FailedEntries', async () => {
  const h = await eventsHarness();
  await h.call('PutRule', { Name: 'r', EventPattern: '{"source":["a"]}' });
  await rejects(h.call('PutTargets', { Rule: 'r', Targets: [{ Id: '1', Arn: queueArn, Input: '{}', InputPath: '$.detail' }] }), 'ValidationException', 'Only one of Input, InputPath, or InputTransformer must be provided for target 1.');
  await rejects(h.call('PutTargets', { Rule: 'r', Targets: [{ Id: '1', Arn: 'not-an-arn' }] }), 'ValidationException', 'Parameter not-an-arn is not valid. Reason: Provided Arn is not in correct format.');
  const res = await h.call<{ FailedEntryCount: number; FailedEntries: { TargetId: string; ErrorMessage: string }[] }>('PutTargets', {
    Rule: 'r',
    Targets: [
      { Id: 'good', Arn: queueArn },
      { Id: 'bad', Arn: queueArn, InputTransformer: { InputTemplate: '<missing>' } },
    ],
  });
  assert.equal(res.FailedEntryCount, 1);
  assert.equal(res.FailedEntries[0]?.TargetId, 'bad');
  assert.match(res.FailedEntries[0]?.ErrorMessage ?? '', /InputTemplate for target bad contains invalid placeholder missing\./);
  assert.deepEqual((await h.call<{ Targets: { Id: string }[] }>('ListTargetsByRule', { Rule: 'r' })).Targets.map((t) => t.Id), ['good']);
  await rejects(
    h.call('PutTargets', { Rule: 'r', Targets: ['1', '2', '3', '4', '5'].map((Id) => ({ Id, Arn: queueArn })) }),
    'LimitExceededException',
  );
});

test('TestEventPattern answers with the same matcher as routing', async () => {
  const h = await eventsHarness();
  const event = JSON.stringify({ id: '1', account, source: 'shop', time: '2026-01-01T00:00:00Z', region: 'us-east-1', 'detail-type': 'x', resources: [], detail: { n: 5 } });
  assert.deepEqual(await h.call('TestEventPattern', { EventPattern: '{"detail":{"n":[{"numeric":[">",3]}]}}', Event: event }), { Result: true });
  assert.deepEqual(await h.call('TestEventPattern', { EventPattern: '{"source":["other"]}', Event: event }), { Result: false });
  await rejects(h.call('TestEventPattern', { EventPattern: '{"source":[]}', Event: event }), 'InvalidEventPatternException', /Empty arrays are not allowed/);
  await rejects(h.call('TestEventPattern', { EventPattern: '{}', Event: '{"source":"x"}' }), 'ValidationException', 'Parameter Event is not valid.');
});

test('rules, targets and buses survive a restart and deliver as before', async () => {
  const h = await eventsHarness();
  h.sqs.create(queueArn);
  await h.call('CreateEventBus', { Name: 'shop' });
  await h.call('PutRule', { Name: 'r', EventBusName: 'shop', EventPattern: '{"source":["shop"]}' });
  await h.call('PutTargets', { Rule: 'r', EventBusName: 'shop', Targets: [{ Id: 'q', Arn: queueArn, InputPath: '$.detail' }] });
  // Journaled but not yet matched when the process "dies".
  await h.call('PutEvents', { Entries: [{ EventBusName: 'shop', Source: 'shop', DetailType: 'd', Detail: '{"n":1}' }] });
  const h2 = await h.restart();
  await h2.call('PutEvents', { Entries: [{ EventBusName: 'shop', Source: 'shop', DetailType: 'd', Detail: '{"n":2}' }] });
  await h2.settle();
  assert.deepEqual(h2.sqs.messages(queueArn).map((m) => m.body), ['{"n":1}', '{"n":2}']);
  assert.equal((await h2.call<{ Rules: unknown[] }>('ListRules', { EventBusName: 'shop' })).Rules.length, 1);
});

test('tags on buses and rules', async () => {
  const h = await eventsHarness();
  const { RuleArn } = await h.call<{ RuleArn: string }>('PutRule', { Name: 'r', EventPattern: '{"source":["a"]}', Tags: [{ Key: 'team', Value: 'a' }] });
  await h.call('TagResource', { ResourceARN: RuleArn, Tags: [{ Key: 'team', Value: 'b' }, { Key: 'env', Value: 'dev' }] });
  assert.deepEqual((await h.call<{ Tags: unknown[] }>('ListTagsForResource', { ResourceARN: RuleArn })).Tags, [{ Key: 'team', Value: 'b' }, { Key: 'env', Value: 'dev' }]);
  await h.call('UntagResource', { ResourceARN: RuleArn, TagKeys: ['team'] });
  assert.deepEqual((await h.call<{ Tags: unknown[] }>('ListTagsForResource', { ResourceARN: RuleArn })).Tags, [{ Key: 'env', Value: 'dev' }]);
  const bus = `arn:aws:events:us-east-1:${account}:event-bus/default`;
  await h.call('TagResource', { ResourceARN: bus, Tags: [{ Key: 'k', Value: 'v' }] });
  assert.deepEqual((await h.call<{ Tags: unknown[] }>('ListTagsForResource', { ResourceARN: bus })).Tags, [{ Key: 'k', Value: 'v' }]);
  await rejects(h.call('TagResource', { ResourceARN: bus, Tags: [{ Key: 'k', Value: '1' }, { Key: 'k', Value: '2' }] }), 'ValidationException', 'Invalid parameter: Duplicated keys are not allowed.');
  await rejects(h.call('ListTagsForResource', { ResourceARN: `arn:aws:events:us-east-1:${account}:rule/nope` }), 'ResourceNotFoundException', 'Rule nope does not exist on EventBus default.');
});

test('bus permissions: the policy lists statements; other accounts need one to put events', async () => {
  const h = await eventsHarness();
  await h.call('CreateEventBus', { Name: 'shared' });
  await h.call('PutPermission', { EventBusName: 'shared', Action: 'events:PutEvents', Principal: '210987654321', StatementId: 'partner' });
  const policy = JSON.parse((await h.call<{ Policy: string }>('DescribeEventBus', { Name: 'shared' })).Policy) as { Statement: Record<string, unknown>[] };
  assert.deepEqual(policy.Statement, [
    { Sid: 'partner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'events:PutEvents', Resource: `arn:aws:events:us-east-1:${account}:event-bus/shared` },
  ]);
  await rejects(h.call('PutPermission', { EventBusName: 'shared', Action: 'events:PutRule', Principal: '*', StatementId: 'x' }), 'ValidationException', "Provided value in parameter 'action' is not supported.");
  await rejects(h.call('RemovePermission', { EventBusName: 'shared', StatementId: 'nope' }), 'ResourceNotFoundException', 'Statement with the provided id does not exist.');
  await h.call('RemovePermission', { EventBusName: 'shared', StatementId: 'partner' });
  assert.equal((await h.call<{ Policy?: string }>('DescribeEventBus', { Name: 'shared' })).Policy, undefined);
});

test('cross-account PutEvents is checked against the bus policy', async () => {
  const h = await eventsHarness();
  h.sqs.create(queueArn);
  const { EventBusArn } = await h.call<{ EventBusArn: string }>('CreateEventBus', { Name: 'shared' });
  await h.call('PutRule', { Name: 'r', EventBusName: 'shared', EventPattern: '{"source":["partner"]}' });
  await h.call('PutTargets', { Rule: 'r', EventBusName: 'shared', Targets: [{ Id: 'q', Arn: queueArn }] });
  const partner = { ...h.ctx, accountId: '210987654321' };
  const putEvents = h.service.provider.operations.PutEvents as (i: unknown, c: typeof partner) => Promise<{ Entries: Record<string, string>[] }>;
  const entry = { EventBusName: EventBusArn, Source: 'partner', DetailType: 'd', Detail: '{}' };
  const denied = await putEvents({ Entries: [entry] }, partner);
  assert.equal(denied.Entries[0]?.ErrorCode, 'AccessDeniedException');
  await h.call('PutPermission', { EventBusName: 'shared', Action: 'events:PutEvents', Principal: '210987654321', StatementId: 'partner' });
  const allowed = await putEvents({ Entries: [entry] }, partner);
  assert.ok(allowed.Entries[0]?.EventId);
  await h.settle();
  const [m] = h.sqs.messages(queueArn);
  assert.equal((JSON.parse(m?.body ?? '{}') as { account: string }).account, '210987654321');
});
