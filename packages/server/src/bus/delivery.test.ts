import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AwsError } from '../errors/index.js';
import { account, eventsHarness, type EventsHarness } from '../services/events/testing.js';
import { targetQueue } from './records.js';

const target = `arn:aws:sqs:us-east-1:${account}:target`;
const dlq = `arn:aws:sqs:us-east-1:${account}:dlq`;

async function ruleWithTarget(h: EventsHarness, extra: Record<string, unknown> = {}): Promise<string> {
  const { RuleArn } = await h.call<{ RuleArn: string }>('PutRule', { Name: 'r', EventPattern: '{"source":["app"]}' });
  await h.call('PutTargets', { Rule: 'r', Targets: [{ Id: 't', Arn: target, ...extra }] });
  return RuleArn;
}

async function putOne(h: EventsHarness, detail = '{"n":1}'): Promise<string> {
  const res = await h.call<{ Entries: { EventId: string }[] }>('PutEvents', { Entries: [{ Source: 'app', DetailType: 'd', Detail: detail }] });
  return res.Entries[0]!.EventId;
}

const throttled = () => new AwsError('ThrottlingException', 'Rate exceeded', { status: 400 });

test('a retryable failure is retried with backoff and then delivered', async () => {
  const h = await eventsHarness();
  h.sqs.create(target);
  const ruleArn = await ruleWithTarget(h);
  h.sqs.failures.set(target, throttled);
  await putOne(h);
  await h.settle();
  assert.equal(h.sqs.messages(target).length, 0);
  // Not due before the backoff (random 0.5 → 750 ms for the first retry).
  h.clock.advance(700);
  await h.settle();
  h.sqs.failures.delete(target);
  h.clock.advance(100);
  await h.settle();
  assert.equal(h.sqs.messages(target).length, 1);
  const s = h.service.engine.metrics.targets.get(`${ruleArn}#t`);
  assert.deepEqual(
    { attempts: s?.counters.InvocationAttempts, retries: s?.counters.RetryInvocationAttempts, ok: s?.counters.SuccessfulInvocationAttempts, inv: s?.counters.Invocations },
    { attempts: 2, retries: 1, ok: 1, inv: 1 },
  );
  assert.equal(s?.lastError?.errorCode, 'THROTTLING');
  assert.equal(await h.storage.deliveries.depth(), 0);
});

test('a target that keeps failing ends in its DLQ when the retry policy runs out', async () => {
  const h = await eventsHarness();
  h.sqs.create(target).create(dlq);
  const ruleArn = await ruleWithTarget(h, { RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 86_400 }, DeadLetterConfig: { Arn: dlq } });
  h.sqs.failures.set(target, throttled);
  const eventId = await putOne(h);
  for (let i = 0; i < 10; i++) {
    await h.settle();
    h.clock.advance(60_000);
  }
  const [dead] = h.sqs.messages(dlq);
  assert.ok(dead);
  assert.equal((JSON.parse(dead.body) as { id: string }).id, eventId);
  assert.deepEqual(Object.fromEntries(Object.entries(dead.attributes ?? {}).map(([k, v]) => [k, v.StringValue])), {
    RULE_ARN: ruleArn,
    TARGET_ARN: target,
    ERROR_CODE: 'THROTTLING',
    ERROR_MESSAGE: 'Rate exceeded',
    EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
    RETRY_ATTEMPTS: '3',
  });
  const s = h.service.engine.metrics.targets.get(`${ruleArn}#t`);
  assert.deepEqual([s?.counters.InvocationAttempts, s?.counters.FailedInvocations, s?.counters.InvocationsSentToDlq], [4, 1, 1]);
  assert.equal(await h.storage.deliveries.depth(), 0);
});

test('the event age limit also ends retries', async () => {
  const h = await eventsHarness();
  h.sqs.create(target).create(dlq);
  await ruleWithTarget(h, { RetryPolicy: { MaximumEventAgeInSeconds: 60 }, DeadLetterConfig: { Arn: dlq } });
  h.sqs.failures.set(target, throttled);
  await putOne(h);
  for (let i = 0; i < 200 && h.sqs.messages(dlq).length === 0; i++) {
    await h.settle();
    h.clock.advance(5_000);
  }
  assert.equal(h.sqs.messages(dlq)[0]?.attributes?.EXHAUSTED_RETRY_CONDITION?.StringValue, 'MaximumEventAgeInSeconds');
});

test('a failure that cannot succeed goes to the DLQ at once', async () => {
  const h = await eventsHarness();
  h.sqs.create(dlq);
  const ruleArn = await ruleWithTarget(h, { DeadLetterConfig: { Arn: dlq } });
  await putOne(h);
  await h.settle();
  const [dead] = h.sqs.messages(dlq);
  assert.equal(dead?.attributes?.ERROR_CODE?.StringValue, 'NO_RESOURCE');
  assert.equal(dead?.attributes?.EXHAUSTED_RETRY_CONDITION, undefined);
  assert.equal(dead?.attributes?.RETRY_ATTEMPTS?.StringValue, '0');
  assert.equal(h.service.engine.metrics.targets.get(`${ruleArn}#t`)?.counters.InvocationAttempts, 1);
});

test('without a DLQ an undeliverable event is dropped and counted, never silently', async () => {
  const h = await eventsHarness();
  const ruleArn = await ruleWithTarget(h);
  await putOne(h);
  await h.settle();
  const s = h.service.engine.metrics.targets.get(`${ruleArn}#t`);
  assert.deepEqual([s?.counters.FailedInvocations, s?.counters.InvocationsDropped, s?.lastError?.errorCode], [1, 1, 'NO_RESOURCE']);
});

test('targets of kinds Bosun cannot deliver to yet fail with a clear reason', async () => {
  const h = await eventsHarness();
  h.sqs.create(dlq);
  const { RuleArn } = await h.call<{ RuleArn: string }>('PutRule', { Name: 'r', EventPattern: '{"source":["app"]}' });
  await h.call('PutTargets', { Rule: 'r', Targets: [{ Id: 'fn', Arn: `arn:aws:lambda:us-east-1:${account}:function:f`, DeadLetterConfig: { Arn: dlq } }] });
  await putOne(h);
  await h.settle();
  const err = h.service.engine.metrics.targets.get(`${RuleArn}#fn`)?.lastError;
  assert.match(err?.errorMessage ?? '', /does not deliver to lambda targets yet/);
  assert.equal(h.sqs.messages(dlq).length, 1);
});

test('a delivery leased when the process died is delivered as soon as Bosun is back', async () => {
  const h = await eventsHarness();
  h.sqs.create(target);
  const ruleArn = await ruleWithTarget(h);
  await h.settle();
  const meta = { ruleArn, targetId: 't', eventId: 'e1', ingestedAt: h.clock.now() };
  await h.storage.commit({ deliveries: [{ queue: targetQueue(ruleArn, 't'), body: '{"id":"e1","detail":{}}', meta }] });
  const leased = await h.storage.deliveries.lease({ limit: 10, now: h.clock.now(), leaseMs: 60_000 });
  assert.equal(leased.length, 1);
  // Still leased: a worker of the same process leaves it alone until the lease runs out.
  await h.service.engine.worker.runOnce();
  assert.equal(h.sqs.messages(target).length, 0);
  const h2 = await h.restart();
  await h2.service.engine.worker.recover();
  assert.equal(h2.sqs.messages(target).length, 1);
});

test('a target with a backlog gets new events queued behind it; direct delivery resumes once it drains', async () => {
  const h = await eventsHarness();
  h.sqs.create(target);
  const ruleArn = await ruleWithTarget(h);
  h.sqs.failures.set(target, throttled);
  await putOne(h, '{"n":1}');
  await h.settle();
  assert.equal(h.service.engine.depths.get(targetQueue(ruleArn, 't')), 1);
  h.sqs.failures.delete(target);
  await putOne(h, '{"n":2}');
  await h.service.engine.matcher.drain();
  assert.equal(h.service.engine.depths.get(targetQueue(ruleArn, 't')), 2);
  h.clock.advance(60_000);
  await h.settle();
  assert.deepEqual(h.sqs.messages(target).map((m) => (JSON.parse(m.body) as { detail: { n: number } }).detail.n).sort(), [1, 2]);
  await putOne(h, '{"n":3}');
  await h.service.engine.matcher.drain();
  assert.equal(h.sqs.messages(target).length, 3);
  assert.equal(await h.storage.deliveries.depth(), 0);
});

test('a scheduled rule sends AWS Scheduled Events; ticks missed while down are skipped', async () => {
  const h = await eventsHarness();
  h.sqs.create(target);
  const { RuleArn } = await h.call<{ RuleArn: string }>('PutRule', { Name: 'tick', ScheduleExpression: 'rate(5 minutes)' });
  await h.call('PutTargets', { Rule: 'tick', Targets: [{ Id: 't', Arn: target }] });
  await h.settle();
  assert.equal(h.sqs.messages(target).length, 0);
  h.clock.advance(5 * 60_000);
  await h.settle();
  const [first] = h.sqs.messages(target);
  assert.ok(first);
  const event = JSON.parse(first.body) as Record<string, unknown>;
  assert.deepEqual(
    { ...event, id: undefined },
    { version: '0', id: undefined, 'detail-type': 'Scheduled Event', source: 'aws.events', account, time: '2026-01-01T00:05:00Z', region: 'us-east-1', resources: [RuleArn], detail: {} },
  );
  // Down for two hours: one late tick at most, no catch-up storm.
  h.clock.advance(2 * 3_600_000 + 30_000);
  const h2 = await h.restart();
  await h2.settle();
  assert.equal(h2.sqs.messages(target).length, 2);
  h2.clock.advance(5 * 60_000);
  await h2.settle();
  assert.equal(h2.sqs.messages(target).length, 3);
});

test('a rule can target another event bus', async () => {
  const h = await eventsHarness();
  h.sqs.create(target);
  const other = await h.call<{ EventBusArn: string }>('CreateEventBus', { Name: 'other' });
  await h.call('PutRule', { Name: 'fwd', EventPattern: '{"source":["app"]}' });
  await h.call('PutTargets', { Rule: 'fwd', Targets: [{ Id: 'bus', Arn: other.EventBusArn }] });
  await h.call('PutRule', { Name: 'there', EventBusName: 'other', EventPattern: '{"source":["app"]}' });
  await h.call('PutTargets', { Rule: 'there', EventBusName: 'other', Targets: [{ Id: 'q', Arn: target }] });
  const id = await putOne(h);
  await h.settle();
  const [msg] = h.sqs.messages(target);
  assert.equal((JSON.parse(msg?.body ?? '{}') as { id: string }).id, id);
});

test('events other writers journal on a bus stream (ECR pushes) are matched like PutEvents', async () => {
  const h = await eventsHarness();
  h.sqs.create(target);
  await h.call('PutRule', { Name: 'ecr', EventPattern: '{"source":["aws.ecr"],"detail-type":["ECR Image Action"],"detail":{"action-type":["PUSH"]}}' });
  await h.call('PutTargets', { Rule: 'ecr', Targets: [{ Id: 't', Arn: target, InputPath: '$.detail' }] });
  const event = {
    version: '0',
    id: 'ecr-1',
    'detail-type': 'ECR Image Action',
    source: 'aws.ecr',
    account,
    time: '2026-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: { result: 'SUCCESS', 'repository-name': 'app', 'image-digest': 'sha256:00', 'action-type': 'PUSH', 'image-tag': 'v1' },
  };
  await h.storage.commit({ events: [{ stream: `arn:aws:events:us-east-1:${account}:event-bus/default`, body: JSON.stringify(event) }] });
  await h.settle();
  assert.deepEqual(h.sqs.messages(target).map((m) => JSON.parse(m.body) as unknown), [event.detail]);
});
