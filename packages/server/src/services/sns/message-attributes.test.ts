import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkMessageAttributes, publishSize, toNotificationAttributes, toSqsAttributes } from './message-attributes.js';
import type { MessageAttributeValue } from './model.js';

const problem = (attrs: Record<string, MessageAttributeValue>): string | undefined => checkMessageAttributes(attrs)?.message;

test('valid attributes of every type pass', () => {
  assert.equal(
    problem({
      s: { DataType: 'String', StringValue: 'x' },
      'n.custom_1-a': { DataType: 'Number.float', StringValue: '-1.5e3' },
      b: { DataType: 'Binary', BinaryValue: Buffer.from([1]) },
      a: { DataType: 'String.Array', StringValue: '["a", 1, true, null]' },
    }),
    undefined,
  );
});

test('names, types and values are checked with SNS wording', () => {
  assert.equal(problem({ '.a': { DataType: 'String', StringValue: 'x' } }), "Invalid message attribute name starting with character '.' was found.");
  assert.equal(problem({ 'a.': { DataType: 'String', StringValue: 'x' } }), "Invalid message attribute name ending with character '.' was found.");
  assert.equal(problem({ 'a..b': { DataType: 'String', StringValue: 'x' } }), "Message attribute name can not have successive '.' character.");
  assert.equal(problem({ s: { DataType: 'String', StringValue: '' } }), "The message attribute 's' must contain non-empty message attribute value for message attribute type 'String'.");
  assert.equal(problem({ s: { DataType: 'String' } }), "The message attribute 's' must contain non-empty message attribute value for message attribute type 'String'.");
  assert.equal(problem({ b: { DataType: 'Binary', StringValue: 'x' } }), "The message attribute 'b' with type 'Binary' must use field 'Binary'.");
  assert.equal(problem({ n: { DataType: 'Number', StringValue: '1x' } }), "Could not cast message attribute 'n' value to number.");
  assert.match(problem({ a: { DataType: 'String.Array', StringValue: 'nope' } }) ?? '', /String\.Array/);
  assert.equal(checkMessageAttributes({ s: { DataType: 'x', StringValue: 'v' } })?.code, 'ParameterValueInvalid');
});

test('size counts the message and each attribute name, type and value in bytes', () => {
  assert.equal(publishSize('héllo', { ab: { DataType: 'String', StringValue: 'é' }, b: { DataType: 'Binary', BinaryValue: Buffer.alloc(3) } }), 6 + (2 + 6 + 2) + (1 + 6 + 3));
});

test('attributes are carried as {Type, Value} in notifications and back to SQS form for raw delivery', () => {
  const n = toNotificationAttributes({ s: { DataType: 'String', StringValue: 'x' }, b: { DataType: 'Binary', BinaryValue: Buffer.from('hi') } });
  assert.deepEqual(n, { s: { Type: 'String', Value: 'x' }, b: { Type: 'Binary', Value: 'aGk=' } });
  assert.deepEqual(toSqsAttributes(n), { s: { DataType: 'String', StringValue: 'x' }, b: { DataType: 'Binary', BinaryValue: Buffer.from('hi') } });
  assert.equal(toNotificationAttributes({}), undefined);
});
