import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, GetLogEventsCommand, PutLogEventsCommand, paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import { awsCli, sdkConfig, startBosun, testAccount, type BosunProcess, awsJson } from './harness.js';

/**
 * CloudWatch Logs against a real `bosun serve`: both aws CLIs and SDK v3 — groups, streams,
 * PutLogEvents rules, GetLogEvents tokens, FilterLogEvents patterns, `aws logs tail`, AWS's
 * errors — and an EventBridge rule delivering into a log group, read back with logs commands.
 */


function fails(bosun: BosunProcess, args: string[], pattern: RegExp, which: 'v1' | 'v2' = 'v1'): void {
  const r = awsCli(which, bosun.url, args);
  assert.notEqual(r.status, 0, `expected aws ${args.join(' ')} to fail`);
  assert.match(r.stderr, pattern);
}

type LogEvent = { timestamp: number; message: string; logStreamName?: string };

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('CloudWatch Logs with the aws CLIs and SDK v3', () => {
  let bosun: BosunProcess;
  before(async () => {
    bosun = await startBosun();
  });
  after(async () => {
    await bosun.dispose();
  });

  it('stores and reads back events with the v1 CLI: both directions, time ranges, filter patterns', () => {
    awsJson(bosun, ['logs', 'create-log-group', '--log-group-name', '/app/web', '--tags', 'team=web']);
    awsJson(bosun, ['logs', 'create-log-stream', '--log-group-name', '/app/web', '--log-stream-name', 'i-1']);
    const now = Date.now();
    const events = [
      { timestamp: now - 3000, message: 'GET / 200' },
      { timestamp: now - 2000, message: '{"level":"ERROR","detail":{"result":"FAILURE"}}' },
      { timestamp: now - 1000, message: '{"level":"INFO","detail":{"result":"SUCCESS"}}' },
      { timestamp: now + 3 * 3_600_000, message: 'from the future' },
    ];
    const put = awsJson(bosun, ['logs', 'put-log-events', '--log-group-name', '/app/web', '--log-stream-name', 'i-1', '--log-events', JSON.stringify(events)]);
    assert.deepEqual(put.rejectedLogEventsInfo, { tooNewLogEventStartIndex: 3 });

    const head = awsJson(bosun, ['logs', 'get-log-events', '--log-group-name', '/app/web', '--log-stream-name', 'i-1', '--start-from-head', '--limit', '2']);
    assert.deepEqual((head.events as LogEvent[]).map((e) => e.message), [events[0]!.message, events[1]!.message]);
    const next = awsJson(bosun, ['logs', 'get-log-events', '--log-group-name', '/app/web', '--log-stream-name', 'i-1', '--next-token', String(head.nextForwardToken)]);
    assert.deepEqual((next.events as LogEvent[]).map((e) => e.message), [events[2]!.message]);
    const tail = awsJson(bosun, ['logs', 'get-log-events', '--log-group-name', '/app/web', '--log-stream-name', 'i-1', '--limit', '1']);
    assert.deepEqual((tail.events as LogEvent[]).map((e) => [e.timestamp, e.message]), [[events[2]!.timestamp, events[2]!.message]]);
    const range = awsJson(bosun, ['logs', 'get-log-events', '--log-group-name', '/app/web', '--log-stream-name', 'i-1', '--start-time', String(now - 2500), '--end-time', String(now - 1000), '--start-from-head']);
    assert.deepEqual((range.events as LogEvent[]).map((e) => e.message), [events[1]!.message]);

    const json = awsJson(bosun, ['logs', 'filter-log-events', '--log-group-name', '/app/web', '--filter-pattern', '{ $.detail.result = "SUCCESS" }']);
    assert.deepEqual((json.events as LogEvent[]).map((e) => [e.logStreamName, e.message]), [['i-1', events[2]!.message]]);
    const either = awsJson(bosun, ['logs', 'filter-log-events', '--log-group-name', '/app/web', '--filter-pattern', '?GET ?"ERROR"']);
    assert.equal((either.events as LogEvent[]).length, 2);
    const without = awsJson(bosun, ['logs', 'filter-log-events', '--log-group-name', '/app/web', '--filter-pattern', 'detail -INFO']);
    assert.deepEqual((without.events as LogEvent[]).map((e) => e.message), [events[1]!.message]);

    const groups = awsJson(bosun, ['logs', 'describe-log-groups', '--log-group-name-prefix', '/app/']);
    assert.deepEqual((groups.logGroups as { logGroupName: string; arn: string }[]).map((g) => [g.logGroupName, g.arn]), [['/app/web', `arn:aws:logs:us-east-1:${testAccount}:log-group:/app/web:*`]]);
    assert.deepEqual(awsJson(bosun, ['logs', 'list-tags-for-resource', '--resource-arn', `arn:aws:logs:us-east-1:${testAccount}:log-group:/app/web`]).tags, { team: 'web' });
    awsJson(bosun, ['logs', 'put-retention-policy', '--log-group-name', '/app/web', '--retention-in-days', '7']);
    assert.equal((awsJson(bosun, ['logs', 'describe-log-groups', '--log-group-name-prefix', '/app/web']).logGroups as { retentionInDays: number }[])[0]?.retentionInDays, 7);
  });

  it('answers bad input with AWS error codes and keeps what was stored', () => {
    fails(bosun, ['logs', 'create-log-group', '--log-group-name', '/app/web'], /\(ResourceAlreadyExistsException\).*The specified log group already exists/);
    fails(bosun, ['logs', 'create-log-group', '--log-group-name', 'bad:name'], /\(InvalidParameterException\).*1 validation error detected: Value 'bad:name' at 'logGroupName'/);
    fails(bosun, ['logs', 'get-log-events', '--log-group-name', '/nope', '--log-stream-name', 'x'], /\(ResourceNotFoundException\).*The specified log group does not exist\./, 'v2');
    fails(bosun, ['logs', 'put-log-events', '--log-group-name', '/app/web', '--log-stream-name', 'nope', '--log-events', `timestamp=${Date.now()},message=x`], /\(ResourceNotFoundException\).*The specified log stream does not exist\./);
    fails(bosun, ['logs', 'filter-log-events', '--log-group-name', '/app/web', '--filter-pattern', '{ $.level = '], /\(InvalidParameterException\).*If a filter pattern starts with '\{' it must end with '\}'/);
    fails(bosun, ['logs', 'filter-log-events', '--log-group-name', '/app/web', '--filter-pattern', '{ $.level < "x" }'], /\(InvalidParameterException\).*Invalid filter pattern/, 'v2');
    fails(bosun, ['logs', 'put-retention-policy', '--log-group-name', '/app/web', '--retention-in-days', '2'], /\(InvalidParameterException\).*Member must satisfy enum value set: \[1, 3, 5, 7, 14/);
    const now = Date.now();
    const unordered = JSON.stringify([{ timestamp: now, message: 'b' }, { timestamp: now - 1, message: 'a' }]);
    fails(bosun, ['logs', 'put-log-events', '--log-group-name', '/app/web', '--log-stream-name', 'i-1', '--log-events', unordered], /\(InvalidParameterException\).*Log events in a single PutLogEvents request must be in chronological order\./);
    const all = awsJson(bosun, ['logs', 'get-log-events', '--log-group-name', '/app/web', '--log-stream-name', 'i-1', '--start-from-head']);
    assert.equal((all.events as LogEvent[]).length, 3);
  });

  it('rejects an upload over 1 MB with the SDK, and pages FilterLogEvents', async () => {
    const client = new CloudWatchLogsClient(sdkConfig(bosun.url));
    await client.send(new CreateLogGroupCommand({ logGroupName: '/sdk' }));
    await client.send(new CreateLogStreamCommand({ logGroupName: '/sdk', logStreamName: 's' }));
    const now = Date.now();
    const big = Array.from({ length: 5 }, (_, i) => ({ timestamp: now, message: `${i}`.padEnd(250_000, 'x') }));
    await assert.rejects(client.send(new PutLogEventsCommand({ logGroupName: '/sdk', logStreamName: 's', logEvents: big })), (e: Error) => e.name === 'InvalidParameterException' && e.message === 'Upload too large: 1250130 bytes exceeds limit of 1048576');
    const logEvents = Array.from({ length: 2500 }, (_, i) => ({ timestamp: now - 10_000 + i, message: `event ${i} ${i % 2 ? 'odd' : 'even'}` }));
    await client.send(new PutLogEventsCommand({ logGroupName: '/sdk', logStreamName: 's', logEvents }));
    const odd: string[] = [];
    for await (const page of paginateFilterLogEvents({ client, pageSize: 400 }, { logGroupName: '/sdk', filterPattern: 'odd' })) odd.push(...(page.events ?? []).map((e) => e.message ?? ''));
    assert.equal(odd.length, 1250);
    assert.deepEqual(odd.slice(0, 2), ['event 1 odd', 'event 3 odd']);
    const back = await client.send(new GetLogEventsCommand({ logGroupName: '/sdk', logStreamName: 's', limit: 3 }));
    assert.deepEqual(back.events?.map((e) => e.message), ['event 2497 odd', 'event 2498 even', 'event 2499 odd']);
    client.destroy();
  });

  it('an EventBridge rule writes events into a log group; logs commands and `aws logs tail` read them back', async () => {
    awsJson(bosun, ['logs', 'create-log-group', '--log-group-name', '/aws/events/orders']);
    const groupArn = `arn:aws:logs:us-east-1:${testAccount}:log-group:/aws/events/orders`;
    awsJson(bosun, ['events', 'put-rule', '--name', 'to-logs', '--event-pattern', JSON.stringify({ source: ['shop.orders'] })]);
    awsJson(bosun, ['events', 'put-targets', '--rule', 'to-logs', '--targets', JSON.stringify([{ Id: 'log', Arn: groupArn }])]);
    awsJson(bosun, ['events', 'put-rule', '--name', 'to-logs-shaped', '--event-pattern', JSON.stringify({ source: ['shop.orders'], detail: { result: ['SUCCESS'] } })]);
    awsJson(bosun, ['logs', 'create-log-group', '--log-group-name', '/aws/events/shaped']);
    const transformer = { InputPathsMap: { t: '$.time', id: '$.detail.id' }, InputTemplate: '{"timestamp": <t>, "message": "order <id> succeeded"}' };
    awsJson(bosun, ['events', 'put-targets', '--rule', 'to-logs-shaped', '--targets', JSON.stringify([{ Id: 'log', Arn: `arn:aws:logs:us-east-1:${testAccount}:log-group:/aws/events/shaped`, InputTransformer: transformer }])]);

    const put = awsJson(bosun, ['events', 'put-events', '--entries', JSON.stringify([
      { Source: 'shop.orders', DetailType: 'Order Placed', Detail: JSON.stringify({ id: 'o-1', result: 'SUCCESS' }) },
      { Source: 'shop.orders', DetailType: 'Order Placed', Detail: JSON.stringify({ id: 'o-2', result: 'FAILURE' }) },
    ])]);
    const ids = (put.Entries as { EventId: string }[]).map((e) => e.EventId);

    const streams = await until('two log streams', () => {
      const s = awsJson(bosun, ['logs', 'describe-log-streams', '--log-group-name', '/aws/events/orders']).logStreams as { logStreamName: string }[];
      return s.length === 2 ? s.map((x) => x.logStreamName) : undefined;
    });
    assert.deepEqual(streams.sort(), [...ids].sort(), 'one stream per event, named after the event id');
    const got = awsJson(bosun, ['logs', 'get-log-events', '--log-group-name', '/aws/events/orders', '--log-stream-name', ids[0]!]);
    const [logged] = got.events as LogEvent[];
    const event = JSON.parse(logged!.message) as { id: string; source: string; 'detail-type': string; time: string; account: string; region: string; resources: unknown[]; detail: unknown; version: string };
    assert.deepEqual(Object.keys(event), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    assert.deepEqual([event.id, event.source, event.account, event.detail], [ids[0], 'shop.orders', testAccount, { id: 'o-1', result: 'SUCCESS' }]);
    assert.equal(logged!.timestamp, Date.parse(event.time), 'stamped with the event time');

    const filtered = awsJson(bosun, ['logs', 'filter-log-events', '--log-group-name', '/aws/events/orders', '--filter-pattern', '{ $.detail.result = "SUCCESS" }']);
    assert.deepEqual((filtered.events as LogEvent[]).map((e) => e.logStreamName), [ids[0]]);

    const shaped = await until('the transformed event', () => {
      const r = awsJson(bosun, ['logs', 'filter-log-events', '--log-group-name', '/aws/events/shaped']).events as LogEvent[];
      return r.length ? r : undefined;
    });
    assert.deepEqual(shaped.map((e) => [e.message, e.timestamp]), [['order o-1 succeeded', Date.parse(event.time)]]);

    const tailed = awsCli('v2', bosun.url, ['logs', 'tail', '/aws/events/orders', '--since', '1h', '--format', 'short']);
    assert.equal(tailed.status, 0, tailed.stderr);
    const lines = tailed.stdout.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.ok(lines.some((l) => l.includes('"result":"SUCCESS"')));
  });
});
