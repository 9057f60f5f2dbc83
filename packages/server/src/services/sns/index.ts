import type { Logger } from 'pino';
import type { Clock, IdSource } from '../../core/index.js';
import type { RawHandler } from '../../http/index.js';
import type { Storage } from '../../storage/index.js';
import type { ServiceProvider } from '../provider.js';
import type { SnsContext } from './context.js';
import { defaultWorkerSettings, SnsDeliveryWorker } from './delivery-worker.js';
import type { LambdaInvoker, SqsQueues } from './endpoints.js';
import { SIGNING_CERT_PATH } from './envelope.js';
import { FilterPolicyMatcher } from './filter-policy-match.js';
import { snsProvider } from './provider.js';
import { Publisher } from './publish.js';
import type { PublishEntry } from './publish-checks.js';
import { NotificationSigner } from './signing.js';
import { SnsStore } from './store.js';

export type { SqsQueues, LambdaInvoker } from './endpoints.js';
export type { PublishEntry } from './publish-checks.js';
export { SIGNING_CERT_PATH } from './envelope.js';

export interface SnsServiceDeps {
  storage: Storage;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  /** The signing key and certificate live in `<dataDir>/sns/`. */
  dataDir: string;
  /** Resolved per delivery, so the SQS service may be wired after SNS. */
  sqs?: () => SqsQueues | undefined;
  lambda?: () => LambdaInvoker | undefined;
  /** URL used in notifications published by other services (no request to take it from). */
  publicUrl?: () => string;
  worker?: Partial<typeof defaultWorkerSettings> & { httpTimeoutMs?: number };
}

/** What other parts of Bosun (the EventBridge SNS target) publish through. */
export interface SnsTopics {
  /** Throws the AwsError Publish would (NotFound for a missing topic, InvalidParameter for a bad message). */
  publish(topicArn: string, entry: PublishEntry): Promise<{ messageId: string; sequenceNumber?: string }>;
}

export interface SnsService {
  provider: ServiceProvider;
  /** Serves the signing certificate at SIGNING_CERT_PATH. */
  certificateHandler: RawHandler;
  topics: SnsTopics;
  /** Start delivering queued notifications (after the HTTP server listens). */
  start(): void;
  /** Run one delivery round now (tests and tools); returns how many deliveries were handled. */
  deliverDue(): Promise<number>;
  close(): Promise<void>;
}

export async function createSnsService(deps: SnsServiceDeps): Promise<SnsService> {
  const signer = await NotificationSigner.open(deps.dataDir, deps.clock);
  const logger = deps.logger.child({ service: 'sns' });
  const store = new SnsStore(deps.storage);
  const worker = new SnsDeliveryWorker({
    storage: deps.storage,
    clock: deps.clock,
    logger,
    batchSize: deps.worker?.batchSize ?? defaultWorkerSettings.batchSize,
    leaseMs: deps.worker?.leaseMs ?? defaultWorkerSettings.leaseMs,
    idleMs: deps.worker?.idleMs ?? defaultWorkerSettings.idleMs,
    endpoints: {
      sqs: deps.sqs ?? (() => undefined),
      lambda: deps.lambda ?? (() => undefined),
      sign: (text, version) => signer.sign(text, version),
      httpTimeoutMs: deps.worker?.httpTimeoutMs ?? 15_000,
    },
  });
  const ctx: SnsContext = { store, clock: deps.clock, ids: deps.ids, matcher: new FilterPolicyMatcher(), logger, wake: () => worker.wake() };
  const publisher = new Publisher(ctx);

  const certificateHandler: RawHandler = async (req, res, rawCtx) => {
    if (rawCtx.url.pathname !== SIGNING_CERT_PATH) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return true;
    }
    const body = Buffer.from(signer.certificatePem);
    res.writeHead(200, { 'content-type': 'application/x-x509-ca-cert', 'content-length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };

  return {
    provider: snsProvider(ctx, publisher),
    certificateHandler,
    topics: {
      publish: (topicArn, entry) => publisher.publishToTopic(topicArn, entry, deps.publicUrl?.() ?? 'http://localhost'),
    },
    start: () => worker.start(),
    deliverDue: () => worker.runOnce(),
    close: async () => {
      await worker.stop();
    },
  };
}
