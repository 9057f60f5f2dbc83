/**
 * Receipt handles. Each receive of a message yields a new handle naming the queue, the stored
 * message and which receive it was, so a handle from an earlier receive can be told apart
 * (FIFO queues refuse those; standard queues accept them, as SQS does). Opaque base64url to
 * clients, like SQS's own. Pure.
 */

export interface ReceiptHandle {
  queueArn: string;
  /** The storage delivery id of the message. */
  deliveryId: string;
  /** The message's receive count at the receive that issued this handle. */
  receive: number;
  /** Random part, so equal receives of different messages never collide in logs and caches. */
  nonce: string;
}

const PREFIX = 'bsq1';

export function encodeReceiptHandle(h: ReceiptHandle): string {
  const text = [PREFIX, h.queueArn, h.deliveryId, String(h.receive), h.nonce].join('\n');
  return Buffer.from(text, 'utf8').toString('base64url');
}

export function decodeReceiptHandle(handle: string): ReceiptHandle | undefined {
  if (handle.length === 0 || handle.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(handle)) return undefined;
  const parts = Buffer.from(handle, 'base64url').toString('utf8').split('\n');
  if (parts.length !== 5 || parts[0] !== PREFIX) return undefined;
  const [, queueArn, deliveryId, receive, nonce] = parts;
  if (!queueArn || !deliveryId || !/^[1-9]\d*$/.test(receive)) return undefined;
  return { queueArn, deliveryId, receive: Number(receive), nonce };
}
