import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kinesisHarness, type KinesisHarness } from '../services/kinesis/testing.js';
import { KinesisStreamTarget, partitionKeyOf, valueAtPath } from './kinesis-stream.js';
import type { DeliveryRequest } from './target.js';

const event = { version: '0', id: 'e-1', 'detail-type': 'Order Placed', source: 'shop', account: '123456789012', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: { orderId: 'o-42', lines: [{ sku: 'a' }] } };

function request(overrides: Partial<DeliveryRequest> = {}): DeliveryRequest {
  const text = JSON.stringify(event);
  return {
    targetArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/orders',
    target: { Id: 't', Arn: 'arn:aws:kinesis:us-east-1:123456789012:stream/orders' },
    input: text,
    event: text,
    eventId: event.id,
    ruleArn: 'arn:aws:events:us-east-1:123456789012:rule/r',
    accountId: '123456789012',
    region: 'us-east-1',
    ...overrides,
  };
}

describe('Kinesis stream target', () => {
  let h: KinesisHarness;
  let target: KinesisStreamTarget;
  before(async () => {
    h = await kinesisHarness();
    target = new KinesisStreamTarget(() => h.service.writer);
    await h.call('CreateStream', { StreamName: 'orders', ShardCount: 1 });
  });
  after(() => h.dispose());

  it('partitions by KinesisParameters.PartitionKeyPath, else by the event id', () => {
    assert.equal(partitionKeyOf(request()), 'e-1');
    assert.equal(partitionKeyOf(request({ target: { KinesisParameters: { PartitionKeyPath: '$.detail.orderId' } } })), 'o-42');
    assert.equal(partitionKeyOf(request({ target: { KinesisParameters: { PartitionKeyPath: '$.detail.missing' } } })), 'e-1');
    assert.equal(valueAtPath(event, '$.detail.lines[0].sku'), 'a');
  });

  it('puts the input as the record data', async () => {
    assert.deepEqual(await target.deliver(request({ target: { KinesisParameters: { PartitionKeyPath: '$.detail.orderId' } } })), { ok: true });
    const { ShardIterator } = await h.call<{ ShardIterator: string }>('GetShardIterator', { StreamName: 'orders', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' });
    const got = await h.call<{ Records: { Data: Buffer; PartitionKey: string }[] }>('GetRecords', { ShardIterator });
    assert.deepEqual(got.Records.map((r) => [r.Data.toString(), r.PartitionKey]), [[JSON.stringify(event), 'o-42']]);
  });

  it('reports a missing stream as not retryable', async () => {
    const outcome = await target.deliver(request({ targetArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/none' }));
    assert.deepEqual(outcome, { ok: false, retryable: false, errorCode: 'NO_RESOURCE', errorMessage: 'Stream none under account 123456789012 not found.' });
  });
});
