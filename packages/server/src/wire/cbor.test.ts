import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsError } from '../errors/index.js';
import { cborBodyAsJson, cborError, cborResponse, decodeCbor, encodeCbor } from './cbor.js';
import { serviceModels } from './models/index.js';

const hex = (s: string) => Buffer.from(s, 'hex');

describe('CBOR codec', () => {
  it('decodes the RFC 8949 appendix A examples', () => {
    const cases: [string, unknown][] = [
      ['00', 0], ['17', 23], ['1818', 24], ['1903e8', 1000], ['1a000f4240', 1000000], ['1b000000e8d4a51000', 1000000000000],
      ['20', -1], ['3903e7', -1000], ['fb3ff199999999999a', 1.1], ['f93e00', 1.5], ['f97bff', 65504], ['fa47c35000', 100000],
      ['f4', false], ['f5', true], ['f6', null], ['6161', 'a'], ['62c3bc', 'ü'], ['83010203', [1, 2, 3]],
      ['a26161016162820203', { a: 1, b: [2, 3] }],
      ['7f657374726561646d696e67ff', 'streaming'],
      ['9f018202039f0405ffff', [1, [2, 3], [4, 5]]],
      ['bf61610161629f0203ffff', { a: 1, b: [2, 3] }],
    ];
    for (const [h, v] of cases) assert.deepEqual(decodeCbor(hex(h)), v, h);
    assert.deepEqual(decodeCbor(hex('4401020304')), Buffer.from([1, 2, 3, 4]));
    assert.deepEqual(decodeCbor(hex('5f42010243030405ff')), Buffer.from([1, 2, 3, 4, 5]));
  });

  it('reads tag 1 as epoch milliseconds, as the AWS SDKs for Java write it', () => {
    // {"Timestamp": tag(1) 1787036486712}, captured from KinesisClient.getShardIterator(AT_TIMESTAMP).
    const body = hex('bf6954696d657374616d70c11b000001a013accc38ff');
    assert.deepEqual(decodeCbor(body), { Timestamp: new Date(1787036486712) });
    assert.deepEqual(cborBodyAsJson(body), { Timestamp: 1787036486.712 });
  });

  it('round-trips what it encodes, with minimal heads', () => {
    const value = { s: 'x', n: -5, big: 2 ** 40, f: 0.25, b: Buffer.from('hi'), d: new Date(1000), l: [true, null], m: {} };
    assert.deepEqual(decodeCbor(encodeCbor(value)), { ...value, l: [true, null] });
    assert.equal(encodeCbor(24).toString('hex'), '1818');
    assert.equal(encodeCbor(new Date(1363896240000)).toString('hex'), 'c11b0000013d8e8d0780');
  });

  it('refuses truncated or trailing input', () => {
    assert.throws(() => decodeCbor(hex('830102')));
    assert.throws(() => decodeCbor(hex('0000')));
    assert.throws(() => cborBodyAsJson(hex('ff')), (e: unknown) => e instanceof AwsError && e.code === 'SerializationException');
  });

  it('encodes Kinesis outputs with byte strings and millisecond timestamps, and errors with __type', () => {
    const out = cborResponse(serviceModels.kinesis!, 'GetRecordsOutput', { Records: [{ SequenceNumber: '1', Data: Buffer.from('hi'), PartitionKey: 'p', ApproximateArrivalTimestamp: new Date(1500) }], MillisBehindLatest: 0 }, 'r');
    assert.equal(out.headers['content-type'], 'application/x-amz-cbor-1.1');
    assert.deepEqual(decodeCbor(out.body as Buffer), { Records: [{ SequenceNumber: '1', ApproximateArrivalTimestamp: new Date(1500), Data: Buffer.from('hi'), PartitionKey: 'p' }], MillisBehindLatest: 0 });
    const err = cborError(new AwsError('ResourceNotFoundException', 'gone'), 'r');
    assert.equal(err.headers['x-amzn-errortype'], 'ResourceNotFoundException');
    assert.deepEqual(decodeCbor(err.body as Buffer), { __type: 'ResourceNotFoundException', message: 'gone' });
  });
});
