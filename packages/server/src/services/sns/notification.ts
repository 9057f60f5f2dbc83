import {
  renderEnvelope,
  signingCertUrl,
  stringToSign,
  subscribeUrl,
  unsubscribeUrl,
  type EnvelopeFields,
  type Signature,
} from './envelope.js';
import type { DeliveryBody } from './model.js';

/**
 * A queued delivery turned into what the subscriber receives: the signed JSON envelope, or the bare
 * message for raw delivery. Signing is a function argument so this stays pure.
 */

export type SignFunction = (text: string, version: string) => string;

export function envelopeFields(body: DeliveryBody): EnvelopeFields {
  const fifo = body.topicArn.endsWith('.fifo');
  return {
    type: body.type,
    messageId: body.messageId,
    topicArn: body.topicArn,
    message: body.message,
    timestamp: new Date(body.timestamp).toISOString(),
    subject: body.subject,
    token: body.token,
    subscribeUrl: body.token !== undefined ? subscribeUrl(body.baseUrl, body.topicArn, body.token) : undefined,
    unsubscribeUrl: body.type === 'Notification' ? unsubscribeUrl(body.baseUrl, body.subscriptionArn) : undefined,
    sequenceNumber: fifo && body.type === 'Notification' ? body.sequenceNumber : undefined,
    messageAttributes: body.messageAttributes,
  };
}

/** FIFO topics do not sign their notifications; everything else does. */
export function signatureFor(body: DeliveryBody, fields: EnvelopeFields, sign: SignFunction): Signature | undefined {
  if (body.topicArn.endsWith('.fifo') && body.type === 'Notification') return undefined;
  const version = body.signatureVersion === '2' ? '2' : '1';
  return { version, signature: sign(stringToSign(fields), version), signingCertUrl: signingCertUrl(body.baseUrl) };
}

/** The text an SQS queue or HTTP/S endpoint receives. */
export function renderNotification(body: DeliveryBody, raw: boolean, sign: SignFunction): string {
  if (raw && body.type === 'Notification') return body.message;
  const fields = envelopeFields(body);
  return renderEnvelope(fields, signatureFor(body, fields, sign));
}

/** The event a Lambda function subscribed to the topic is invoked with. */
export function lambdaEvent(body: DeliveryBody, sign: SignFunction): string {
  const fields = envelopeFields(body);
  const sig = signatureFor(body, fields, sign);
  return JSON.stringify({
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: body.subscriptionArn,
        Sns: {
          Type: fields.type,
          MessageId: fields.messageId,
          TopicArn: fields.topicArn,
          Subject: fields.subject ?? null,
          Message: fields.message,
          Timestamp: fields.timestamp,
          SignatureVersion: sig?.version,
          Signature: sig?.signature,
          SigningCertUrl: sig?.signingCertUrl,
          UnsubscribeUrl: fields.unsubscribeUrl,
          MessageAttributes: fields.messageAttributes ?? {},
        },
      },
    ],
  });
}
