import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { md5OfAttributes, md5OfBody } from './md5.js';

// Expected digests are the ones SQS returned for the same input.
describe('SQS MD5 digests', () => {
  it('hashes the UTF-8 body', () => {
    assert.equal(md5OfBody('Test Message'), 'd1d4180b7e411c4be86b00fb2ee103eb');
    assert.equal(md5OfBody('0'), 'cfcd208495d565ef66e7dff9f98764da');
  });

  it('hashes a String attribute', () => {
    assert.equal(md5OfAttributes({ Hello: { DataType: 'String', StringValue: 'World' } }), '7db7fb1ba7f41366a8ea5eb18220b26d');
  });

  it('hashes a custom Number type as a string transport', () => {
    assert.equal(md5OfAttributes({ UserId: { DataType: 'Number.bigint', StringValue: '1234567890123456789012' } }), '797ab158d73dcb5242dedc4412c8e855');
  });

  it('hashes Binary attributes and sorts by name', () => {
    const binary = { DataType: 'Binary', BinaryValue: Buffer.from('Hello binary world!') };
    assert.equal(md5OfAttributes({ binaryAttribute: binary }), '31a92b15d92f8db860eda32aceb656c3');
    assert.equal(
      md5OfAttributes({
        customNumberTypeAttrib: { DataType: 'Number.float', StringValue: '4563442423554324324264524243.32543234' },
        binaryAttribute: binary,
        attribName1: { DataType: 'String', StringValue: 'attribValue 1' },
      }),
      'c932db14a896c663f83c260297d594ff',
    );
  });

  it('covers system attributes with the same encoding', () => {
    assert.equal(md5OfAttributes({ AWSTraceHeader: { DataType: 'String', StringValue: 'some-trace-id' } }), 'fdce4f2818803f2f73becc09a54792c0');
  });

  it('has no digest for no attributes', () => {
    assert.equal(md5OfAttributes(undefined), undefined);
    assert.equal(md5OfAttributes({}), undefined);
  });
});
