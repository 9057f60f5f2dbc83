import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serviceModels } from './models/index.js';
import { decodeQueryInput } from './query-codec.js';

const sns = serviceModels.sns;
const decode = (shape: string, params: Record<string, string>) => decodeQueryInput(sns, shape, new Map(Object.entries(params)));

describe('query decoding of maps', () => {
  it('reads key/value entries and MessageAttributes-style Name/Value structures', () => {
    assert.deepEqual(decode('SubscribeInput', { TopicArn: 't', Protocol: 'sqs', 'Attributes.entry.1.key': 'RawMessageDelivery', 'Attributes.entry.1.value': 'true' }), {
      TopicArn: 't',
      Protocol: 'sqs',
      Attributes: { RawMessageDelivery: 'true' },
    });
    assert.deepEqual(
      decode('PublishInput', { Message: 'm', 'MessageAttributes.entry.1.Name': 'a', 'MessageAttributes.entry.1.Value.DataType': 'String', 'MessageAttributes.entry.1.Value.StringValue': 'x' }),
      { Message: 'm', MessageAttributes: { a: { DataType: 'String', StringValue: 'x' } } },
    );
  });

  it('leaves out an entry sent without its value instead of holding undefined', () => {
    const subscribe = decode('SubscribeInput', { TopicArn: 't', Protocol: 'sqs', 'Attributes.entry.1.key': 'RawMessageDelivery', 'Attributes.entry.2.key': 'FilterPolicyScope', 'Attributes.entry.2.value': 'MessageBody' });
    assert.deepEqual(subscribe.Attributes, { FilterPolicyScope: 'MessageBody' });
    const publish = decode('PublishInput', { Message: 'm', 'MessageAttributes.entry.1.Name': 'a' });
    assert.equal('MessageAttributes' in publish, false);
  });
});
