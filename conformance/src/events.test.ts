import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { awsCli, startBosun, testAccount, type BosunProcess, awsJson } from './harness.js';

/**
 * EventBridge with the aws CLI against a real `bosun serve`: a rule on a custom bus, an SQS
 * target with an input transformer, PutEvents batches, the exact bodies received from the queue;
 * a disabled rule; AWS's errors; a restart; a dead-letter queue.
 */


function createQueue(bosun: BosunProcess, name: string): { url: string; arn: string } {
  const url = String(awsJson(bosun, ['sqs', 'create-queue', '--queue-name', name]).QueueUrl);
  const attrs = awsJson(bosun, ['sqs', 'get-queue-attributes', '--queue-url', url, '--attribute-names', 'QueueArn']).Attributes as Record<string, string>;
  return { url, arn: String(attrs.QueueArn) };
}

interface Received {
  Body: string;
  MessageAttributes?: Record<string, { StringValue?: string; DataType: string }>;
}

/** Receive (and delete) until `count` messages arrived or `timeoutMs` passed. */
function receive(bosun: BosunProcess, url: string, count: number, timeoutMs = 10_000): Received[] {
  const got: Received[] = [];
  const deadline = Date.now() + timeoutMs;
  while (got.length < count && Date.now() < deadline) {
    const out = awsJson(bosun, ['sqs', 'receive-message', '--queue-url', url, '--max-number-of-messages', '10', '--wait-time-seconds', '1', '--message-attribute-names', 'All']);
    const messages = (out.Messages ?? []) as (Received & { ReceiptHandle: string })[];
    for (const m of messages) {
      got.push(m);
      awsJson(bosun, ['sqs', 'delete-message', '--queue-url', url, '--receipt-handle', m.ReceiptHandle]);
    }
  }
  return got;
}

async function status(bosun: BosunProcess): Promise<{ journal: { lastSeq: number; matcherCursor: number }; rules: { name: string; counters: Record<string, number>; targets: { id: string; pendingDeliveries: number; counters: Record<string, number>; lastError?: { errorCode: string } }[] }[] }> {
  const res = await fetch(`${bosun.url}/_bosun/events/status`);
  return (await res.json()) as never;
}

/** Until the matcher has read everything and no delivery is pending. */
async function settled(bosun: BosunProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await status(bosun);
    if (s.journal.matcherCursor >= s.journal.lastSeq && s.rules.every((r) => r.targets.every((t) => t.pendingDeliveries === 0))) return;
    if (Date.now() > deadline) assert.fail(`bus did not settle: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('EventBridge with the aws CLI', () => {
  let bosun: BosunProcess;
  before(async () => {
    bosun = await startBosun();
  });
  after(async () => {
    await bosun.dispose();
  });

  it('delivers a PutEvents batch through an input transformer to an SQS queue, with exact bodies', async () => {
    const queue = createQueue(bosun, 'orders');
    const bus = awsJson(bosun, ['events', 'create-event-bus', '--name', 'shop']);
    assert.equal(bus.EventBusArn, `arn:aws:events:us-east-1:${testAccount}:event-bus/shop`);
    const rule = awsJson(bosun, ['events', 'put-rule', '--name', 'order-placed', '--event-bus-name', 'shop', '--event-pattern', JSON.stringify({ source: ['shop.orders'], 'detail-type': ['Order Placed'], detail: { total: [{ numeric: ['>=', 100] }] } })]);
    assert.equal(rule.RuleArn, `arn:aws:events:us-east-1:${testAccount}:rule/shop/order-placed`);
    const transformer = { InputPathsMap: { id: '$.detail.id', total: '$.detail.total', customer: '$.detail.customer.name' }, InputTemplate: '{"order": <id>, "total": <total>, "text": "<customer> paid <total>", "rule": <aws.events.rule-name>}' };
    const targets = awsJson(bosun, ['events', 'put-targets', '--rule', 'order-placed', '--event-bus-name', 'shop', '--targets', JSON.stringify([{ Id: 'orders-queue', Arn: queue.arn, InputTransformer: transformer }])]);
    assert.deepEqual(targets, { FailedEntryCount: 0, FailedEntries: [] });

    const entry = (id: string, total: number, detailType = 'Order Placed') => ({ EventBusName: 'shop', Source: 'shop.orders', DetailType: detailType, Detail: JSON.stringify({ id, total, customer: { name: `c-${id}` } }) });
    const put = awsJson(bosun, ['events', 'put-events', '--entries', JSON.stringify([entry('a1', 150), entry('a2', 99), entry('a3', 100), entry('a4', 500, 'Order Shipped'), { EventBusName: 'shop', Source: 'shop.orders', DetailType: 'Order Placed', Detail: 'not json' }, entry('a5', 1000)])]);
    assert.equal(put.FailedEntryCount, 1);
    const results = put.Entries as Record<string, string>[];
    assert.deepEqual(results[4], { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    assert.equal(results.filter((r) => r.EventId).length, 5);

    const bodies = receive(bosun, queue.url, 3).map((m) => m.Body).sort();
    assert.deepEqual(bodies, [
      '{"order": "a1", "total": 150, "text": "c-a1 paid 150", "rule": "order-placed"}',
      '{"order": "a3", "total": 100, "text": "c-a3 paid 100", "rule": "order-placed"}',
      '{"order": "a5", "total": 1000, "text": "c-a5 paid 1000", "rule": "order-placed"}',
    ]);
    await settled(bosun);
    const s = await status(bosun);
    const r = s.rules.find((x) => x.name === 'order-placed');
    assert.equal(r?.counters.MatchedEvents, 3);
    assert.equal(r?.targets[0]?.counters.Invocations, 3);
  });

  it('a disabled rule delivers nothing', async () => {
    const queue = createQueue(bosun, 'disabled');
    awsJson(bosun, ['events', 'put-rule', '--name', 'off', '--event-pattern', '{"source":["off.test"]}', '--state', 'DISABLED']);
    awsJson(bosun, ['events', 'put-targets', '--rule', 'off', '--targets', JSON.stringify([{ Id: 'q', Arn: queue.arn }])]);
    assert.equal(awsJson(bosun, ['events', 'describe-rule', '--name', 'off']).State, 'DISABLED');
    awsJson(bosun, ['events', 'put-events', '--entries', JSON.stringify([{ Source: 'off.test', DetailType: 'x', Detail: '{}' }])]);
    await settled(bosun);
    assert.deepEqual(receive(bosun, queue.url, 1, 1500), []);
    awsJson(bosun, ['events', 'enable-rule', '--name', 'off']);
    awsJson(bosun, ['events', 'put-events', '--entries', JSON.stringify([{ Source: 'off.test', DetailType: 'x', Detail: '{"n":2}' }])]);
    const [m] = receive(bosun, queue.url, 1);
    assert.deepEqual((JSON.parse(m?.Body ?? '{}') as { detail: unknown }).detail, { n: 2 });
  });

  it('a bad pattern gets InvalidEventPatternException with AWS reason; TestEventPattern agrees with routing', () => {
    const bad = awsCli('v1', bosun.url, ['events', 'put-rule', '--name', 'bad', '--event-pattern', '{"detail":{"n":[{"numeric":[">"]}]}}']);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /An error occurred \(InvalidEventPatternException\) when calling the PutRule operation: Event pattern is not valid\. Reason: /);
    const notArray = awsCli('v2', bosun.url, ['events', 'put-rule', '--name', 'bad', '--event-pattern', '{"source":"x"}']);
    assert.match(notArray.stderr, /InvalidEventPatternException.*Event pattern is not valid\. Reason: "source" must be an object or an array/);
    const event = JSON.stringify({ id: '1', account: testAccount, source: 'a', time: '2026-01-01T00:00:00Z', region: 'us-east-1', 'detail-type': 'x', resources: [], detail: { n: 3 } });
    assert.deepEqual(awsJson(bosun, ['events', 'test-event-pattern', '--event-pattern', '{"detail":{"n":[{"numeric":[">",2]}]}}', '--event', event]), { Result: true });
    const gone = awsCli('v1', bosun.url, ['events', 'delete-rule', '--name', 'off']);
    assert.match(gone.stderr, /ValidationException.*Rule can't be deleted since it has targets\./);
  });

  it('a target that cannot succeed goes to its dead-letter queue at once, with AWS attributes', async () => {
    const dlq = createQueue(bosun, 'dead-letters');
    const missing = `arn:aws:sqs:us-east-1:${testAccount}:does-not-exist`;
    const { RuleArn } = awsJson(bosun, ['events', 'put-rule', '--name', 'to-nowhere', '--event-pattern', '{"source":["dlq.test"]}']);
    awsJson(bosun, ['events', 'put-targets', '--rule', 'to-nowhere', '--targets', JSON.stringify([{ Id: 'gone', Arn: missing, DeadLetterConfig: { Arn: dlq.arn }, RetryPolicy: { MaximumRetryAttempts: 5 } }])]);
    const put = awsJson(bosun, ['events', 'put-events', '--entries', JSON.stringify([{ Source: 'dlq.test', DetailType: 'x', Detail: '{"k":1}' }])]);
    const eventId = (put.Entries as { EventId: string }[])[0]?.EventId;
    const [m] = receive(bosun, dlq.url, 1);
    assert.ok(m, 'a dead letter arrived');
    assert.equal((JSON.parse(m.Body) as { id: string }).id, eventId);
    const attrs = Object.fromEntries(Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue]));
    assert.match(String(attrs.ERROR_MESSAGE), /queue does not exist/);
    assert.deepEqual(attrs, { RULE_ARN: RuleArn, TARGET_ARN: missing, ERROR_CODE: 'NO_RESOURCE', ERROR_MESSAGE: attrs.ERROR_MESSAGE, RETRY_ATTEMPTS: '0' });
    const s = await status(bosun);
    const t = s.rules.find((r) => r.name === 'to-nowhere')?.targets[0];
    assert.equal(t?.counters.InvocationsSentToDlq, 1);
    assert.equal(t?.lastError?.errorCode, 'NO_RESOURCE');
    const metrics = await (await fetch(`${bosun.url}/metrics`)).text();
    assert.match(metrics, /bosun_events_invocations_sent_to_dlq_total\{event_bus_name="default",rule_name="to-nowhere",[^}]*\} 1/);
  });

  it('rules, targets and queues survive a restart; PutEvents delivers as before', async () => {
    const queue = createQueue(bosun, 'after-restart');
    awsJson(bosun, ['events', 'put-rule', '--name', 'kept', '--event-bus-name', 'shop', '--event-pattern', '{"source":["restart.test"]}']);
    awsJson(bosun, ['events', 'put-targets', '--rule', 'kept', '--event-bus-name', 'shop', '--targets', JSON.stringify([{ Id: 'q', Arn: queue.arn, InputPath: '$.detail' }])]);
    bosun = await bosun.restart();
    assert.equal(awsJson(bosun, ['events', 'describe-rule', '--name', 'kept', '--event-bus-name', 'shop']).State, 'ENABLED');
    awsJson(bosun, ['events', 'put-events', '--entries', JSON.stringify([{ EventBusName: 'shop', Source: 'restart.test', DetailType: 'x', Detail: '{"after":"restart"}' }])]);
    const [m] = receive(bosun, queue.url, 1);
    assert.equal(m?.Body, '{"after":"restart"}');
  });
});
