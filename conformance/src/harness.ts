import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
  /** Log lines (parsed JSON) the server printed so far (read from its log file on each access). */
  readonly logs: Record<string, unknown>[];
  /** Where the server's stdout and stderr go. */
  logFile: string;
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
  // Output goes to a file, not a pipe: tests that block on spawnSync (the aws CLIs) would stop
  // draining a pipe, and a server blocked on a full stdout pipe stalls.
  const logFile = `${dataDir}.${Date.now()}.log`;
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { env: { ...process.env, BOSUN_LOG_LEVEL: 'info', ...options.env }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const readLogs = (): Record<string, unknown>[] => {
    const out: Record<string, unknown>[] = [];
    for (const line of readFileSync(logFile, 'utf8').split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        out.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // a line still being written
      }
    }
    return out;
  };
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  let exitedEarly: number | string | undefined;
  void exited.then((code) => (exitedEarly = code));
  const deadline = Date.now() + 10_000;
  let url: string | undefined;
  while (!url) {
    url = readLogs().find((l) => l.msg === 'bosun started')?.url as string | undefined;
    if (url) break;
    if (exitedEarly !== undefined) throw new Error(`bosun exited (${exitedEarly}) before starting\n${readFileSync(logFile, 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`bosun did not start within 10 s\n${readFileSync(logFile, 'utf8')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const port = Number(new URL(url).port);
  const proc: BosunProcess = {
    url,
    port,
    dataDir,
    child,
    logFile,
    get logs() {
      return readLogs();
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    async restart() {
      await proc.stop();
      rmSync(logFile, { force: true });
      return startBosun({ ...options, dataDir, port });
    },
    async dispose() {
      await proc.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(logFile, { force: true });
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

/** Run an aws CLI command that must succeed, and parse its JSON output ({} when it prints nothing). */
export function awsJson(bosun: { url: string }, args: string[], which: 'v1' | 'v2' = 'v1'): Record<string, unknown> {
  const r = awsCli(which, bosun.url, args);
  if (r.status !== 0) throw new Error(`aws ${args.join(' ')} exited ${r.status}\n${r.stderr}`);
  return r.stdout.trim() ? (JSON.parse(r.stdout) as Record<string, unknown>) : {};
}
