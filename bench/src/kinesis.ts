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
 * Kinesis benchmark: PutRecords (500 records of 100 bytes per call, 8 calls in flight) into a
 * 4-shard stream, then GetRecords (Limit 10000, one loop per shard), then both at once (consumers
 * polling while producers write, until every record was read). Against a real `bosun serve`
 * (durable SQLite, synchronous=FULL) and, in the same run, moto_server as a reference.
 *
 * BENCH_RECORDS (default 200000) records for Bosun; moto gets BENCH_MOTO_RECORDS (default 20000).
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const agent = new Agent({ keepAlive: true, maxSockets: 32 });
const shards = 4;
const batch = 500;
const concurrency = 8;
const payload = Buffer.alloc(100, 'k').toString('base64');


function call(port: number, op: string, body: unknown): Promise<Record<string, unknown>> {
  return awsJsonCall(agent, port, { prefix: 'Kinesis_20131202', service: 'kinesis' }, op, body);
}

function waitUp(port: number, child: ChildProcess): Promise<void> {
  return waitUntilServing(child, () => call(port, 'ListStreams', {}));
}

async function produce(port: number, stream: string, total: number, inFlight: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const n = Math.min(batch, total - next);
      const base = next;
      next += n;
      const Records = Array.from({ length: n }, (_, i) => ({ Data: payload, PartitionKey: `pk-${base + i}` }));
      const out = await call(port, 'PutRecords', { StreamName: stream, Records });
      if (out.FailedRecordCount) throw new Error(`${String(out.FailedRecordCount)} records failed`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return (performance.now() - started) / 1000;
}

/**
 * Read every shard from TRIM_HORIZON until `total` records were seen, or nothing new came for 2 s
 * after the producers finished (a server that lost records); returns seconds and records seen.
 */
async function consume(port: number, stream: string, total: number, producing: () => boolean): Promise<{ seconds: number; seen: number }> {
  const started = performance.now();
  let seen = 0;
  let lastNew = performance.now();
  await Promise.all(
    Array.from({ length: shards }, async (_, s) => {
      const it = await call(port, 'GetShardIterator', { StreamName: stream, ShardId: `shardId-${String(s).padStart(12, '0')}`, ShardIteratorType: 'TRIM_HORIZON' });
      let iterator = String(it.ShardIterator);
      while (seen < total) {
        const got = await call(port, 'GetRecords', { ShardIterator: iterator, Limit: 10_000 });
        const records = got.Records as unknown[];
        seen += records.length;
        iterator = String(got.NextShardIterator);
        if (records.length > 0) lastNew = performance.now();
        else if (!producing() && performance.now() - lastNew > 2000) break;
        else await new Promise((r) => setTimeout(r, 20));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000 - (seen < total ? 2 : 0);
  return { seconds, seen };
}

async function measure(label: string, port: number, total: number, inFlight: number, run = ''): Promise<string[]> {
  await call(port, 'CreateStream', { StreamName: `bench-a${run}`, ShardCount: shards });
  await call(port, 'CreateStream', { StreamName: `bench-b${run}`, ShardCount: shards });
  const putSeconds = await produce(port, `bench-a${run}`, total, inFlight);
  console.error(`${label}: PutRecords ${total} in ${putSeconds.toFixed(1)} s`);
  const get = await consume(port, `bench-a${run}`, total, () => false);
  console.error(`${label}: GetRecords ${get.seen} in ${get.seconds.toFixed(1)} s`);
  const started = performance.now();
  let producing = true;
  const [, pipe] = await Promise.all([produce(port, `bench-b${run}`, total, inFlight).finally(() => (producing = false)), consume(port, `bench-b${run}`, total, () => producing)]);
  const pipeSeconds = (performance.now() - started) / 1000 - (pipe.seen < total ? 2 : 0);
  const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en-US');
  const lost = (n: number) => (n < total ? ` (${(total - n).toLocaleString('en-US')} records lost)` : '');
  return [label, total.toLocaleString('en-US'), rate(total, putSeconds), rate(get.seen, get.seconds) + lost(get.seen), rate(pipe.seen, pipeSeconds) + lost(pipe.seen)];
}

async function main(): Promise<void> {
  const rows: string[][] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'bosun-bench-kinesis-'));
  const bosunPort = await freePort();
  const bosun = spawn(process.execPath, [join(repoRoot, 'packages/cli/dist/main.js'), 'serve', '--port', String(bosunPort), '--host', '127.0.0.1', '--data-dir', dataDir], { stdio: 'ignore', env: { ...process.env, BOSUN_LOG_LEVEL: 'warn' } });
  try {
    await waitUp(bosunPort, bosun);
    rows.push(await measure('Bosun (SQLite, synchronous=FULL)', bosunPort, Number(process.env.BENCH_RECORDS ?? 200_000), concurrency));
  } finally {
    bosun.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
  const motoPort = await freePort();
  const moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(motoPort)], { stdio: 'ignore' });
  try {
    await waitUp(motoPort, moto);
    const motoRecords = Number(process.env.BENCH_MOTO_RECORDS ?? 20_000);
    try {
      rows.push(await measure('moto_server (in-memory, reference)', motoPort, motoRecords, concurrency));
    } catch (e) {
      // moto's threaded server is not safe under concurrent writers; measure it one call at a time.
      const why = e instanceof Error ? e.message : String(e);
      rows.push(await measure(`moto_server (in-memory, reference; 1 call in flight: with ${concurrency} it failed, ${why})`, motoPort, motoRecords, 1, '-serial'));
    }
  } catch (e) {
    rows.push(['moto_server (reference)', '-', `failed: ${e instanceof Error ? e.message : String(e)}`, '-', '-']);
  } finally {
    moto.kill('SIGTERM');
  }
  recordTable(
    'kinesis',
    'Kinesis: PutRecords → GetRecords',
    ['server', 'records', 'PutRecords records/s', 'GetRecords records/s', 'put + get concurrently, records/s'],
    rows,
    `4 shards; PutRecords of ${batch} × 100-byte records with ${concurrency} calls in flight; one GetRecords loop (Limit 10000) per shard. Every PutRecords call is durable (fsync) before it answers. moto keeps records in memory and gets fewer records because it is slower; "records lost" counts records moto acknowledged but never returned from GetRecords (its shards are not safe under concurrent writers).`,
  );
  agent.destroy();
}

await main();
