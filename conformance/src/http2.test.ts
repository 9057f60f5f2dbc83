import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateStreamCommand, DescribeStreamSummaryCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient, ListShardsCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { sdkConfig, startBosun, type BosunProcess } from './harness.js';

/**
 * The JavaScript SDK v3 speaks HTTP/2 to Kinesis by default; against an `http://` endpoint that is
 * cleartext HTTP/2 with prior knowledge. Bosun's one port answers it alongside HTTP/1.1.
 */
describe('cleartext HTTP/2 on the one port', () => {
  let bosun: BosunProcess;
  before(async () => {
    bosun = await startBosun();
  });
  after(async () => {
    await bosun.dispose();
  });

  it('a default SDK v3 Kinesis client (HTTP/2) creates a stream, puts and gets a record', async () => {
    const kinesis = new KinesisClient(sdkConfig(bosun.url));
    try {
      await kinesis.send(new CreateStreamCommand({ StreamName: 'h2', ShardCount: 1 }));
      const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'h2' }));
      assert.equal(summary.StreamDescriptionSummary?.StreamName, 'h2');
      const put = await kinesis.send(new PutRecordCommand({ StreamName: 'h2', PartitionKey: 'k', Data: Buffer.from('over h2') }));
      const shards = await kinesis.send(new ListShardsCommand({ StreamName: 'h2' }));
      const it = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'h2', ShardId: shards.Shards![0].ShardId!, ShardIteratorType: 'TRIM_HORIZON' }));
      const got = await kinesis.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator! }));
      assert.equal(got.Records?.length, 1);
      assert.equal(got.Records![0].SequenceNumber, put.SequenceNumber);
      assert.equal(Buffer.from(got.Records![0].Data!).toString(), 'over h2');
    } finally {
      kinesis.destroy();
    }
  });

  it('HTTP/1.1 keeps working on the same port', async () => {
    const res = await fetch(`${bosun.url}/_bosun/health`);
    assert.equal(res.status, 200);
  });
});
