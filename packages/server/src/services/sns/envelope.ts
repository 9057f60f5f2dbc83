import type { NotificationAttribute, NotificationType } from './model.js';

/**
 * The JSON document SNS delivers (to SQS, and as the body of HTTP/S POSTs), the string it signs,
 * and the URLs inside it. Field order and layout follow what AWS sends: Jackson's pretty printer
 * (`"Key" : value`, two-space indent) with each message attribute on one compact line. FIFO topics
 * carry a SequenceNumber and no signature. See
 * https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html and
 * https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html. Pure.
 */

export interface EnvelopeFields {
  type: NotificationType;
  messageId: string;
  topicArn: string;
  message: string;
  /** ISO-8601 with milliseconds, e.g. 2012-05-02T00:54:06.655Z. */
  timestamp: string;
  subject?: string;
  token?: string;
  subscribeUrl?: string;
  unsubscribeUrl?: string;
  sequenceNumber?: string;
  messageAttributes?: Record<string, NotificationAttribute>;
}

export interface Signature {
  version: string;
  signature: string;
  signingCertUrl: string;
}

/** SNS's string to sign: selected `Name\nValue\n` pairs in a fixed (alphabetical) order. */
export function stringToSign(f: EnvelopeFields): string {
  const pairs: [string, string | undefined][] =
    f.type === 'Notification'
      ? [
          ['Message', f.message],
          ['MessageId', f.messageId],
          ['Subject', f.subject],
          ['Timestamp', f.timestamp],
          ['TopicArn', f.topicArn],
          ['Type', f.type],
        ]
      : [
          ['Message', f.message],
          ['MessageId', f.messageId],
          ['SubscribeURL', f.subscribeUrl],
          ['Timestamp', f.timestamp],
          ['Token', f.token],
          ['TopicArn', f.topicArn],
          ['Type', f.type],
        ];
  return pairs
    .filter((p): p is [string, string] => p[1] !== undefined)
    .map(([k, v]) => `${k}\n${v}\n`)
    .join('');
}

/** The envelope's members in AWS's order (signature members only when signed). */
export function envelopeMembers(f: EnvelopeFields, sig?: Signature): [string, string | Record<string, NotificationAttribute>][] {
  const out: [string, string | Record<string, NotificationAttribute>][] = [
    ['Type', f.type],
    ['MessageId', f.messageId],
  ];
  if (f.sequenceNumber !== undefined) out.push(['SequenceNumber', f.sequenceNumber]);
  if (f.type !== 'Notification' && f.token !== undefined) out.push(['Token', f.token]);
  out.push(['TopicArn', f.topicArn]);
  if (f.subject !== undefined) out.push(['Subject', f.subject]);
  out.push(['Message', f.message]);
  if (f.type !== 'Notification' && f.subscribeUrl !== undefined) out.push(['SubscribeURL', f.subscribeUrl]);
  out.push(['Timestamp', f.timestamp]);
  if (sig) {
    out.push(['SignatureVersion', sig.version], ['Signature', sig.signature], ['SigningCertURL', sig.signingCertUrl]);
  }
  if (f.type === 'Notification' && f.unsubscribeUrl !== undefined) out.push(['UnsubscribeURL', f.unsubscribeUrl]);
  if (f.type === 'Notification' && f.messageAttributes && Object.keys(f.messageAttributes).length) {
    out.push(['MessageAttributes', f.messageAttributes]);
  }
  return out;
}

/** The envelope as AWS lays it out. */
export function renderEnvelope(f: EnvelopeFields, sig?: Signature): string {
  const lines = envelopeMembers(f, sig).map(([k, v]) => {
    if (typeof v === 'string') return `  ${jsonString(k)} : ${jsonString(v)}`;
    const attrs = Object.entries(v).map(([name, a]) => `    ${jsonString(name)} : {"Type":${jsonString(a.Type)},"Value":${jsonString(a.Value)}}`);
    return `  ${jsonString(k)} : {\n${attrs.join(',\n')}\n  }`;
  });
  return `{\n${lines.join(',\n')}\n}`;
}

/** A JSON string literal escaped as Jackson escapes it (control characters as \uXXXX in upper case, `/` left alone). */
export function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c < 0x20) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += s[i];
  }
  return `${out}"`;
}

/** `<base>/?Action=Unsubscribe&SubscriptionArn=<arn>` — AWS leaves the ARN's colons unescaped. */
export function unsubscribeUrl(baseUrl: string, subscriptionArn: string): string {
  return `${baseUrl}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`;
}

export function subscribeUrl(baseUrl: string, topicArn: string, token: string): string {
  return `${baseUrl}/?Action=ConfirmSubscription&TopicArn=${topicArn}&Token=${token}`;
}

export const SIGNING_CERT_PATH = '/_bosun/sns/SimpleNotificationService.pem';

export function signingCertUrl(baseUrl: string): string {
  return `${baseUrl}${SIGNING_CERT_PATH}`;
}

export function confirmationMessage(topicArn: string): string {
  return `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`;
}

export function unsubscribeConfirmationMessage(subscriptionArn: string): string {
  return `You have chosen to deactivate subscription ${subscriptionArn}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`;
}
