import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AwsError } from '../../errors/index.js';
import { account, eventsHarness, type EventsHarness } from './testing.js';

const queue = `arn:aws:sqs:us-east-1:${account}:q`;
const bus = `arn:aws:events:us-east-1:${account}:event-bus/default`;

async function put(h: EventsHarness, n: number): Promise<void> {
  await h.call('PutEvents', { Entries: [{ Source: 'app', DetailType: 'd', Detail: JSON.stringify({ n }) }] });
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AwsError ? `${e.code}: ${e.message}` : String(e);
  }
}

test('an archive keeps matching events and counts them', async () => {
  const h = await eventsHarness();
  const created = await h.call<{ ArchiveArn: string; State: string }>('CreateArchive', { ArchiveName: 'all', EventSourceArn: bus, EventPattern: '{"detail":{"n":[{"numeric":[">",1]}]}}' });
  assert.equal(created.ArchiveArn, `arn:aws:events:us-east-1:${account}:archive/all`);
  assert.equal(created.State, 'ENABLED');
  for (const n of [1, 2, 3]) await put(h, n);
  await h.settle();
  const d = await h.call<{ EventCount: number; SizeBytes: number; RetentionDays: number }>('DescribeArchive', { ArchiveName: 'all' });
  assert.equal(d.EventCount, 2);
  assert.ok(d.SizeBytes > 100);
  assert.equal(d.RetentionDays, 0);
  assert.equal(await code(h.call('CreateArchive', { ArchiveName: 'all', EventSourceArn: bus })), 'ResourceAlreadyExistsException: Archive all already exists.');
  assert.equal(await code(h.call('CreateArchive', { ArchiveName: 'x', EventSourceArn: `arn:aws:events:us-east-1:${account}:event-bus/nope` })), 'ResourceNotFoundException: Event bus nope does not exist.');
  assert.equal(await code(h.call('ListArchives', { NamePrefix: 'a', State: 'ENABLED' })), 'ValidationException: At most one filter is allowed for ListArchives. Use either : State, EventSourceArn, or NamePrefix.');
  assert.deepEqual((await h.call<{ Archives: { ArchiveName: string }[] }>('ListArchives', { EventSourceArn: bus })).Archives.map((a) => a.ArchiveName), ['all']);
  await h.call('DeleteArchive', { ArchiveName: 'all' });
  assert.equal(await code(h.call('DescribeArchive', { ArchiveName: 'all' })), 'ResourceNotFoundException: Archive all does not exist.');
});

test('a replay re-sends archived events in its time window, marked with replay-name', async () => {
  const h = await eventsHarness();
  h.sqs.create(queue);
  await h.call('CreateArchive', { ArchiveName: 'a', EventSourceArn: bus });
  await h.call('PutRule', { Name: 'r', EventPattern: '{"source":["app"]}' });
  await h.call('PutTargets', { Rule: 'r', Targets: [{ Id: 'q', Arn: queue }] });
  const t0 = h.clock.now();
  await put(h, 1);
  await h.settle();
  h.clock.advance(60_000);
  await put(h, 2);
  await h.settle();
  h.clock.advance(60_000);
  await put(h, 3);
  await h.settle();
  assert.equal(h.sqs.messages(queue).length, 3);

  const archiveArn = `arn:aws:events:us-east-1:${account}:archive/a`;
  const started = await h.call<{ State: string }>('StartReplay', {
    ReplayName: 'again',
    EventSourceArn: archiveArn,
    EventStartTime: new Date(t0 + 30_000),
    EventEndTime: new Date(t0 + 150_000),
    Destination: { Arn: bus },
  });
  assert.equal(started.State, 'STARTING');
  await h.settle();
  const replayed = h.sqs.messages(queue).slice(3).map((m) => JSON.parse(m.body) as { detail: { n: number }; 'replay-name': string });
  assert.deepEqual(replayed.map((e) => [e.detail.n, e['replay-name']]), [[2, 'again'], [3, 'again']]);
  const d = await h.call<{ State: string; EventLastReplayedTime: Date }>('DescribeReplay', { ReplayName: 'again' });
  assert.equal(d.State, 'COMPLETED');
  // Replayed events are not archived again.
  assert.equal((await h.call<{ EventCount: number }>('DescribeArchive', { ArchiveName: 'a' })).EventCount, 3);
  assert.equal(await code(h.call('CancelReplay', { ReplayName: 'again' })), 'IllegalStatusException: Replay again is not in a valid state for this operation.');
  assert.deepEqual((await h.call<{ Replays: { ReplayName: string }[] }>('ListReplays', {})).Replays.map((r) => r.ReplayName), ['again']);
});

test('StartReplay checks its window, destination and archive', async () => {
  const h = await eventsHarness();
  await h.call('CreateEventBus', { Name: 'other' });
  await h.call('CreateArchive', { ArchiveName: 'a', EventSourceArn: bus });
  const archiveArn = `arn:aws:events:us-east-1:${account}:archive/a`;
  const base = { ReplayName: 'r', EventSourceArn: archiveArn, EventStartTime: new Date(1000), EventEndTime: new Date(2000), Destination: { Arn: bus } };
  assert.equal(await code(h.call('StartReplay', { ...base, EventEndTime: new Date(0) })), 'ValidationException: Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.');
  assert.equal(await code(h.call('StartReplay', { ...base, Destination: { Arn: `arn:aws:events:us-east-1:${account}:event-bus/other` } })), 'ValidationException: Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.');
  assert.equal(await code(h.call('StartReplay', { ...base, EventSourceArn: `arn:aws:events:us-east-1:${account}:archive/zz` })), 'ValidationException: Parameter EventSourceArn is not valid. Reason: Archive zz does not exist.');
  assert.equal(await code(h.call('StartReplay', base)), 'ok');
  assert.equal(await code(h.call('StartReplay', base)), 'ResourceAlreadyExistsException: Replay r already exists.');
});

test('a cancelled replay stops', async () => {
  const h = await eventsHarness();
  await h.call('CreateArchive', { ArchiveName: 'a', EventSourceArn: bus });
  for (let n = 0; n < 3; n++) await put(h, n);
  await h.settle();
  await h.call('StartReplay', { ReplayName: 'r', EventSourceArn: `arn:aws:events:us-east-1:${account}:archive/a`, EventStartTime: new Date(0), EventEndTime: new Date(h.clock.now() + 1000), Destination: { Arn: bus } });
  assert.deepEqual(await h.call('CancelReplay', { ReplayName: 'r' }), { ReplayArn: `arn:aws:events:us-east-1:${account}:replay/r`, State: 'CANCELLING' });
  await h.settle();
  assert.equal((await h.call<{ State: string }>('DescribeReplay', { ReplayName: 'r' })).State, 'CANCELLED');
});
