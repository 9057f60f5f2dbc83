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
};
