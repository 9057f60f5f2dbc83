import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, PutRecordCommand, PutRecordsCommand, type _Record } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { awsCli, sdkConfig, startBosun, testAccount, type BosunProcess } from './harness.js';

/**
 * SDK v3's Kinesis client speaks HTTP/2 by default (for SubscribeToShard); Bosun's listener is
 * HTTP/1.1, so these clients use the HTTP/1.1 handler.
 */
function kinesisClient(url: string): KinesisClient {
  return new KinesisClient({ ...sdkConfig(url), requestHandler: new NodeHttpHandler() });
}

/**
 * Kinesis Data Streams against a real `bosun serve`: both aws CLIs and SDK v3 — streams, shards,
 * records in order under concurrent writers, iterators, resharding, AWS's errors — and an
 * EventBridge rule delivering into a stream, read back with get-records.
 */

function cli(bosun: BosunProcess, args: string[], which: 'v1' | 'v2' = 'v1'): Record<string, unknown> {
  const r = awsCli(which, bosun.url, which === 'v2' ? [...args, '--cli-binary-format', 'raw-in-base64-out'] : args);
  assert.equal(r.status, 0, `aws ${args.join(' ')}\n${r.stderr}`);
  return r.stdout.trim() ? (JSON.parse(r.stdout) as Record<string, unknown>) : {};
}

function fails(bosun: BosunProcess, args: string[], pattern: RegExp, which: 'v1' | 'v2' = 'v1'): void {
  const r = awsCli(which, bosun.url, args);
  assert.notEqual(r.status, 0, `expected aws ${args.join(' ')} to fail`);
  assert.match(r.stderr, pattern);
}

type CliRecord = { SequenceNumber: string; Data: string; PartitionKey: string };

function shardIterator(bosun: BosunProcess, stream: string, shard: string, type = 'TRIM_HORIZON', which: 'v1' | 'v2' = 'v1'): string {
  return String(cli(bosun, ['kinesis', 'get-shard-iterator', '--stream-name', stream, '--shard-id', shard, '--shard-iterator-type', type], which).ShardIterator);
}

/** Every record of a shard with SDK v3, following NextShardIterator until it stops returning data. */
async function readShard(client: KinesisClient, stream: string, shard: string, limit: number): Promise<_Record[]> {
  let it = (await client.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  const out: _Record[] = [];
  while (it) {
    const got = await client.send(new GetRecordsCommand({ ShardIterator: it, Limit: limit }));
    out.push(...(got.Records ?? []));
    if (!got.Records?.length && got.MillisBehindLatest === 0) break;
    it = got.NextShardIterator;
  }
  return out;
}

describe('Kinesis Data Streams with the aws CLIs and SDK v3', () => {
  let bosun: BosunProcess;
  before(async () => {
    bosun = await startBosun();
  });
  after(async () => {
    await bosun.dispose();
  });

  it('creates a stream and round-trips records with both CLIs', () => {
    cli(bosun, ['kinesis', 'create-stream', '--stream-name', 'clicks', '--shard-count', '2']);
    cli(bosun, ['kinesis', 'wait', 'stream-exists', '--stream-name', 'clicks']);
    const summary = cli(bosun, ['kinesis', 'describe-stream-summary', '--stream-name', 'clicks'], 'v2').StreamDescriptionSummary as Record<string, unknown>;
    assert.deepEqual([summary.StreamStatus, summary.OpenShardCount, summary.RetentionPeriodHours, summary.StreamARN], ['ACTIVE', 2, 24, `arn:aws:kinesis:us-east-1:${testAccount}:stream/clicks`]);

    // v2 with raw-in-base64-out and v1 alike send the argument text as the record's bytes.
    const one = cli(bosun, ['kinesis', 'put-record', '--stream-name', 'clicks', '--partition-key', 'a', '--data', 'hello'], 'v2');
    assert.equal(one.ShardId, 'shardId-000000000000', 'md5("a") falls in the lower half of the key space');
    const many = cli(bosun, ['kinesis', 'put-records', '--stream-name', 'clicks', '--records', JSON.stringify([{ Data: 'world', PartitionKey: 'a' }, { Data: 'foo', PartitionKey: 'a', ExplicitHashKey: '340282366920938463463374607431768211455' }])]);
    assert.equal(many.FailedRecordCount, 0);
    assert.deepEqual((many.Records as { ShardId: string }[]).map((r) => r.ShardId), ['shardId-000000000000', 'shardId-000000000001']);

    const got = cli(bosun, ['kinesis', 'get-records', '--shard-iterator', shardIterator(bosun, 'clicks', 'shardId-000000000000')]);
    const records = got.Records as CliRecord[];
    assert.deepEqual(records.map((r) => [Buffer.from(r.Data, 'base64').toString(), r.PartitionKey]), [['hello', 'a'], ['world', 'a']]);
    assert.ok(records[0]!.SequenceNumber < records[1]!.SequenceNumber);
    assert.equal(got.MillisBehindLatest, 0);
    assert.ok(got.NextShardIterator);
    const after = cli(bosun, ['kinesis', 'get-shard-iterator', '--stream-name', 'clicks', '--shard-id', 'shardId-000000000000', '--shard-iterator-type', 'AFTER_SEQUENCE_NUMBER', '--starting-sequence-number', records[0]!.SequenceNumber]);
    assert.deepEqual((cli(bosun, ['kinesis', 'get-records', '--shard-iterator', String(after.ShardIterator)], 'v2').Records as CliRecord[]).map((r) => r.SequenceNumber), [records[1]!.SequenceNumber]);
    assert.deepEqual((cli(bosun, ['kinesis', 'list-streams']).StreamNames as string[]), ['clicks']);
  });

  it('answers bad input with AWS error codes and stores nothing', async () => {
    fails(bosun, ['kinesis', 'describe-stream', '--stream-name', 'nope'], /\(ResourceNotFoundException\).*Stream nope under account 123456789012 not found\./);
    fails(bosun, ['kinesis', 'create-stream', '--stream-name', 'clicks', '--shard-count', '1'], /\(ResourceInUseException\).*Stream clicks under account 123456789012 already exists\./, 'v2');
    fails(bosun, ['kinesis', 'get-shard-iterator', '--stream-name', 'clicks', '--shard-id', 'shardId-000000000007', '--shard-iterator-type', 'LATEST'], /\(ResourceNotFoundException\).*Shard shardId-000000000007 in stream clicks/);
    fails(bosun, ['kinesis', 'get-records', '--shard-iterator', 'bm90LWFuLWl0ZXJhdG9y'], /\(InvalidArgumentException\)/);
    fails(bosun, ['kinesis', 'create-stream', '--stream-name', 'bad name', '--shard-count', '1'], /\(ValidationException\).*Value 'bad name' at 'streamName' failed to satisfy constraint/);

    cli(bosun, ['kinesis', 'create-stream', '--stream-name', 'strict', '--shard-count', '1']);
    const client = kinesisClient(bosun.url);
    await assert.rejects(
      client.send(new PutRecordCommand({ StreamName: 'strict', PartitionKey: 'p', Data: new Uint8Array(1_048_577) })),
      (e: Error) => e.name === 'ValidationException' && /at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576/.test(e.message),
    );
    await assert.rejects(
      client.send(new PutRecordsCommand({ StreamName: 'strict', Records: Array.from({ length: 6 }, () => ({ PartitionKey: 'p', Data: new Uint8Array(1_000_000) })) })),
      (e: Error) => e.name === 'InvalidArgumentException' && e.message === 'Records size exceeds 5 MB limit',
    );
    await assert.rejects(
      client.send(new PutRecordsCommand({ StreamName: 'strict', Records: Array.from({ length: 501 }, () => ({ PartitionKey: 'p', Data: new Uint8Array(1) })) })),
      (e: Error) => e.name === 'ValidationException' && /at 'records' failed to satisfy constraint: Member must have length less than or equal to 500/.test(e.message),
    );
    assert.deepEqual(await readShard(client, 'strict', 'shardId-000000000000', 100), []);
    client.destroy();
  });

  it('keeps per-shard order under concurrent PutRecords from several clients; a GetRecords loop sees each record once', async () => {
    const setup = kinesisClient(bosun.url);
    cli(bosun, ['kinesis', 'create-stream', '--stream-name', 'busy', '--shard-count', '4']);
    const writers = Array.from({ length: 8 }, () => kinesisClient(bosun.url));
    const sent = new Set<string>();
    await Promise.all(
      writers.map(async (client, w) => {
        for (let b = 0; b < 10; b++) {
          const Records = Array.from({ length: 100 }, (_, i) => {
            const body = `${w}/${b}/${i}`;
            sent.add(body);
            return { PartitionKey: `key-${(w * 7 + i) % 23}`, Data: Buffer.from(body) };
          });
          const out = await client.send(new PutRecordsCommand({ StreamName: 'busy', Records }));
          assert.equal(out.FailedRecordCount, 0);
        }
      }),
    );
    const seen = new Map<string, number>();
    for (let s = 0; s < 4; s++) {
      const records = await readShard(setup, 'busy', `shardId-00000000000${s}`, 333);
      for (let i = 1; i < records.length; i++) assert.ok(records[i - 1]!.SequenceNumber! < records[i]!.SequenceNumber!, 'sequence order within a shard');
      // Each writer's records with one partition key arrive in the order that writer sent them.
      const lastByWriterKey = new Map<string, number>();
      for (const r of records) {
        const body = Buffer.from(r.Data!).toString();
        seen.set(body, (seen.get(body) ?? 0) + 1);
        const [w, b, i] = body.split('/').map(Number) as [number, number, number];
        const key = `${w}:${r.PartitionKey}`;
        const order = b * 1000 + i;
        assert.ok((lastByWriterKey.get(key) ?? -1) < order, `order of ${key}`);
        lastByWriterKey.set(key, order);
      }
    }
    assert.equal(seen.size, sent.size);
    assert.ok([...seen.values()].every((n) => n === 1), 'every record exactly once');
    for (const c of [setup, ...writers]) c.destroy();
  });

  it('splits and merges shards and lists them', () => {
    cli(bosun, ['kinesis', 'create-stream', '--stream-name', 'reshard', '--shard-count', '1']);
    cli(bosun, ['kinesis', 'put-record', '--stream-name', 'reshard', '--partition-key', 'p', '--data', 'YmVmb3Jl']);
    const parentIt = shardIterator(bosun, 'reshard', 'shardId-000000000000');
    cli(bosun, ['kinesis', 'split-shard', '--stream-name', 'reshard', '--shard-to-split', 'shardId-000000000000', '--new-starting-hash-key', '170141183460469231731687303715884105728']);
    const shards = cli(bosun, ['kinesis', 'list-shards', '--stream-name', 'reshard']).Shards as { ShardId: string; ParentShardId?: string; SequenceNumberRange: { EndingSequenceNumber?: string } }[];
    assert.deepEqual(shards.map((s) => [s.ShardId, s.ParentShardId ?? null, Boolean(s.SequenceNumberRange.EndingSequenceNumber)]), [
      ['shardId-000000000000', null, true],
      ['shardId-000000000001', 'shardId-000000000000', false],
      ['shardId-000000000002', 'shardId-000000000000', false],
    ]);
    const end = cli(bosun, ['kinesis', 'get-records', '--shard-iterator', parentIt]);
    assert.equal((end.Records as unknown[]).length, 1);
    assert.equal(end.NextShardIterator, undefined);
    assert.deepEqual((end.ChildShards as { ShardId: string }[]).map((c) => c.ShardId), ['shardId-000000000001', 'shardId-000000000002']);
    cli(bosun, ['kinesis', 'merge-shards', '--stream-name', 'reshard', '--shard-to-merge', 'shardId-000000000001', '--adjacent-shard-to-merge', 'shardId-000000000002'], 'v2');
    const open = cli(bosun, ['kinesis', 'list-shards', '--stream-name', 'reshard', '--shard-filter', 'Type=AT_LATEST']).Shards as { ShardId: string }[];
    assert.deepEqual(open.map((s) => s.ShardId), ['shardId-000000000003']);
    const updated = cli(bosun, ['kinesis', 'update-shard-count', '--stream-name', 'reshard', '--target-shard-count', '2', '--scaling-type', 'UNIFORM_SCALING']);
    assert.deepEqual([updated.CurrentShardCount, updated.TargetShardCount], [1, 2]);
    fails(bosun, ['kinesis', 'merge-shards', '--stream-name', 'reshard', '--shard-to-merge', 'shardId-000000000001', '--adjacent-shard-to-merge', 'shardId-000000000002'], /\(InvalidArgumentException\).*has already been merged or split/);
  });

  it('an EventBridge rule puts events on a stream, partitioned by PartitionKeyPath; get-records reads them back', async () => {
    cli(bosun, ['kinesis', 'create-stream', '--stream-name', 'events', '--shard-count', '1']);
    const streamArn = `arn:aws:kinesis:us-east-1:${testAccount}:stream/events`;
    cli(bosun, ['events', 'put-rule', '--name', 'to-kinesis', '--event-pattern', JSON.stringify({ source: ['shop.orders'] })]);
    cli(bosun, ['events', 'put-targets', '--rule', 'to-kinesis', '--targets', JSON.stringify([{ Id: 'stream', Arn: streamArn, KinesisParameters: { PartitionKeyPath: '$.detail.orderId' } }])]);
    cli(bosun, ['events', 'put-rule', '--name', 'to-kinesis-default', '--event-pattern', JSON.stringify({ source: ['shop.refunds'] })]);
    cli(bosun, ['events', 'put-targets', '--rule', 'to-kinesis-default', '--targets', JSON.stringify([{ Id: 'stream', Arn: streamArn }])]);
    const put = cli(bosun, ['events', 'put-events', '--entries', JSON.stringify([
      { Source: 'shop.orders', DetailType: 'Order Placed', Detail: JSON.stringify({ orderId: 'o-7', total: 12 }) },
      { Source: 'shop.refunds', DetailType: 'Refund', Detail: JSON.stringify({ orderId: 'o-7' }) },
    ])]);
    const ids = (put.Entries as { EventId: string }[]).map((e) => e.EventId);

    let it = shardIterator(bosun, 'events', 'shardId-000000000000');
    const records: CliRecord[] = [];
    const deadline = Date.now() + 10_000;
    while (records.length < 2 && Date.now() < deadline) {
      const got = cli(bosun, ['kinesis', 'get-records', '--shard-iterator', it]);
      records.push(...(got.Records as CliRecord[]));
      it = String(got.NextShardIterator);
      if (records.length < 2) await new Promise((r) => setTimeout(r, 200));
    }
    type Delivered = { id: string; source: string; detail: unknown };
    const byId = new Map<string, { e: Delivered; k: string }>();
    for (const r of records) {
      const e = JSON.parse(Buffer.from(r.Data, 'base64').toString()) as Delivered;
      byId.set(e.id, { e, k: r.PartitionKey });
    }
    assert.equal(byId.size, 2);
    assert.deepEqual([byId.get(ids[0]!)?.k, byId.get(ids[0]!)?.e.detail], ['o-7', { orderId: 'o-7', total: 12 }]);
    assert.equal(byId.get(ids[1]!)?.k, ids[1], 'without PartitionKeyPath the event id is the partition key');
    assert.deepEqual(Object.keys(byId.get(ids[0]!)!.e), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
  });
});
