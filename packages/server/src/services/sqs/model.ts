/**
 * SQS types: the API shapes (generated from AWS's model) and what Bosun stores per queue and per
 * message. Stored shapes are versioned JSON so later releases can read what earlier ones wrote.
 */
export type * from '../../wire/models/sqs.types.js';

import type { QueueAttributes } from './queue-attributes.js';

/** Metadata table of queues, keyed by queue ARN. */
export const QUEUES_TABLE = 'sqs-queues';
/** Metadata table of FIFO deduplication ids still inside their 5-minute window, keyed `<queueArn>/<scope key>`. */
export const DEDUP_TABLE = 'sqs-dedup';

export interface QueueRecord {
  v: 1;
  name: string;
  region: string;
  accountId: string;
  fifo: boolean;
  /** Settable attributes, normalised, defaults included. */
  attributes: QueueAttributes;
  tags: Record<string, string>;
  /** Epoch seconds, as SQS reports them. */
  createdAt: number;
  lastModifiedAt: number;
}

/** A message attribute as stored: binary values as base64. */
export interface StoredAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

/** The `meta` of a stored message (the delivery's `body` is the message body). */
export interface StoredMessage {
  v: 1;
  messageId: string;
  md5OfBody: string;
  /** Epoch ms of the original send; retention counts from it, also after a move to a dead-letter queue. */
  sentAt: number;
  senderId: string;
  attributes?: Record<string, StoredAttribute>;
  md5OfAttributes?: string;
  traceHeader?: string;
  groupId?: string;
  dedupId?: string;
  sequenceNumber?: string;
  deadLetterSourceArn?: string;
}

/**
 * Receive state noted on the stored message with each receive (the delivery's note), so receive
 * counts, and with them redrive, survive a restart.
 */
export interface ReceiveNote {
  receives: number;
  firstReceivedAt: number;
}

export interface DedupRecord {
  v: 1;
  dedupId: string;
  groupId: string;
  messageId: string;
  sequenceNumber: string;
  /** Epoch ms when the 5-minute window closes. */
  expiresAt: number;
}
