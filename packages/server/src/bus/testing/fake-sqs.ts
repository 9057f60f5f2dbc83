import { AwsError } from '../../errors/index.js';
import type { SqsMessageAttribute, SqsSender } from '../../targets/sqs.js';

export interface SentMessage {
  body: string;
  attributes?: Record<string, SqsMessageAttribute>;
  groupId?: string;
}

/** An SQS stand-in for bus tests: queues by ARN, and failures on demand. */
export class FakeSqs implements SqsSender {
  readonly queues = new Map<string, SentMessage[]>();
  /** Queue ARN → the error its sends throw. */
  readonly failures = new Map<string, () => unknown>();
  private n = 0;

  create(arn: string): this {
    this.queues.set(arn, []);
    return this;
  }

  messages(arn: string): SentMessage[] {
    return this.queues.get(arn) ?? [];
  }

  async sendMessage(queueArn: string, body: string, options: { messageAttributes?: Record<string, SqsMessageAttribute>; messageGroupId?: string } = {}) {
    const fail = this.failures.get(queueArn);
    if (fail) throw fail();
    const q = this.queues.get(queueArn);
    if (!q) throw new AwsError('QueueDoesNotExist', 'The specified queue does not exist.');
    q.push({ body, attributes: options.messageAttributes, groupId: options.messageGroupId });
    return { messageId: `m${++this.n}`, md5OfBody: '' };
  }
}
