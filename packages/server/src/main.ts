import { pino, type Logger } from 'pino';
import type { BosunConfig } from './config/index.js';
import { randomIds, systemClock, type Clock, type IdSource } from './core/index.js';
import { healthHandler } from './health.js';
import { HttpServer } from './http/index.js';
import { ociHandler, Registry, registrySettings } from './registry/index.js';
import { ecrProvider } from './services/ecr/index.js';
import { createEventsService } from './services/events/index.js';
import { createKinesisService } from './services/kinesis/index.js';
import { createLogsService } from './services/logs/index.js';
import { createSnsService } from './services/sns/index.js';
import { createSqsService } from './services/sqs/index.js';
import { stsProvider, type ServiceProvider } from './services/index.js';
import { openEmbeddedStorage, type Storage } from './storage/index.js';
import { acquireDataDirLock } from './storage/lock/data-dir-lock.js';
import { KinesisStreamTarget, LogGroupTarget, SnsTopicTarget } from './targets/index.js';
import { Dispatcher, providerOf, Router, serviceModels } from './wire/index.js';

/**
 * The composition root: the only place where parts are wired together. Everything else receives
 * what it needs (storage, clock, ids, logger) as arguments.
 */

export const version = '0.1.0';

export interface RunningBosun {
  /** `http://host:port` actually bound (port 0 resolves to a free one). */
  url: string;
  port: number;
  config: BosunConfig;
  storage: Storage;
  logger: Logger;
  /** Graceful stop: in-flight requests finish (up to shutdown.graceMs), then stores close. */
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  ids?: IdSource;
  logger?: Logger;
}

export async function startBosun(config: BosunConfig, options: StartOptions = {}): Promise<RunningBosun> {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const logger = options.logger ?? pino({ level: config.logLevel, base: { service: 'bosun' } });
  const dataDirLock = acquireDataDirLock(config.dataDir);
  const storage = await openEmbeddedStorage({ dataDir: config.dataDir, clock, ids, sqliteWorker: config.storage.sqliteWorker });
  const registry = await Registry.open({ storage, clock, ids, logger }, registrySettings(config.registry));
  const ecr = ecrProvider({ registry: registry.context, registryDomain: config.registry.domain, issueToken: (account, region, ttl) => registry.credentials.issue(account, region, ttl) });

  // SQS queues also receive from the bus: SQS targets and dead-letter queues.
  const sqs = createSqsService({ storage, clock, ids, logger: logger.child({ component: 'sqs' }) });
  await sqs.ready;
  // Notifications published by rules (no request to take a URL from) point at the address bound below.
  let publicUrl = `http://localhost:${config.port}`;
  const sns = await createSnsService({ storage, clock, ids, logger, dataDir: config.dataDir, sqs: () => sqs.queues, publicUrl: () => publicUrl });
  const logs = createLogsService({ storage, clock, ids, logger });
  const kinesis = await createKinesisService({ storage, clock, ids, logger });
  const events = await createEventsService({ storage, clock, ids, logger, settings: config.events, sqs: () => sqs.queues, targets: [new SnsTopicTarget(() => sns.topics), new LogGroupTarget(() => logs.writer, () => clock.now()), new KinesisStreamTarget(() => kinesis.writer)] });

  const providers: ServiceProvider[] = [stsProvider({ clock, ids }), ecr, events.provider, sqs.provider, sns.provider, logs.provider, kinesis.provider];
  const providerMap = new Map(providers.map((p) => [p.service, p]));
  const dispatcher = new Dispatcher(new Router(serviceModels), providerMap, providerOf);

  let status = 'starting';
  const serviceStates = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const name of Object.keys(serviceModels)) {
      if (providerOf[name]) continue;
      out[name] = providerMap.has(name) ? status : 'not implemented';
    }
    return out;
  };
  const server = new HttpServer({
    host: config.host,
    port: config.port,
    accountId: config.accountId,
    defaultRegion: config.defaultRegion,
    maxApiBodyBytes: config.http.maxApiBodyBytes,
    logger,
    ids,
    dispatcher,
    rawHandlers: [healthHandler(() => ({ status, services: serviceStates() }), version), ociHandler(registry, { mode: config.registry.auth, accountId: config.accountId, defaultRegion: config.defaultRegion }), ...events.rawHandlers, sns.certificateHandler],
  });
  let address;
  try {
    address = await server.listen();
  } catch (e) {
    await storage.close();
    dataDirLock.release();
    throw e;
  }
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host}:${address.port}`;
  publicUrl = url;
  events.start();
  sns.start();
  logs.start();
  kinesis.start();
  registry.startBackgroundWork();
  status = 'running';
  logger.info({ url, dataDir: config.dataDir, accountId: config.accountId }, 'bosun started');

  let closing: Promise<void> | undefined;
  return {
    url,
    port: address.port,
    config,
    storage,
    logger,
    close: () =>
      (closing ??= (async () => {
        status = 'stopping';
        await sqs.close(); // releases long polls, so the server need not wait out their 20 s
        await server.close(config.shutdown.graceMs);
        await registry.stop();
        await events.close();
        await sns.close();
        await logs.close();
        await kinesis.close();
        await storage.close();
        dataDirLock.release();
        logger.info('bosun stopped');
      })()),
  };
}
