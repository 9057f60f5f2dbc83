import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { ManualClock, SequentialIds } from '../../core/index.js';
import { AwsError } from '../../errors/index.js';
import { openEmbeddedStorage, type Storage } from '../../storage/index.js';
import type { RequestContext } from '../provider.js';
import type { SqsAttribute } from './message-attributes.js';
import { createSnsService, type SnsService, type SqsQueues } from './index.js';

/** A real SNS service on embedded storage in a temp dir, with a fake SQS that records what it gets. */

export interface SentMessage {
  queueArn: string;
  body: string;
  messageAttributes?: Record<string, SqsAttribute>;
  messageGroupId?: string;
  messageDeduplicationId?: string;
}

export class FakeSqs implements SqsQueues {
  readonly sent: SentMessage[] = [];
  /** Queue ARN → the error its next sends throw. */
  readonly failing = new Map<string, AwsError>();

  async sendMessage(queueArn: string, body: string, options: Omit<SentMessage, 'queueArn' | 'body'> = {}): Promise<{ messageId: string; md5OfBody: string }> {
    const error = this.failing.get(queueArn);
    if (error) throw error;
    this.sent.push({ queueArn, body, ...options });
    return { messageId: String(this.sent.length), md5OfBody: '' };
  }

  to(queueArn: string): SentMessage[] {
    return this.sent.filter((m) => m.queueArn === queueArn);
  }
}

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export interface Harness {
  readonly sns: SnsService;
  sqs: FakeSqs;
  clock: ManualClock;
  readonly storage: Storage;
  dataDir: string;
  ctx: RequestContext;
  call<T = Record<string, unknown>>(operation: string, input: Record<string, unknown>, ctx?: Partial<RequestContext>): Promise<T>;
  /** Close the service and storage and open them again on the same data dir. */
  restart(): Promise<void>;
  /** The AwsError an operation throws (fails the test if it succeeds). */
  error(operation: string, input: Record<string, unknown>): Promise<AwsError>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bosun-sns-'));
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const ids = new SequentialIds();
  const sqs = new FakeSqs();
  const open = async (): Promise<{ storage: Storage; sns: SnsService }> => {
    const storage = await openEmbeddedStorage({ dataDir, clock, ids });
    const sns = await createSnsService({ storage, clock, ids, logger: pino({ level: 'silent' }), dataDir, sqs: () => sqs, publicUrl: () => 'http://bosun.test' });
    return { storage, sns };
  };
  let { storage, sns } = await open();
  const ctx: RequestContext = { accountId: ACCOUNT, region: REGION, requestId: 'r', baseUrl: 'http://bosun.test', protocol: 'query', accessKeyId: 'AKID' };
  const call = async <T>(operation: string, input: Record<string, unknown>, over: Partial<RequestContext> = {}): Promise<T> => {
    const op = sns.provider.operations[operation];
    if (!op) throw new Error(`no operation ${operation}`);
    return (await (op as (i: unknown, c: RequestContext) => unknown)(input, { ...ctx, ...over })) as T;
  };
  return {
    get sns() {
      return sns;
    },
    get storage() {
      return storage;
    },
    sqs,
    clock,
    dataDir,
    ctx,
    call,
    async restart() {
      await sns.close();
      await storage.close();
      ({ storage, sns } = await open());
    },
    async error(operation, input) {
      try {
        await call(operation, input);
      } catch (e) {
        if (e instanceof AwsError) return e;
        throw e;
      }
      throw new Error(`${operation} succeeded`);
    },
    async close() {
      await sns.close();
      await storage.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const queueArn = (name: string): string => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
