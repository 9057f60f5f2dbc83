import { createHash } from 'node:crypto';
import { invalidParam } from './errors.js';
import { checkMessageAttributes, MAX_MESSAGE_BYTES, publishSize, toNotificationAttributes } from './message-attributes.js';
import { parseStructuredMessage } from './messages.js';
import type { MessageAttributeValue, NotificationAttribute, TopicRecord } from './model.js';

/**
 * What Publish and PublishBatch check about one message before anything is stored, in SNS's
 * order, and the normalised message they go on with. Pure.
 */

export interface PublishEntry {
  Message: string;
  Subject?: string;
  MessageStructure?: string;
  MessageAttributes?: Record<string, MessageAttributeValue>;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

export interface CheckedEntry {
  message: string | Record<string, string>;
  subject?: string;
  attributes?: Record<string, NotificationAttribute>;
  messageGroupId?: string;
  /** For FIFO topics: the explicit id or the SHA-256 of the message (content-based deduplication). */
  deduplicationId?: string;
  /** Bytes counted against the 256 KB limit. */
  size: number;
}

const FIFO_ID = /^[\x21-\x7e]{1,128}$/;

/** Subject: 1-100 printable ASCII characters, no line breaks (SNS's rule). */
function validSubject(s: string): boolean {
  return s.length >= 1 && s.length <= 100 && /^[\x20-\x7e]+$/.test(s) && /^[^\s]/.test(s);
}

/** Everything about the message itself; throws SNS's error for the first problem. */
export function checkMessage(entry: PublishEntry): CheckedEntry {
  if (entry.Subject !== undefined && !validSubject(entry.Subject)) throw invalidParam('Subject');
  if (entry.Message === undefined || entry.Message === '') throw invalidParam('Empty message');
  const problem = checkMessageAttributes(entry.MessageAttributes);
  if (problem) throw problem;
  const size = publishSize(entry.Message, entry.MessageAttributes);
  if (size > MAX_MESSAGE_BYTES) throw invalidParam('Message too long');
  let message: CheckedEntry['message'] = entry.Message;
  if (entry.MessageStructure !== undefined) {
    if (entry.MessageStructure !== 'json') throw invalidParam('MessageStructure');
    message = parseStructuredMessage(entry.Message);
  }
  return { message, subject: entry.Subject, attributes: toNotificationAttributes(entry.MessageAttributes), size };
}

/** The FIFO rules: group id required on FIFO topics and refused on standard ones; deduplication. */
export function checkFifo(topic: TopicRecord, entry: PublishEntry, checked: CheckedEntry): CheckedEntry {
  if (!topic.fifo) {
    if (entry.MessageDeduplicationId !== undefined) {
      throw invalidParam('MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
    }
    if (entry.MessageGroupId !== undefined) {
      throw invalidParam('MessageGroupId Reason: The request includes MessageGroupId parameter that is not valid for this topic type');
    }
    return checked;
  }
  if (entry.MessageGroupId === undefined || entry.MessageGroupId === '') throw invalidParam('The MessageGroupId parameter is required for FIFO topics');
  if (!FIFO_ID.test(entry.MessageGroupId)) throw invalidParam('MessageGroupId');
  let deduplicationId = entry.MessageDeduplicationId;
  if (deduplicationId !== undefined && !FIFO_ID.test(deduplicationId)) throw invalidParam('MessageDeduplicationId');
  if (deduplicationId === undefined) {
    if (topic.attributes.ContentBasedDeduplication !== 'true') {
      throw invalidParam('The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    }
    deduplicationId = createHash('sha256').update(entry.Message).digest('hex');
  }
  return { ...checked, messageGroupId: entry.MessageGroupId, deduplicationId };
}

/** FIFO sequence numbers: 20 digits, strictly increasing within this process and across restarts (clock-based). */
export class SequenceNumbers {
  private last = 0n;

  next(nowMs: number): string {
    const candidate = BigInt(nowMs) * 1_000_000n;
    this.last = candidate > this.last ? candidate : this.last + 1n;
    return this.last.toString().padStart(20, '0');
  }
}
