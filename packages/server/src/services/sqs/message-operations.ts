import type { RequestContext } from '../provider.js';
import { batchResult, checkBatch, failedEntry } from './batch.js';
import type { SqsContext } from './context.js';
import { batchRequestTooLong, invalidValueFor, missingParameter } from './errors.js';
import type { IndexedMessage } from './message-index.js';
import { messageSize } from './message-validation.js';
import type {
  BatchResultErrorEntry,
  ChangeMessageVisibilityBatchRequest,
  ChangeMessageVisibilityBatchResult,
  ChangeMessageVisibilityRequest,
  DeleteMessageBatchRequest,
  DeleteMessageBatchResult,
  DeleteMessageRequest,
  ReceiveMessageRequest,
  ReceiveMessageResult,
  SendMessageBatchRequest,
  SendMessageBatchRequestEntry,
  SendMessageBatchResult,
  SendMessageBatchResultEntry,
  SendMessageRequest,
  SendMessageResult,
} from './model.js';
import { changeVisibility, deleteMessages, messageToDelete, validateVisibilityTimeout } from './receipts.js';
import { receiveMessages } from './receive.js';
import { resolveQueue } from './resolve.js';
import { sendMessages, type SendRequest, type SendResult } from './send.js';

/** A batch may carry at most this many bytes of messages (the largest single message). */
const MAX_BATCH_BYTES = 1_048_576;

function toSendRequest(e: SendMessageRequest | SendMessageBatchRequestEntry): SendRequest {
  return {
    body: e.MessageBody,
    delaySeconds: e.DelaySeconds,
    attributes: e.MessageAttributes,
    systemAttributes: e.MessageSystemAttributes,
    groupId: e.MessageGroupId,
    dedupId: e.MessageDeduplicationId,
  };
}

function nonEmptyHandle(handle: string | undefined, name = 'ReceiptHandle'): string {
  if (handle === undefined || handle.trim() === '') throw missingParameter(name);
  return handle;
}

/** Message-level operations: send, receive, delete and visibility. */
export function messageOperations(sqs: SqsContext) {
  return {
    SendMessage: async (input: SendMessageRequest, ctx: RequestContext): Promise<SendMessageResult> => {
      const queue = resolveQueue(sqs, input.QueueUrl, ctx);
      const [r] = await sendMessages(sqs, queue, [toSendRequest(input)], ctx.accountId);
      if (r instanceof Error) throw r;
      return { MessageId: r.messageId, MD5OfMessageBody: r.md5OfBody, MD5OfMessageAttributes: r.md5OfAttributes, MD5OfMessageSystemAttributes: r.md5OfSystemAttributes, SequenceNumber: r.sequenceNumber };
    },

    SendMessageBatch: async (input: SendMessageBatchRequest, ctx: RequestContext): Promise<SendMessageBatchResult> => {
      const queue = resolveQueue(sqs, input.QueueUrl, ctx);
      checkBatch(input.Entries, 'SendMessageBatchRequestEntry');
      const total = input.Entries.reduce((n, e) => n + messageSize(e.MessageBody ?? '', e.MessageAttributes), 0);
      if (total > MAX_BATCH_BYTES) throw batchRequestTooLong(MAX_BATCH_BYTES, total);
      const results = await sendMessages(sqs, queue, input.Entries.map(toSendRequest), ctx.accountId);
      const successful: SendMessageBatchResultEntry[] = [];
      const failed: BatchResultErrorEntry[] = [];
      results.forEach((r: SendResult | Error, i) => {
        const Id = input.Entries[i].Id;
        if (r instanceof Error) failed.push(failedEntry(Id, r));
        else successful.push({ Id, MessageId: r.messageId, MD5OfMessageBody: r.md5OfBody, MD5OfMessageAttributes: r.md5OfAttributes, MD5OfMessageSystemAttributes: r.md5OfSystemAttributes, SequenceNumber: r.sequenceNumber });
      });
      return batchResult(successful, failed);
    },

    ReceiveMessage: async (input: ReceiveMessageRequest, ctx: RequestContext): Promise<ReceiveMessageResult> => {
      const queue = resolveQueue(sqs, input.QueueUrl, ctx);
      const max = input.MaxNumberOfMessages ?? 1;
      if (!Number.isInteger(max) || max < 1 || max > 10) throw invalidValueFor('MaxNumberOfMessages', max, 'Must be between 1 and 10, if provided.');
      const wait = input.WaitTimeSeconds ?? queue.settings.receiveMessageWaitTimeSeconds;
      if (!Number.isInteger(wait) || wait < 0 || wait > 20) throw invalidValueFor('WaitTimeSeconds', wait, 'Must be >= 0 and <= 20, if provided.');
      if (input.VisibilityTimeout !== undefined) validateVisibilityTimeout(input.VisibilityTimeout);
      if (input.ReceiveRequestAttemptId !== undefined && !queue.fifo) {
        throw invalidValueFor('ReceiveRequestAttemptId', input.ReceiveRequestAttemptId, 'The request include parameter that is not valid for this queue type.');
      }
      const messages = await receiveMessages(sqs, queue, {
        max,
        visibilityTimeoutSeconds: input.VisibilityTimeout ?? queue.settings.visibilityTimeout,
        waitTimeSeconds: wait,
        selection: {
          system: [...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])],
          attributes: input.MessageAttributeNames ?? [],
        },
      });
      return messages.length > 0 ? { Messages: messages } : {};
    },

    DeleteMessage: async (input: DeleteMessageRequest, ctx: RequestContext): Promise<void> => {
      const queue = resolveQueue(sqs, input.QueueUrl, ctx);
      const m = messageToDelete(sqs, queue, nonEmptyHandle(input.ReceiptHandle));
      if (m) await deleteMessages(sqs, queue, [m]);
    },

    DeleteMessageBatch: async (input: DeleteMessageBatchRequest, ctx: RequestContext): Promise<DeleteMessageBatchResult> => {
      const queue = resolveQueue(sqs, input.QueueUrl, ctx);
      checkBatch(input.Entries, 'DeleteMessageBatchRequestEntry');
      const successful: { Id: string }[] = [];
      const failed: BatchResultErrorEntry[] = [];
      const toDelete: IndexedMessage[] = [];
      for (const entry of input.Entries) {
        try {
          const m = messageToDelete(sqs, queue, nonEmptyHandle(entry.ReceiptHandle));
          if (m && !toDelete.includes(m)) toDelete.push(m);
          successful.push({ Id: entry.Id });
        } catch (e) {
          failed.push(failedEntry(entry.Id, e));
        }
      }
      await deleteMessages(sqs, queue, toDelete);
      return batchResult(successful, failed);
    },

    ChangeMessageVisibility: async (input: ChangeMessageVisibilityRequest, ctx: RequestContext): Promise<void> => {
      const queue = resolveQueue(sqs, input.QueueUrl, ctx);
      await changeVisibility(sqs, queue, nonEmptyHandle(input.ReceiptHandle), input.VisibilityTimeout);
    },

    ChangeMessageVisibilityBatch: async (input: ChangeMessageVisibilityBatchRequest, ctx: RequestContext): Promise<ChangeMessageVisibilityBatchResult> => {
      const queue = resolveQueue(sqs, input.QueueUrl, ctx);
      // SQS names this batch's entries differently in this one message.
      checkBatch(input.Entries, 'ChangeMessageVisibilityBatch');
      const successful: { Id: string }[] = [];
      const failed: BatchResultErrorEntry[] = [];
      for (const [i, entry] of input.Entries.entries()) {
        try {
          const handle = nonEmptyHandle(entry.ReceiptHandle);
          if (entry.VisibilityTimeout === undefined) throw missingParameter(`ChangeMessageVisibilityBatchRequestEntry.${i + 1}.VisibilityTimeout`);
          await changeVisibility(sqs, queue, handle, entry.VisibilityTimeout);
          successful.push({ Id: entry.Id });
        } catch (e) {
          failed.push(failedEntry(entry.Id, e));
        }
      }
      return batchResult(successful, failed);
    },
  };
}
