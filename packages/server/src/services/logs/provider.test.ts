import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAwsError } from '../../errors/index.js';
import { logsHarness, type LogsHarness } from './testing.js';

type Events = { events: { timestamp: number; message: string; logStreamName?: string }[]; nextForwardToken?: string; nextBackwardToken?: string; nextToken?: string };

function code(name: string, message?: string) {
  return (e: unknown) => isAwsError(e) && e.code === name && (message === undefined || e.message === message);
}

describe('CloudWatch Logs provider', () => {
  let h: LogsHarness;
  before(async () => {
    h = await logsHarness();
  });
  after(() => h.dispose());

  it('creates, lists with a prefix and pages log groups', async () => {
    for (const n of ['/app/a', '/app/b', '/app/c', '/other']) await h.call('CreateLogGroup', { logGroupName: n });
    await assert.rejects(h.call('CreateLogGroup', { logGroupName: '/app/a' }), code('ResourceAlreadyExistsException', 'The specified log group already exists'));
    const first = await h.call<{ logGroups: { logGroupName: string; arn: string; logGroupArn: string }[]; nextToken?: string }>('DescribeLogGroups', { logGroupNamePrefix: '/app/', limit: 2 });
    assert.deepEqual(first.logGroups.map((g) => g.logGroupName), ['/app/a', '/app/b']);
    assert.equal(first.logGroups[0]!.arn, 'arn:aws:logs:us-east-1:123456789012:log-group:/app/a:*');
    assert.equal(first.logGroups[0]!.logGroupArn, 'arn:aws:logs:us-east-1:123456789012:log-group:/app/a');
    const second = await h.call<{ logGroups: { logGroupName: string }[]; nextToken?: string }>('DescribeLogGroups', { logGroupNamePrefix: '/app/', limit: 2, nextToken: first.nextToken });
    assert.deepEqual(second.logGroups.map((g) => g.logGroupName), ['/app/c']);
    assert.equal(second.nextToken, undefined);
    const pattern = await h.call<{ logGroups: { logGroupName: string }[] }>('DescribeLogGroups', { logGroupNamePattern: 'OTH' });
    assert.deepEqual(pattern.logGroups.map((g) => g.logGroupName), ['/other']);
  });

  it('stores events, reports rejected ones, and reads them back both ways', async () => {
    await h.call('CreateLogStream', { logGroupName: '/app/a', logStreamName: 's1' });
    await assert.rejects(h.call('CreateLogStream', { logGroupName: '/app/a', logStreamName: 's1' }), code('ResourceAlreadyExistsException'));
    const now = h.clock.now();
    const put = await h.call<{ rejectedLogEventsInfo?: Record<string, number> }>('PutLogEvents', {
      logGroupName: '/app/a',
      logStreamName: 's1',
      logEvents: [{ timestamp: now - 15 * 86_400_000, message: 'ancient' }, ...Array.from({ length: 5 }, (_, i) => ({ timestamp: now - 5000 + i * 1000, message: `m${i}` })), { timestamp: now + 3 * 3_600_000, message: 'future' }],
    });
    assert.deepEqual(put.rejectedLogEventsInfo, { tooOldLogEventEndIndex: 0, tooNewLogEventStartIndex: 6 });

    const head = await h.call<Events>('GetLogEvents', { logGroupName: '/app/a', logStreamName: 's1', startFromHead: true, limit: 2 });
    assert.deepEqual(head.events.map((e) => e.message), ['m0', 'm1']);
    const next = await h.call<Events>('GetLogEvents', { logGroupName: '/app/a', logStreamName: 's1', nextToken: head.nextForwardToken, limit: 10 });
    assert.deepEqual(next.events.map((e) => e.message), ['m2', 'm3', 'm4']);
    const end = await h.call<Events>('GetLogEvents', { logGroupName: '/app/a', logStreamName: 's1', nextToken: next.nextForwardToken });
    assert.deepEqual(end.events, []);
    assert.equal(end.nextForwardToken, next.nextForwardToken, 'at the end AWS hands back the same token');

    const tail = await h.call<Events>('GetLogEvents', { logGroupName: '/app/a', logStreamName: 's1', limit: 2 });
    assert.deepEqual(tail.events.map((e) => e.message), ['m3', 'm4']);
    const back = await h.call<Events>('GetLogEvents', { logGroupName: '/app/a', logStreamName: 's1', nextToken: tail.nextBackwardToken, limit: 2 });
    assert.deepEqual(back.events.map((e) => e.message), ['m1', 'm2']);

    const range = await h.call<Events>('GetLogEvents', { logGroupName: '/app/a', logStreamName: 's1', startTime: now - 4000, endTime: now - 2000, startFromHead: true });
    assert.deepEqual(range.events.map((e) => e.message), ['m1', 'm2']);

    const stream = await h.call<{ logStreams: { firstEventTimestamp: number; lastEventTimestamp: number; lastIngestionTime: number }[] }>('DescribeLogStreams', { logGroupName: '/app/a' });
    assert.equal(stream.logStreams[0]!.firstEventTimestamp, now - 5000);
    assert.equal(stream.logStreams[0]!.lastEventTimestamp, now - 1000);
  });

  it('fails bad batches and unknown streams without storing anything', async () => {
    const now = h.clock.now();
    await assert.rejects(
      h.call('PutLogEvents', { logGroupName: '/app/a', logStreamName: 's1', logEvents: [{ timestamp: now, message: 'b' }, { timestamp: now - 1, message: 'a' }] }),
      code('InvalidParameterException', 'Log events in a single PutLogEvents request must be in chronological order.'),
    );
    await assert.rejects(h.call('PutLogEvents', { logGroupName: '/app/a', logStreamName: 'nope', logEvents: [{ timestamp: now, message: 'x' }] }), code('ResourceNotFoundException', 'The specified log stream does not exist.'));
    await assert.rejects(h.call('PutLogEvents', { logGroupName: '/nope', logStreamName: 's1', logEvents: [{ timestamp: now, message: 'x' }] }), code('ResourceNotFoundException', 'The specified log group does not exist.'));
    const all = await h.call<Events>('GetLogEvents', { logGroupName: '/app/a', logStreamName: 's1', startFromHead: true });
    assert.equal(all.events.length, 5);
  });

  it('filters a group across streams with filter patterns and pages the results', async () => {
    await h.call('CreateLogStream', { logGroupName: '/app/b', logStreamName: 'x' });
    await h.call('CreateLogStream', { logGroupName: '/app/b', logStreamName: 'y' });
    const now = h.clock.now();
    await h.call('PutLogEvents', { logGroupName: '/app/b', logStreamName: 'x', logEvents: [{ timestamp: now - 3, message: '{"detail":{"result":"SUCCESS"}}' }, { timestamp: now - 1, message: 'ERROR one' }] });
    await h.call('PutLogEvents', { logGroupName: '/app/b', logStreamName: 'y', logEvents: [{ timestamp: now - 2, message: '{"detail":{"result":"FAILURE"}}' }, { timestamp: now, message: 'ERROR two' }] });
    const json = await h.call<Events>('FilterLogEvents', { logGroupName: '/app/b', filterPattern: '{ $.detail.result = "SUCCESS" }' });
    assert.deepEqual(json.events.map((e) => [e.logStreamName, e.message]), [['x', '{"detail":{"result":"SUCCESS"}}']]);
    const errors = await h.call<Events>('FilterLogEvents', { logGroupName: '/app/b', filterPattern: 'ERROR', limit: 1 });
    assert.deepEqual(errors.events.map((e) => e.message), ['ERROR one']);
    const more = await h.call<Events>('FilterLogEvents', { logGroupName: '/app/b', filterPattern: 'ERROR', limit: 1, nextToken: errors.nextToken });
    assert.deepEqual(more.events.map((e) => e.message), ['ERROR two']);
    const onlyY = await h.call<Events>('FilterLogEvents', { logGroupName: '/app/b', logStreamNames: ['y'] });
    assert.deepEqual(onlyY.events.map((e) => e.logStreamName), ['y', 'y']);
    await assert.rejects(h.call('FilterLogEvents', { logGroupName: '/app/b', filterPattern: '{ $.a = ' }), code('InvalidParameterException', "If a filter pattern starts with '{' it must end with '}'"));
  });

  it('applies retention and purges deleted groups', async () => {
    await h.call('CreateLogGroup', { logGroupName: '/ret' });
    await h.call('CreateLogStream', { logGroupName: '/ret', logStreamName: 's' });
    const now = h.clock.now();
    await h.call('PutLogEvents', { logGroupName: '/ret', logStreamName: 's', logEvents: [{ timestamp: now - 2 * 86_400_000, message: 'old' }] });
    await h.call('PutLogEvents', { logGroupName: '/ret', logStreamName: 's', logEvents: [{ timestamp: now - 1000, message: 'new' }] });
    await assert.rejects(h.call('PutRetentionPolicy', { logGroupName: '/ret', retentionInDays: 2 }), code('InvalidParameterException'));
    await h.call('PutRetentionPolicy', { logGroupName: '/ret', retentionInDays: 1 });
    const swept = await h.service.sweeper.sweep();
    assert.equal(swept.expired, 1);
    const left = await h.call<Events>('FilterLogEvents', { logGroupName: '/ret' });
    assert.deepEqual(left.events.map((e) => e.message), ['new']);
    const head = await h.call<Events>('GetLogEvents', { logGroupName: '/ret', logStreamName: 's', startFromHead: true });
    assert.deepEqual(head.events.map((e) => e.message), ['new']);

    await h.call('DeleteLogGroup', { logGroupName: '/ret' });
    await assert.rejects(h.call('GetLogEvents', { logGroupName: '/ret', logStreamName: 's' }), code('ResourceNotFoundException'));
    const purged = await h.service.sweeper.sweep();
    assert.equal(purged.purged, 1);
    await h.call('CreateLogGroup', { logGroupName: '/ret' });
    const fresh = await h.call<{ logStreams: unknown[] }>('DescribeLogStreams', { logGroupName: '/ret' });
    assert.deepEqual(fresh.logStreams, []);
  });

  it('tags groups by ARN and by name', async () => {
    const arn = 'arn:aws:logs:us-east-1:123456789012:log-group:/app/c';
    await h.call('TagResource', { resourceArn: arn, tags: { team: 'a', env: 'x' } });
    await h.call('UntagResource', { resourceArn: arn, tagKeys: ['env'] });
    assert.deepEqual((await h.call<{ tags: unknown }>('ListTagsForResource', { resourceArn: arn })).tags, { team: 'a' });
    await h.call('TagLogGroup', { logGroupName: '/app/c', tags: { b: '1' } });
    assert.deepEqual((await h.call<{ tags: unknown }>('ListTagsLogGroup', { logGroupName: '/app/c' })).tags, { team: 'a', b: '1' });
    await assert.rejects(h.call('TagResource', { resourceArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/none', tags: { a: 'b' } }), code('ResourceNotFoundException'));
  });

  it('orders streams by last event time', async () => {
    await h.call('CreateLogGroup', { logGroupName: '/order' });
    const now = h.clock.now();
    for (const [name, t] of [['a', 3], ['b', 1], ['c', 2]] as const) {
      await h.call('CreateLogStream', { logGroupName: '/order', logStreamName: name });
      await h.call('PutLogEvents', { logGroupName: '/order', logStreamName: name, logEvents: [{ timestamp: now - 10 + t, message: name }] });
    }
    const byTime = await h.call<{ logStreams: { logStreamName: string }[] }>('DescribeLogStreams', { logGroupName: '/order', orderBy: 'LastEventTime', descending: true });
    assert.deepEqual(byTime.logStreams.map((s) => s.logStreamName), ['a', 'c', 'b']);
    await assert.rejects(h.call('DescribeLogStreams', { logGroupName: '/order', orderBy: 'LastEventTime', logStreamNamePrefix: 'a' }), code('InvalidParameterException', 'Cannot order by LastEventTime with a logStreamNamePrefix.'));
  });
});
