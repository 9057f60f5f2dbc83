import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { awsCli, credentials, startBosun, type BosunProcess } from './harness.js';

/**
 * Kinesis over AWS's CBOR protocol, as the AWS SDKs for Java send it by default: bodies are CBOR
 * with indefinite-length maps (Jackson's way), Data as a byte string, timestamps as tag 1 holding
 * epoch milliseconds. The small codec here is the client's, written from the wire format, not
 * Bosun's.
 */

type V = string | number | Buffer | Date | V[] | { [k: string]: V };

function head(major: number, n: number): number[] {
  if (n < 24) return [(major << 5) | n];
  if (n < 256) return [(major << 5) | 24, n];
  if (n < 65536) return [(major << 5) | 25, n >> 8, n & 255];
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return [(major << 5) | 27, ...b];
}

function encode(v: V): Buffer {
  if (typeof v === 'number') return Buffer.from(head(0, v));
  if (typeof v === 'string') return Buffer.concat([Buffer.from(head(3, Buffer.byteLength(v))), Buffer.from(v)]);
  if (Buffer.isBuffer(v)) return Buffer.concat([Buffer.from(head(2, v.length)), v]);
  if (v instanceof Date) return Buffer.concat([Buffer.from([0xc1]), encode(v.getTime())]);
  if (Array.isArray(v)) return Buffer.concat([Buffer.from([0x9f]), ...v.map(encode), Buffer.from([0xff])]);
  return Buffer.concat([Buffer.from([0xbf]), ...Object.entries(v).flatMap(([k, x]) => [encode(k), encode(x)]), Buffer.from([0xff])]);
}

function decode(buf: Buffer): unknown {
  let at = 0;
  const len = (info: number): number => {
    if (info < 24) return info;
    const size = { 24: 1, 25: 2, 26: 4, 27: 8 }[info as 24 | 25 | 26 | 27];
    const n = Number(buf.subarray(at, at + size).reduce((a, b) => a * 256n + BigInt(b), 0n));
    at += size;
    return n;
  };
  const item = (): unknown => {
    const b = buf[at++]!;
    const major = b >> 5;
    const info = b & 31;
    if (major === 0) return len(info);
    if (major === 2 || major === 3) {
      const n = len(info);
      const bytes = buf.subarray(at, (at += n));
      return major === 2 ? Buffer.from(bytes) : bytes.toString('utf8');
    }
    if (major === 4) return Array.from({ length: len(info) }, item);
    if (major === 5) return Object.fromEntries(Array.from({ length: len(info) }, () => [item(), item()]));
    if (major === 6) return len(info) === 1 ? new Date(item() as number) : item();
    if (b === 0xf4 || b === 0xf5) return b === 0xf5;
    if (b === 0xfb) return buf.readDoubleBE((at += 8) - 8);
    throw new Error(`unexpected byte ${b.toString(16)}`);
  };
  return item();
}

async function cbor(bosun: BosunProcess, op: string, body: Record<string, V>): Promise<{ status: number; type: string | null; errorType: string | null; body: Record<string, unknown> }> {
  const res = await fetch(bosun.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-cbor-1.1',
      'x-amz-target': `Kinesis_20131202.${op}`,
      authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: encode(body),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type'), errorType: res.headers.get('x-amzn-errortype'), body: decode(bytes) as Record<string, unknown> };
}

describe('Kinesis over CBOR (the Java SDKs’ default)', () => {
  let bosun: BosunProcess;
  before(async () => {
    bosun = await startBosun();
  });
  after(async () => {
    await bosun.dispose();
  });

  it('puts and gets records with byte-string data and millisecond timestamps', async () => {
    const created = await cbor(bosun, 'CreateStream', { StreamName: 'java', ShardCount: 1 });
    assert.equal(created.status, 200);
    const before = new Date(Date.now() - 1000);
    const put = await cbor(bosun, 'PutRecord', { StreamName: 'java', PartitionKey: 'p', Data: Buffer.from([0, 1, 2, 255]) });
    assert.equal(put.type, 'application/x-amz-cbor-1.1');
    assert.equal(put.body.ShardId, 'shardId-000000000000');

    const it = await cbor(bosun, 'GetShardIterator', { StreamName: 'java', ShardId: 'shardId-000000000000', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: before });
    const got = await cbor(bosun, 'GetRecords', { ShardIterator: String(it.body.ShardIterator) });
    const [record] = got.body.Records as { Data: Buffer; SequenceNumber: string; ApproximateArrivalTimestamp: Date }[];
    assert.deepEqual(record?.Data, Buffer.from([0, 1, 2, 255]));
    assert.equal(record?.SequenceNumber, put.body.SequenceNumber);
    assert.ok(record!.ApproximateArrivalTimestamp instanceof Date);
    assert.ok(Math.abs(record!.ApproximateArrivalTimestamp.getTime() - Date.now()) < 60_000, 'arrival decoded as milliseconds');

    // The same record read over JSON by the aws CLI.
    const iterator = JSON.parse(awsCli('v1', bosun.url, ['kinesis', 'get-shard-iterator', '--stream-name', 'java', '--shard-id', 'shardId-000000000000', '--shard-iterator-type', 'TRIM_HORIZON']).stdout) as { ShardIterator: string };
    const json = JSON.parse(awsCli('v1', bosun.url, ['kinesis', 'get-records', '--shard-iterator', iterator.ShardIterator]).stdout) as { Records: { Data: string }[] };
    assert.deepEqual(Buffer.from(json.Records[0]!.Data, 'base64'), Buffer.from([0, 1, 2, 255]));
  });

  it('answers errors in CBOR with __type and x-amzn-ErrorType', async () => {
    const missing = await cbor(bosun, 'DescribeStreamSummary', { StreamName: 'nope' });
    assert.equal(missing.status, 400);
    assert.equal(missing.errorType, 'ResourceNotFoundException');
    assert.deepEqual(missing.body, { __type: 'ResourceNotFoundException', message: 'Stream nope under account 123456789012 not found.' });
    const unknown = await cbor(bosun, 'NoSuchOperation', {});
    assert.equal(unknown.body.__type, 'UnknownOperationException');
  });
});
