import assert from 'node:assert/strict';
import { verify, X509Certificate } from 'node:crypto';
import { test } from 'node:test';
import { ManualClock } from '../../core/index.js';
import { jsonString, renderEnvelope, stringToSign, type EnvelopeFields } from './envelope.js';
import type { DeliveryBody } from './model.js';
import { lambdaEvent, renderNotification } from './notification.js';
import { NotificationSigner } from './signing.js';

const topicArn = 'arn:aws:sns:us-west-2:123456789012:MyTopic';
const subscriptionArn = `${topicArn}:c9135db0-26c4-47ec-8998-413945fb5a96`;

const body: DeliveryBody = {
  type: 'Notification',
  subscriptionArn,
  topicArn,
  messageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
  message: 'Hello world!',
  subject: 'My First Message',
  timestamp: Date.parse('2012-05-02T00:54:06.655Z'),
  signatureVersion: '1',
  baseUrl: 'http://localhost:4566',
  messageAttributes: { store: { Type: 'String', Value: 'example_corp' }, price: { Type: 'Number', Value: '10' } },
};

test('the notification string to sign lists Message, MessageId, Subject, Timestamp, TopicArn, Type', () => {
  const f: EnvelopeFields = { type: 'Notification', messageId: 'm', topicArn: 't', message: 'a\nb', timestamp: 'ts', subject: 's' };
  assert.equal(stringToSign(f), 'Message\na\nb\nMessageId\nm\nSubject\ns\nTimestamp\nts\nTopicArn\nt\nType\nNotification\n');
  assert.equal(stringToSign({ ...f, subject: undefined }), 'Message\na\nb\nMessageId\nm\nTimestamp\nts\nTopicArn\nt\nType\nNotification\n');
});

test('the confirmation string to sign lists SubscribeURL and Token', () => {
  const f: EnvelopeFields = { type: 'SubscriptionConfirmation', messageId: 'm', topicArn: 't', message: 'msg', timestamp: 'ts', token: 'tok', subscribeUrl: 'u' };
  assert.equal(stringToSign(f), 'Message\nmsg\nMessageId\nm\nSubscribeURL\nu\nTimestamp\nts\nToken\ntok\nTopicArn\nt\nType\nSubscriptionConfirmation\n');
});

test('the envelope has AWS layout and member order', () => {
  const text = renderNotification(body, false, () => 'SIG==');
  assert.equal(
    text,
    [
      '{',
      '  "Type" : "Notification",',
      '  "MessageId" : "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",',
      '  "TopicArn" : "arn:aws:sns:us-west-2:123456789012:MyTopic",',
      '  "Subject" : "My First Message",',
      '  "Message" : "Hello world!",',
      '  "Timestamp" : "2012-05-02T00:54:06.655Z",',
      '  "SignatureVersion" : "1",',
      '  "Signature" : "SIG==",',
      '  "SigningCertURL" : "http://localhost:4566/_bosun/sns/SimpleNotificationService.pem",',
      `  "UnsubscribeURL" : "http://localhost:4566/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}",`,
      '  "MessageAttributes" : {',
      '    "store" : {"Type":"String","Value":"example_corp"},',
      '    "price" : {"Type":"Number","Value":"10"}',
      '  }',
      '}',
    ].join('\n'),
  );
  const parsed = JSON.parse(text) as Record<string, unknown>;
  assert.equal(parsed.Message, 'Hello world!');
});

test('FIFO topics carry a SequenceNumber and no signature', () => {
  const fifo = { ...body, topicArn: `${topicArn}.fifo`, subscriptionArn: `${topicArn}.fifo:c9135db0-26c4-47ec-8998-413945fb5a96`, sequenceNumber: '10000000000000003000' };
  const parsed = JSON.parse(renderNotification(fifo, false, () => 'SIG')) as Record<string, unknown>;
  assert.deepEqual(Object.keys(parsed), ['Type', 'MessageId', 'SequenceNumber', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'UnsubscribeURL', 'MessageAttributes']);
});

test('raw delivery is the bare message', () => {
  assert.equal(renderNotification(body, true, () => 'SIG'), 'Hello world!');
});

test('strings are escaped as Jackson escapes them and parse back', () => {
  const s = 'q"b\\s/ é\u0001\n\t';
  assert.equal(jsonString(s), '"q\\"b\\\\s/ é\\u0001\\n\\t"');
  assert.equal(JSON.parse(jsonString(s)), s);
});

test('a signed notification verifies with the certificate, per SNS verification steps', () => {
  const { signer } = NotificationSigner.generate(new ManualClock());
  const key = new X509Certificate(signer.certificatePem).publicKey;
  for (const version of ['1', '2']) {
    const msg = JSON.parse(renderNotification({ ...body, signatureVersion: version }, false, (t, v) => signer.sign(t, v))) as Record<string, string>;
    // Rebuild the string to sign from the delivered document alone, as a subscriber does.
    const keys = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'];
    const text = keys.filter((k) => msg[k] !== undefined).map((k) => `${k}\n${msg[k]}\n`).join('');
    assert.equal(msg.SignatureVersion, version);
    assert.ok(verify(version === '2' ? 'sha256' : 'sha1', Buffer.from(text), key, Buffer.from(msg.Signature, 'base64')));
  }
});

test('subscription confirmations carry Token and SubscribeURL and are signed', () => {
  const confirm: DeliveryBody = { ...body, type: 'SubscriptionConfirmation', subject: undefined, messageAttributes: undefined, token: 'abc', message: 'confirm me' };
  const parsed = JSON.parse(renderEnvelope({ type: 'SubscriptionConfirmation', messageId: 'm', topicArn, message: 'x', timestamp: 't', token: 'abc', subscribeUrl: 'u' }, { version: '1', signature: 's', signingCertUrl: 'c' })) as Record<string, unknown>;
  assert.deepEqual(Object.keys(parsed), ['Type', 'MessageId', 'Token', 'TopicArn', 'Message', 'SubscribeURL', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL']);
  const rendered = JSON.parse(renderNotification(confirm, true, () => 'S')) as Record<string, string>;
  assert.equal(rendered.SubscribeURL, `http://localhost:4566/?Action=ConfirmSubscription&TopicArn=${topicArn}&Token=abc`);
  assert.equal(rendered.UnsubscribeURL, undefined);
});

test('Lambda gets the SNS event record shape', () => {
  const event = JSON.parse(lambdaEvent(body, () => 'S')) as { Records: { EventSource: string; Sns: Record<string, unknown> }[] };
  assert.equal(event.Records[0].EventSource, 'aws:sns');
  assert.equal(event.Records[0].Sns.Message, 'Hello world!');
  assert.equal(event.Records[0].Sns.SigningCertUrl, 'http://localhost:4566/_bosun/sns/SimpleNotificationService.pem');
  assert.deepEqual(event.Records[0].Sns.MessageAttributes, body.messageAttributes);
});
