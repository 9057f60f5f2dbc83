import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messageSize, validateBody, validateFifoId, validateMessageAttributes, validateMessageSize, validateSystemAttributes } from './message-validation.js';

describe('message bodies', () => {
  it('accepts the XML character range, emoji included', () => {
    validateBody('tab\tnl\ncr\r héllo 🌍 \ufffd');
  });

  it('refuses control characters, unpaired surrogates and empty bodies', () => {
    for (const body of ['\u0000', 'a\u0001b', '\ufffe', 'x\ud800y']) {
      assert.throws(() => validateBody(body), { code: 'InvalidMessageContents', queryCode: 'InvalidMessageContents' });
    }
    assert.throws(() => validateBody(''), { message: 'The request must contain the parameter MessageBody.', queryCode: 'MissingParameter' });
  });

  it('counts body and attribute bytes against the limit', () => {
    const attrs = { a: { DataType: 'String', StringValue: 'xy' } };
    assert.equal(messageSize('é', attrs), 2 + 1 + 6 + 2);
    validateMessageSize('x'.repeat(1024), undefined, 1024);
    assert.throws(() => validateMessageSize('x'.repeat(1020), { ab: { DataType: 'String', StringValue: 'z' } }, 1024), {
      message: 'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.',
    });
  });
});

describe('message attributes', () => {
  const refuse = (attrs: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Uint8Array; StringListValues?: string[] }>, message: string) =>
    assert.throws(() => validateMessageAttributes(attrs), { code: 'InvalidParameterValueException', queryCode: 'InvalidParameterValue', message });

  it('accepts String, Number and Binary with custom type labels', () => {
    validateMessageAttributes({
      s: { DataType: 'String', StringValue: 'v' },
      n: { DataType: 'Number.float', StringValue: '-1.5e3' },
      b: { DataType: 'Binary.gif', BinaryValue: new Uint8Array([1]) },
    });
  });

  it('words each refusal as SQS does', () => {
    refuse({ Hello: { DataType: 'Number', StringValue: 'world' } }, "Can't cast the value of message (user) attribute 'Hello' to a number.");
    refuse({ Hello: { DataType: 'String', StringValue: '' } }, "Message (user) attribute 'Hello' must contain a non-empty value of type 'String'.");
    refuse({ '': { DataType: 'String', StringValue: 'v' } }, 'The request must contain non-empty message (user) attribute names.');
    refuse({ Hello: { DataType: 'InvalidType', StringValue: 'v' } }, "The type of message (user) attribute 'Hello' is invalid. You must use only the following supported type prefixes: Binary, Number, String.");
    refuse({ Hello: { DataType: 'StringList', StringListValues: ['a'] } }, 'Message attribute list values in SendMessage operation are not supported.');
    refuse({ 'AWS.Hello': { DataType: 'String', StringValue: 'v' } }, "You can't use message attribute names beginning with 'AWS.' or 'Amazon'. These strings are reserved for internal use.");
    refuse({ ['a'.repeat(257)]: { DataType: 'String', StringValue: 'v' } }, 'Message (user) attribute name must be shorter than 256 bytes.');
    refuse({ a: { DataType: `String.${'a'.repeat(250)}`, StringValue: 'v' } }, 'Message (user) attribute type must be shorter than 256 bytes.');
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }]));
    refuse(eleven, 'Number of message attributes [11] exceeds the allowed maximum [10].');
  });

  it('takes AWSTraceHeader as the only system attribute', () => {
    validateSystemAttributes({ AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' } });
    assert.throws(() => validateSystemAttributes({ Hello: { DataType: 'String', StringValue: 'x' } }), { message: "Message system attribute name 'Hello' is invalid." });
  });

  it('checks FIFO ids', () => {
    validateFifoId('MessageGroupId', 'group-1!');
    assert.throws(() => validateFifoId('MessageGroupId', 'with space'), /MessageGroupId can only include alphanumeric and punctuation characters/);
    assert.throws(() => validateFifoId('MessageDeduplicationId', 'x'.repeat(129)), /1 to 128 in length/);
  });
});
