import { z } from 'zod';

/**
 * Bosun's one configuration schema. Defaults, then an optional config file (JSON), then
 * environment variables (`BOSUN_` + the path in upper snake case, e.g. `BOSUN_DATA_DIR`,
 * `BOSUN_EVENTS_MAX_EVENT_SIZE_BYTES`), then command-line flags, each overriding the one before.
 */
export const configSchema = z.object({
  /** The one port every API is served on. */
  port: z.number().int().min(0).max(65535),
  host: z.string().min(1),
  /** Where the embedded backend keeps its SQLite database and blobs. */
  dataDir: z.string().min(1),
  /** The AWS account id every call acts in. */
  accountId: z.string().regex(/^\d{12}$/, 'must be 12 digits'),
  /** Region used when a request carries no SigV4 credential scope. */
  defaultRegion: z.string().min(1),
  logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']),
  auth: z.object({
    /** `permissive` accepts any access key; `strict` (planned) verifies SigV4 signatures. */
    mode: z.enum(['permissive']),
  }),
  shutdown: z.object({
    /** How long in-flight requests may take to finish after SIGTERM before the process exits. */
    graceMs: z.number().int().min(0),
  }),
  http: z.object({
    /** Largest request body accepted for AWS API calls (registry uploads stream and are not bound by it). */
    maxApiBodyBytes: z.number().int().min(1024),
  }),
  storage: z.object({
    /** Run the embedded backend's SQLite connection on a worker thread, off the thread serving requests; faster end to end (docs/benchmarks-bus.md), so the default. `false`: in-process. */
    sqliteWorker: z.boolean(),
  }),
  /** The event bus (EventBridge). */
  events: z.object({
    /** PutEvents limit on the total entry size (AWS raised it from 256 KB to 1 MB in January 2026). */
    maxEventSizeBytes: z.number().int().min(1024),
    /** Pending deliveries one target may have; further matches for it are dropped and counted (ThrottledRules). */
    maxQueueDepthPerTarget: z.number().int().min(1),
    /** Deliveries in flight across all targets. */
    maxInFlight: z.number().int().min(1),
    /** Deliveries in flight to one target. */
    maxInFlightPerTarget: z.number().int().min(1),
    /** How long one delivery attempt may take before it counts as a (retryable) timeout. */
    deliveryTimeoutMs: z.number().int().min(100),
  }),
  registry: z.object({
    /** Create a repository on the first push to it (ECR itself refuses such a push with NAME_UNKNOWN). */
    createOnPush: z.boolean(),
    /** `token`: ECR's Basic auth with GetAuthorizationToken passwords; `none`: anonymous push and pull. */
    auth: z.enum(['token', 'none']),
    /** Validity of GetAuthorizationToken tokens (ECR: 12 hours). */
    tokenTtlSeconds: z.number().int().min(1),
    /** When set, repository URIs are `<account>.dkr.ecr.<region>.<domain>/<name>` (route that host to Bosun); else `<host:port>/<name>`. */
    domain: z.string(),
    /** Garbage collection of unreferenced blobs and abandoned uploads; 0 turns it off. */
    gcIntervalSeconds: z.number().int().min(0),
    /** Unreferenced blobs younger than this are kept (a push may still reference them). */
    gcGraceSeconds: z.number().int().min(0),
    /** Uploads idle longer than this are abandoned. */
    uploadTtlSeconds: z.number().int().min(1),
    /** How often lifecycle policies are applied; 0 turns it off. */
    lifecycleIntervalSeconds: z.number().int().min(0),
  }),
});

export type BosunConfig = z.infer<typeof configSchema>;

export const configDefaults: BosunConfig = {
  port: 4566,
  host: '0.0.0.0',
  dataDir: './.bosun',
  accountId: '000000000000',
  defaultRegion: 'us-east-1',
  logLevel: 'info',
  auth: { mode: 'permissive' },
  shutdown: { graceMs: 4000 },
  http: { maxApiBodyBytes: 16 * 1024 * 1024 },
  storage: { sqliteWorker: true },
  events: { maxEventSizeBytes: 1024 * 1024, maxQueueDepthPerTarget: 100_000, maxInFlight: 1024, maxInFlightPerTarget: 64, deliveryTimeoutMs: 30_000 },
  registry: {
    createOnPush: false,
    auth: 'token',
    tokenTtlSeconds: 12 * 3600,
    domain: '',
    gcIntervalSeconds: 3600,
    gcGraceSeconds: 3600,
    uploadTtlSeconds: 24 * 3600,
    lifecycleIntervalSeconds: 3600,
  },
};
