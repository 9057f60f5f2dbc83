import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordTable } from './record.js';
import { freePort } from './free-port.js';
import { awsJsonCall } from './aws-json-call.js';
import { waitUntilServing } from './wait-up.js';

/**
 * CloudWatch Logs benchmark: PutLogEvents (batches of 1000 events of ~100 bytes, 8 streams written
 * at once), then GetLogEvents reading every stream from the head (limit 10000), then
 * FilterLogEvents over the whole group with a JSON pattern matching 1 event in 10. Against a real
 * `bosun serve` (durable SQLite, synchronous=FULL) and, in the same run, moto_server.
 *
 * BENCH_EVENTS (default 400000) events for Bosun; moto gets BENCH_MOTO_EVENTS (default 40000).
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const agent = new Agent({ keepAlive: true, maxSockets: 32 });
const streams = 8;
const batch = 1000;


function call(port: number, op: string, body: unknown): Promise<Record<string, unknown>> {
  return awsJsonCall(agent, port, { prefix: 'Logs_20140328', service: 'logs' }, op, body);
}

function waitUp(port: number, child: ChildProcess): Promise<void> {
  return waitUntilServing(child, () => call(port, 'DescribeLogGroups', {}));
}

function message(i: number): string {
  return JSON.stringify({ level: i % 10 === 0 ? 'ERROR' : 'INFO', request: `req-${i}`, latencyMs: i % 977, path: '/api/orders' });
}

async function measure(label: string, port: number, total: number): Promise<string[]> {
  const group = '/bench/app';
  await call(port, 'CreateLogGroup', { logGroupName: group });
  for (let s = 0; s < streams; s++) await call(port, 'CreateLogStream', { logGroupName: group, logStreamName: `s${s}` });
  const base = Date.now() - 3_600_000;
  const perStream = Math.ceil(total / streams);

  let started = performance.now();
  await Promise.all(
    Array.from({ length: streams }, async (_, s) => {
      for (let off = 0; off < perStream; off += batch) {
        const n = Math.min(batch, perStream - off);
        const logEvents = Array.from({ length: n }, (_, i) => ({ timestamp: base + off + i, message: message(s * perStream + off + i) }));
        const out = await call(port, 'PutLogEvents', { logGroupName: group, logStreamName: `s${s}`, logEvents });
        if (out.rejectedLogEventsInfo) throw new Error(`rejected: ${JSON.stringify(out.rejectedLogEventsInfo)}`);
      }
    }),
  );
  const putSeconds = (performance.now() - started) / 1000;

  started = performance.now();
  let read = 0;
  await Promise.all(
    Array.from({ length: streams }, async (_, s) => {
      let token: string | undefined;
      for (;;) {
        const got = await call(port, 'GetLogEvents', { logGroupName: group, logStreamName: `s${s}`, startFromHead: true, limit: 10_000, ...(token ? { nextToken: token } : {}) });
        const n = (got.events as unknown[]).length;
        read += n;
        if (n === 0 || got.nextForwardToken === token) break;
        token = String(got.nextForwardToken);
      }
    }),
  );
  const getSeconds = (performance.now() - started) / 1000;
  if (read !== perStream * streams) throw new Error(`GetLogEvents read ${read} of ${perStream * streams}`);

  started = performance.now();
  let matched = 0;
  let next: string | undefined;
  do {
    const got = await call(port, 'FilterLogEvents', { logGroupName: group, filterPattern: '{ $.level = "ERROR" }', ...(next ? { nextToken: next } : {}) });
    matched += (got.events as unknown[]).length;
    next = got.nextToken as string | undefined;
  } while (next);
  const filterSeconds = (performance.now() - started) / 1000;
  const rate = (s: number) => Math.round((perStream * streams) / s).toLocaleString('en-US');
  return [label, (perStream * streams).toLocaleString('en-US'), rate(putSeconds), rate(getSeconds), `${rate(filterSeconds)} (${matched.toLocaleString('en-US')} matched)`];
}

async function main(): Promise<void> {
  const rows: string[][] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'bosun-bench-logs-'));
  const bosunPort = await freePort();
  const bosun = spawn(process.execPath, [join(repoRoot, 'packages/cli/dist/main.js'), 'serve', '--port', String(bosunPort), '--host', '127.0.0.1', '--data-dir', dataDir], { stdio: 'ignore', env: { ...process.env, BOSUN_LOG_LEVEL: 'warn' } });
  try {
    await waitUp(bosunPort, bosun);
    rows.push(await measure('Bosun (SQLite, synchronous=FULL)', bosunPort, Number(process.env.BENCH_EVENTS ?? 400_000)));
  } finally {
    bosun.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
  const motoPort = await freePort();
  const moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(motoPort)], { stdio: 'ignore' });
  try {
    await waitUp(motoPort, moto);
    rows.push(await measure('moto_server (in-memory, reference)', motoPort, Number(process.env.BENCH_MOTO_EVENTS ?? 40_000)));
  } catch (e) {
    rows.push(['moto_server (reference)', '-', `failed: ${e instanceof Error ? e.message : String(e)}`, '-', '-']);
  } finally {
    moto.kill('SIGTERM');
  }
  recordTable(
    'logs',
    'CloudWatch Logs: PutLogEvents, GetLogEvents, FilterLogEvents',
    ['server', 'events', 'PutLogEvents events/s', 'GetLogEvents events/s', 'FilterLogEvents events scanned/s'],
    rows,
    `${streams} streams written at once, ${batch} events (~100 bytes of JSON) per PutLogEvents; every call is durable (fsync) before it answers. GetLogEvents pages each stream from the head (limit 10000); FilterLogEvents scans the whole group with \`{ $.level = "ERROR" }\` (1 event in 10). moto keeps events in memory and gets fewer events because it is slower; it ignores JSON filter patterns (every event "matched"), so its FilterLogEvents does less work than a real filter.`,
  );
  agent.destroy();
}

await main();
