import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordTable } from './record.js';

/**
 * Start-up time: from spawning the process to the first accepted request (a 200 from the health
 * endpoint), on a fresh data dir each time. Reference in the same run: moto_server, when present.
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const runs = Number(process.env.BENCH_RUNS ?? 10);

async function firstResponse(url: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('process exited');
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no answer from ${url} within ${deadlineMs} ms`);
}

async function timeStart(command: string, args: string[], url: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(command, args, { stdio: 'ignore' });
  try {
    await firstResponse(url, child, 30_000);
    return performance.now() - t0;
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
}

function stats(samples: number[]): { median: number; p90: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p90: s[Math.min(s.length - 1, Math.floor(s.length * 0.9))], max: s[s.length - 1] };
}

async function main(): Promise<void> {
  const rows: string[][] = [];
  const bosun: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'bosun-startup-'));
    const port = 45000 + i;
    bosun.push(await timeStart(process.execPath, [join(repoRoot, 'packages/cli/dist/main.js'), 'serve', '--port', String(port), '--data-dir', dir, '--log-level', 'warn'], `http://127.0.0.1:${port}/_bosun/health`));
    rmSync(dir, { recursive: true, force: true });
  }
  const b = stats(bosun);
  rows.push(['bosun serve (fresh data dir)', String(runs), b.median.toFixed(0), b.p90.toFixed(0), b.max.toFixed(0)]);
  try {
    const moto: number[] = [];
    for (let i = 0; i < Math.min(runs, 5); i++) {
      const port = 45100 + i;
      moto.push(await timeStart('moto_server', ['-p', String(port)], `http://127.0.0.1:${port}/moto-api/`));
    }
    const m = stats(moto);
    rows.push(['moto_server (reference)', String(moto.length), m.median.toFixed(0), m.p90.toFixed(0), m.max.toFixed(0)]);
  } catch (e) {
    rows.push(['moto_server (reference)', '0', 'n/a', 'n/a', `not run: ${(e as Error).message}`]);
  }
  recordTable('startup', 'Start-up to first accepted request (ms, lower is better; target < 1000 for bosun)', ['server', 'runs', 'median', 'p90', 'max'], rows);
}

await main();
