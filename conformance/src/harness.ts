import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * Black-box harness: starts a real `bosun serve` (the built CLI) on a free port with a temp data
 * dir, and drives it as a user would — aws CLIs and AWS SDK v3 clients over HTTP.
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cliMain = join(repoRoot, 'packages', 'cli', 'dist', 'main.js');

export const testAccount = '123456789012';
export const testRegion = 'us-east-1';
export const credentials = { accessKeyId: 'AKIDBOSUNTEST', secretAccessKey: 'bosun-secret' };

export interface BosunProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** Log lines (parsed JSON) the server printed so far. */
  logs: Record<string, unknown>[];
  /** Send a signal and wait for exit; resolves with the exit code (or signal name). */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
  /** Start again on the same data dir (and port). */
  restart(): Promise<BosunProcess>;
  /** Stop and delete the data dir. */
  dispose(): Promise<void>;
}

export async function startBosun(options: { dataDir?: string; port?: number; env?: Record<string, string>; args?: string[] } = {}): Promise<BosunProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'bosun-conf-'));
  const args = [cliMain, 'serve', '--port', String(options.port ?? 0), '--host', '127.0.0.1', '--data-dir', dataDir, '--account-id', testAccount, ...(options.args ?? [])];
  const child = spawn(process.execPath, args, { env: { ...process.env, BOSUN_LOG_LEVEL: 'info', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bosun did not start within 10 s\n${stderr}`)), 10_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'bosun started') {
          clearTimeout(timer);
          resolve(String(entry.url));
        }
      } catch {
        // not a log line
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`bosun exited (${code}) before starting\n${stderr}`));
    });
  });
  const port = Number(new URL(url).port);
  const proc: BosunProcess = {
    url,
    port,
    dataDir,
    child,
    logs,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    async restart() {
      await proc.stop();
      return startBosun({ ...options, dataDir, port });
    },
    async dispose() {
      await proc.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return proc;
}

/** Client config for AWS SDK v3 clients pointed at Bosun. */
export function sdkConfig(url: string, region = testRegion) {
  return { endpoint: url, region, credentials, maxAttempts: 1 };
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Run an aws CLI: `v1` is the one on PATH (current models), `v2` is Debian's awscli 2.9
 * (`/usr/bin/aws`, older models: SQS speaks the query protocol).
 */
export function awsCli(which: 'v1' | 'v2', url: string, args: string[], options: { input?: string; region?: string } = {}): CliResult {
  const bin = which === 'v2' ? '/usr/bin/aws' : 'aws';
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_DEFAULT_REGION: options.region ?? testRegion,
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_MAX_ATTEMPTS: '1',
  };
  const r = spawnSync(bin, ['--endpoint-url', url, '--output', 'json', ...args], { env, input: options.input, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? String(r.error) : '') };
}
