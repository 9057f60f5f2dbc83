import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAwsError } from '../../errors/index.js';
import { kinesisHarness, type KinesisHarness } from './testing.js';

type Rec = { SequenceNumber: string; Data: Buffer; PartitionKey: string; ApproximateArrivalTimestamp: Date };
type Got = { Records: Rec[]; NextShardIterator?: string; MillisBehindLatest: number; ChildShards?: { ShardId: string; ParentShards: string[] }[] };
type Shard = { ShardId: string; ParentShardId?: string; HashKeyRange: { StartingHashKey: string; EndingHashKey: string }; SequenceNumberRange: { StartingSequenceNumber: string; EndingSequenceNumber?: string } };

function code(name: string, message?: string | RegExp) {
  return (e: unknown) => isAwsError(e) && e.code === name && (message === undefined || (typeof message === 'string' ? e.message === message : message.test(e.message)));
}

async function iterator(h: KinesisHarness, stream: string, shard: string, type = 'TRIM_HORIZON', extra: Record<string, unknown> = {}): Promise<string> {
  return (await h.call<{ ShardIterator: string }>('GetShardIterator', { StreamName: stream, ShardId: shard, ShardIteratorType: type, ...extra })).ShardIterator;
}

/** Read a shard to its current end. */
async function drain(h: KinesisHarness, it: string, limit = 100): Promise<{ records: Rec[]; next?: string }> {
  const records: Rec[] = [];
  let next: string | undefined = it;
  for (;;) {
    const got: Got = await h.call<Got>('GetRecords', { ShardIterator: next, Limit: limit });
    records.push(...got.Records);
    if (!got.NextShardIterator) return { records };
    next = got.NextShardIterator;
    if (got.Records.length === 0) return { records, next };
  }
}

describe('Kinesis provider', () => {
  let h: KinesisHarness;
  before(async () => {
    h = await kinesisHarness();
  });
  after(() => h.dispose());

  it('creates, describes and lists streams', async () => {
    await h.call('CreateStream', { StreamName: 'orders', ShardCount: 2 });
    await h.call('CreateStream', { StreamName: 'od' });
    await assert.rejects(h.call('CreateStream', { StreamName: 'orders', ShardCount: 1 }), code('ResourceInUseException', 'Stream orders under account 123456789012 already exists.'));
    const d = await h.call<{ StreamDescription: { StreamStatus: string; Shards: Shard[]; StreamARN: string; RetentionPeriodHours: number } }>('DescribeStream', { StreamName: 'orders' });
    assert.equal(d.StreamDescription.StreamStatus, 'ACTIVE');
    assert.equal(d.StreamDescription.StreamARN, 'arn:aws:kinesis:us-east-1:123456789012:stream/orders');
    assert.deepEqual(d.StreamDescription.Shards.map((s) => [s.ShardId, s.HashKeyRange.StartingHashKey]), [['shardId-000000000000', '0'], ['shardId-000000000001', '170141183460469231731687303715884105728']]);
    const summary = await h.call<{ StreamDescriptionSummary: { OpenShardCount: number; StreamModeDetails: { StreamMode: string } } }>('DescribeStreamSummary', { StreamARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/od' });
    assert.deepEqual([summary.StreamDescriptionSummary.OpenShardCount, summary.StreamDescriptionSummary.StreamModeDetails.StreamMode], [4, 'ON_DEMAND']);
    const list = await h.call<{ StreamNames: string[]; HasMoreStreams: boolean; NextToken?: string }>('ListStreams', { Limit: 1 });
    assert.deepEqual([list.StreamNames, list.HasMoreStreams], [['od'], true]);
    const rest = await h.call<{ StreamNames: string[]; HasMoreStreams: boolean }>('ListStreams', { NextToken: list.NextToken });
    assert.deepEqual([rest.StreamNames, rest.HasMoreStreams], [['orders'], false]);
    await assert.rejects(h.call('DescribeStream', { StreamName: 'nope' }), code('ResourceNotFoundException', 'Stream nope under account 123456789012 not found.'));
  });

  it('routes by the MD5 of the partition key, or an explicit hash key', async () => {
    const a = await h.call<{ ShardId: string }>('PutRecord', { StreamName: 'orders', Data: Buffer.from('x'), PartitionKey: 'a' });
    assert.equal(a.ShardId, 'shardId-000000000000');
    const explicit = await h.call<{ ShardId: string }>('PutRecord', { StreamName: 'orders', Data: Buffer.from('y'), PartitionKey: 'a', ExplicitHashKey: '340282366920938463463374607431768211455' });
    assert.equal(explicit.ShardId, 'shardId-000000000001');
    await assert.rejects(h.call('PutRecord', { StreamName: 'orders', Data: Buffer.from('z'), PartitionKey: 'a', ExplicitHashKey: '340282366920938463463374607431768211456' }), code('InvalidArgumentException'));
  });

  it('keeps per-shard order under concurrent PutRecords: a GetRecords loop sees each record once, in order', async () => {
    await h.call('CreateStream', { StreamName: 'busy', ShardCount: 3 });
    const batches = Array.from({ length: 40 }, (_, b) =>
      h.call('PutRecords', { StreamName: 'busy', Records: Array.from({ length: 50 }, (_, i) => ({ Data: Buffer.from(`${b}-${i}`), PartitionKey: `k${(b * 50 + i) % 17}` })) }),
    );
    await Promise.all(batches);
    const seen = new Set<string>();
    for (const shard of ['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002']) {
      const { records } = await drain(h, await iterator(h, 'busy', shard), 37);
      for (let i = 1; i < records.length; i++) assert.ok(records[i - 1]!.SequenceNumber < records[i]!.SequenceNumber);
      // Records of one partition key keep the order they were sent in within each batch.
      for (const r of records) seen.add(r.Data.toString());
    }
    assert.equal(seen.size, 2000);
  });

  it('positions iterators: LATEST, AT/AFTER_SEQUENCE_NUMBER, AT_TIMESTAMP; rejects foreign sequence numbers', async () => {
    await h.call('CreateStream', { StreamName: 'pos', ShardCount: 1 });
    const shard = 'shardId-000000000000';
    const put = async (d: string) => (await h.call<{ SequenceNumber: string }>('PutRecord', { StreamName: 'pos', Data: Buffer.from(d), PartitionKey: 'p' })).SequenceNumber;
    const s1 = await put('one');
    h.clock.advance(1000);
    const latest = await iterator(h, 'pos', shard, 'LATEST');
    const s2 = await put('two');
    const s3 = await put('three');
    const read = async (it: string) => (await drain(h, it)).records.map((r) => r.Data.toString());
    assert.deepEqual(await read(latest), ['two', 'three']);
    assert.deepEqual(await read(await iterator(h, 'pos', shard, 'AT_SEQUENCE_NUMBER', { StartingSequenceNumber: s2 })), ['two', 'three']);
    assert.deepEqual(await read(await iterator(h, 'pos', shard, 'AFTER_SEQUENCE_NUMBER', { StartingSequenceNumber: s2 })), ['three']);
    assert.deepEqual(await read(await iterator(h, 'pos', shard, 'AT_TIMESTAMP', { Timestamp: new Date(h.clock.now()) })), ['two', 'three']);
    assert.deepEqual(await read(await iterator(h, 'pos', shard)), ['one', 'two', 'three']);
    assert.ok(s1 < s2 && s2 < s3);
    const other = (await h.call<{ SequenceNumber: string }>('PutRecord', { StreamName: 'orders', Data: Buffer.from('o'), PartitionKey: 'a' })).SequenceNumber;
    await assert.rejects(
      iterator(h, 'orders', 'shardId-000000000001', 'AT_SEQUENCE_NUMBER', { StartingSequenceNumber: other }),
      code('InvalidArgumentException', 'Invalid StartingSequenceNumber. It encodes shardId-000000000000, while it was used in a call to a shard with shardId-000000000001'),
    );
    await assert.rejects(iterator(h, 'pos', 'shardId-000000000009'), code('ResourceNotFoundException', 'Shard shardId-000000000009 in stream pos under account 123456789012 does not exist'));
  });

  it('expires iterators after five minutes and reports MillisBehindLatest', async () => {
    const it = await iterator(h, 'pos', 'shardId-000000000000');
    const got = await h.call<Got>('GetRecords', { ShardIterator: it, Limit: 1 });
    assert.ok(got.MillisBehindLatest > 0, 'more records are waiting');
    h.clock.advance(300_001);
    await assert.rejects(h.call('GetRecords', { ShardIterator: it }), code('ExpiredIteratorException', /^Iterator expired\. The iterator was created at time/));
    await assert.rejects(h.call('GetRecords', { ShardIterator: 'garbage' }), code('InvalidArgumentException'));
  });

  it('rejects oversized records and batches with AWS codes, storing nothing', async () => {
    await h.call('CreateStream', { StreamName: 'big', ShardCount: 1 });
    await assert.rejects(
      h.call('PutRecord', { StreamName: 'big', Data: Buffer.alloc(1_048_577), PartitionKey: 'p' }),
      code('ValidationException', "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576"),
    );
    await assert.rejects(h.call('PutRecords', { StreamName: 'big', Records: Array.from({ length: 6 }, () => ({ Data: Buffer.alloc(1_000_000), PartitionKey: 'p' })) }), code('InvalidArgumentException', 'Records size exceeds 5 MB limit'));
    await assert.rejects(h.call('PutRecords', { StreamName: 'big', Records: [{ Data: Buffer.from('ok'), PartitionKey: 'p' }, { Data: Buffer.alloc(1_048_577), PartitionKey: 'p' }] }), code('ValidationException', /at 'records\.2\.member\.data'/));
    await assert.rejects(h.call('PutRecord', { StreamName: 'missing', Data: Buffer.from('x'), PartitionKey: 'p' }), code('ResourceNotFoundException'));
    assert.deepEqual((await drain(h, await iterator(h, 'big', 'shardId-000000000000'))).records, []);
  });

  it('splits and merges shards; a closed shard read to its end names its children', async () => {
    await h.call('CreateStream', { StreamName: 'split', ShardCount: 1 });
    await h.call('PutRecord', { StreamName: 'split', Data: Buffer.from('before'), PartitionKey: 'p' });
    const parentIt = await iterator(h, 'split', 'shardId-000000000000');
    await h.call('SplitShard', { StreamName: 'split', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '170141183460469231731687303715884105728' });
    await h.call('PutRecord', { StreamName: 'split', Data: Buffer.from('after'), PartitionKey: 'p' });
    const end = await h.call<Got>('GetRecords', { ShardIterator: parentIt });
    assert.deepEqual(end.Records.map((r) => r.Data.toString()), ['before']);
    assert.equal(end.NextShardIterator, undefined);
    assert.deepEqual(end.ChildShards?.map((c) => [c.ShardId, c.ParentShards]), [['shardId-000000000001', ['shardId-000000000000']], ['shardId-000000000002', ['shardId-000000000000']]]);
    const open = await h.call<{ Shards: Shard[] }>('ListShards', { StreamName: 'split', ShardFilter: { Type: 'AT_LATEST' } });
    assert.deepEqual(open.Shards.map((s) => s.ShardId), ['shardId-000000000001', 'shardId-000000000002']);
    await h.call('MergeShards', { StreamName: 'split', ShardToMerge: 'shardId-000000000001', AdjacentShardToMerge: 'shardId-000000000002' });
    const all = await h.call<{ Shards: Shard[]; NextToken?: string }>('ListShards', { StreamName: 'split', MaxResults: 2 });
    assert.equal(all.Shards.length, 2);
    const more = await h.call<{ Shards: Shard[] }>('ListShards', { NextToken: all.NextToken });
    assert.deepEqual(more.Shards.map((s) => [s.ShardId, s.ParentShardId]), [['shardId-000000000002', 'shardId-000000000000'], ['shardId-000000000003', 'shardId-000000000001']]);
    await assert.rejects(h.call('SplitShard', { StreamName: 'split', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '5' }), code('InvalidArgumentException', /has already been merged or split/));
  });

  it('updates the shard count uniformly within AWS bounds; on-demand streams refuse', async () => {
    const out = await h.call<{ CurrentShardCount: number; TargetShardCount: number }>('UpdateShardCount', { StreamName: 'orders', TargetShardCount: 4, ScalingType: 'UNIFORM_SCALING' });
    assert.deepEqual([out.CurrentShardCount, out.TargetShardCount], [2, 4]);
    const after = await h.call<{ StreamDescriptionSummary: { OpenShardCount: number } }>('DescribeStreamSummary', { StreamName: 'orders' });
    assert.equal(after.StreamDescriptionSummary.OpenShardCount, 4);
    await assert.rejects(h.call('UpdateShardCount', { StreamName: 'orders', TargetShardCount: 9, ScalingType: 'UNIFORM_SCALING' }), code('LimitExceededException'));
    await assert.rejects(h.call('UpdateShardCount', { StreamName: 'od', TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' }), code('ValidationException', 'Request is invalid. Stream od under account 123456789012 is in On-Demand mode.'));
  });

  it('applies retention: records past it are not returned and are swept', async () => {
    await h.call('CreateStream', { StreamName: 'ret', ShardCount: 1 });
    await h.call('PutRecord', { StreamName: 'ret', Data: Buffer.from('old'), PartitionKey: 'p' });
    h.clock.advance(25 * 3_600_000);
    await h.call('PutRecord', { StreamName: 'ret', Data: Buffer.from('new'), PartitionKey: 'p' });
    const { records } = await drain(h, await iterator(h, 'ret', 'shardId-000000000000'));
    assert.deepEqual(records.map((r) => r.Data.toString()), ['new']);
    const swept = await h.service.sweeper.sweep();
    assert.ok(swept.expired >= 1);
    await assert.rejects(h.call('IncreaseStreamRetentionPeriod', { StreamName: 'ret', RetentionPeriodHours: 12 }), code('InvalidArgumentException', 'Minimum allowed retention period is 24 hours. Requested retention period (12 hours) is too short.'));
    await h.call('IncreaseStreamRetentionPeriod', { StreamName: 'ret', RetentionPeriodHours: 48 });
    await assert.rejects(h.call('IncreaseStreamRetentionPeriod', { StreamName: 'ret', RetentionPeriodHours: 30 }), code('InvalidArgumentException'));
  });

  it('continues sequence numbers above the stored ones after a restart', async () => {
    const before = (await h.call<{ SequenceNumber: string }>('PutRecord', { StreamName: 'ret', Data: Buffer.from('a'), PartitionKey: 'p' })).SequenceNumber;
    h.clock.set(h.clock.now() - 60_000);
    await h.restart();
    const afterRestart = (await h.call<{ SequenceNumber: string }>('PutRecord', { StreamName: 'ret', Data: Buffer.from('b'), PartitionKey: 'p' })).SequenceNumber;
    assert.ok(afterRestart > before);
  });

  it('tags streams and deletes them', async () => {
    await h.call('AddTagsToStream', { StreamName: 'orders', Tags: { b: '2', a: '1' } });
    await h.call('TagResource', { ResourceARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/orders', Tags: { c: '3' } });
    await h.call('RemoveTagsFromStream', { StreamName: 'orders', TagKeys: ['b'] });
    const tags = await h.call<{ Tags: { Key: string; Value: string }[]; HasMoreTags: boolean }>('ListTagsForStream', { StreamName: 'orders', Limit: 1 });
    assert.deepEqual([tags.Tags, tags.HasMoreTags], [[{ Key: 'a', Value: '1' }], true]);
    await h.call('DeleteStream', { StreamName: 'big' });
    await assert.rejects(h.call('DescribeStreamSummary', { StreamName: 'big' }), code('ResourceNotFoundException'));
    await h.call('CreateStream', { StreamName: 'big', ShardCount: 1 });
    assert.deepEqual((await drain(h, await iterator(h, 'big', 'shardId-000000000000'))).records, []);
  });
});

describe('Kinesis per-shard throughput limits', () => {
  it('fail the records over the limit, per record, as ProvisionedThroughputExceededException', async () => {
    const h = await kinesisHarness({ throughput: { recordsPerSecond: 3, bytesPerSecond: 1_048_576 } });
    try {
      await h.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      const out = await h.call<{ FailedRecordCount: number; Records: { ErrorCode?: string; ErrorMessage?: string; SequenceNumber?: string }[] }>('PutRecords', {
        StreamName: 's',
        Records: Array.from({ length: 5 }, (_, i) => ({ Data: Buffer.from(String(i)), PartitionKey: 'p' })),
      });
      assert.equal(out.FailedRecordCount, 2);
      assert.deepEqual(out.Records.map((r) => r.ErrorCode ?? 'ok'), ['ok', 'ok', 'ok', 'ProvisionedThroughputExceededException', 'ProvisionedThroughputExceededException']);
      assert.equal(out.Records[3]!.ErrorMessage, 'Rate exceeded for shard shardId-000000000000 in stream s under account 123456789012.');
    } finally {
      await h.dispose();
    }
  });
});
