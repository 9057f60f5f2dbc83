import { md5OfAttributes, type AttributeValue } from './md5.js';
import type { IndexedMessage } from './message-index.js';
import type { Message, MessageAttributeValue, StoredAttribute, StoredMessage } from './model.js';

/**
 * A received message as ReceiveMessage returns it: system attributes only when asked for
 * (AttributeNames / MessageSystemAttributeNames, `All` for every one), message attributes
 * filtered by MessageAttributeNames (`All`, `.*`, `prefix.*` or exact names), and the MD5 of the
 * attributes actually returned. Pure.
 */

export interface MessageSelection {
  /** Requested system attribute names (both parameters merged). */
  system: readonly string[];
  /** Requested message attribute names or patterns. */
  attributes: readonly string[];
}

export function systemAttributes(stored: StoredMessage, m: IndexedMessage): Record<string, string> {
  const out: Record<string, string> = {
    SenderId: stored.senderId,
    SentTimestamp: String(stored.sentAt),
    ApproximateReceiveCount: String(m.receiveCount),
    ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.lastReceivedAt ?? stored.sentAt),
  };
  if (stored.sequenceNumber !== undefined) out.SequenceNumber = stored.sequenceNumber;
  if (stored.dedupId !== undefined) out.MessageDeduplicationId = stored.dedupId;
  if (stored.groupId !== undefined) out.MessageGroupId = stored.groupId;
  if (stored.traceHeader !== undefined) out.AWSTraceHeader = stored.traceHeader;
  if (stored.deadLetterSourceArn !== undefined) out.DeadLetterQueueSourceArn = stored.deadLetterSourceArn;
  return out;
}

function pickSystem(all: Record<string, string>, names: readonly string[]): Record<string, string> | undefined {
  if (names.length === 0) return undefined;
  if (names.includes('All')) return all;
  const out: Record<string, string> = {};
  for (const name of names) if (all[name] !== undefined) out[name] = all[name];
  return Object.keys(out).length > 0 ? out : undefined;
}

export function attributeMatches(name: string, patterns: readonly string[]): boolean {
  for (const p of patterns) {
    if (p === 'All' || p === '.*' || p === name) return true;
    if (p.endsWith('.*') && name.startsWith(p.slice(0, -1))) return true;
  }
  return false;
}

function toWireAttribute(a: StoredAttribute): MessageAttributeValue {
  return a.BinaryValue !== undefined ? { DataType: a.DataType, BinaryValue: Buffer.from(a.BinaryValue, 'base64') } : { DataType: a.DataType, StringValue: a.StringValue };
}

export function toApiMessage(stored: StoredMessage, body: string, m: IndexedMessage, receiptHandle: string, selection: MessageSelection): Message {
  const message: Message = { MessageId: stored.messageId, ReceiptHandle: receiptHandle, MD5OfBody: stored.md5OfBody, Body: body };
  const attrs = pickSystem(systemAttributes(stored, m), selection.system);
  if (attrs) message.Attributes = attrs;
  const names = Object.keys(stored.attributes ?? {}).filter((n) => attributeMatches(n, selection.attributes));
  if (stored.attributes && names.length > 0) {
    const picked: Record<string, MessageAttributeValue> = {};
    for (const n of names) picked[n] = toWireAttribute(stored.attributes[n]);
    message.MessageAttributes = picked;
    const all = names.length === Object.keys(stored.attributes).length;
    message.MD5OfMessageAttributes = all && stored.md5OfAttributes ? stored.md5OfAttributes : md5OfAttributes(picked as Record<string, AttributeValue>);
  }
  return message;
}
