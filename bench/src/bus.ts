import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownTable, recordSection } from './record.js';
import { freePort } from './free-port.js';

/**
 * End-to-end bus benchmark: PutEvents → 100 rules → SQS targets → ReceiveMessage, against a real
 * `bosun serve` (durable SQLite journal, synchronous=FULL) in its own process. Measures sustained
 * events/s with a bounded backlog, latency from the PutEvents response to ReceiveMessage at fixed
 * offered rates, and the server's RSS over the run. Records its section of docs/benchmarks.md.
 *
 * BENCH_EVENTS (default 200000) events for the throughput run; BENCH_RATES (default
 * 1000,5000,10000) events/s for the latency runs of BENCH_LATENCY_SECONDS (default 10) each.
 * BOSUN_STORAGE_SQLITE_WORKER=false benchmarks the in-process SQLite backend (the server inherits it).
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const account = '000000000000';
const rules = 100;
const queues = 10;
const entriesPerRequest = 10;
const receiversPerQueue = Number(process.env.BENCH_RECEIVERS ?? 4);
/** The server's storage mode, as `bosun serve` takes it from the environment (default: worker). */
const sqliteWorker = process.env.BOSUN_STORAGE_SQLITE_WORKER === undefined || ['true', '1'].includes(process.env.BOSUN_STORAGE_SQLITE_WORKER);
const agent = new Agent({ keepAlive: true, maxSockets: 64 });


function call(port: number, target: string, body: unknown): Promise<Record<string, unknown>> {
  const json = target.startsWith('AmazonSQS') ? '1.0' : '1.1';
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: { 'content-type': `application/x-amz-json-${json}`, 'x-amz-target': target, 'content-length': data.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 500) >= 300) reject(new Error(`${target}: ${res.statusCode} ${text}`));
          else resolve(text ? (JSON.parse(text) as Record<string, unknown>) : {});
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : NaN;
}

interface RunResult {
  label: string;
  offered: string;
  events: number;
  seconds: number;
  latencies: number[];
  rss: number[];
}

class Bench {
  private sentAt = new Map<string, number>();
  private early = new Map<string, number>();
  private latencies: number[] = [];
  received = 0;
  sent = 0;
  private receiving = true;
  private receivers: Promise<void>[] = [];

  constructor(
    private readonly port: number,
    private readonly queueUrls: string[],
  ) {}

  startReceivers(): void {
    this.receiving = true;
    for (const url of this.queueUrls) for (let i = 0; i < receiversPerQueue; i++) this.receivers.push(this.receive(url));
  }

  async stopReceivers(): Promise<void> {
    this.receiving = false;
    await Promise.all(this.receivers);
    this.receivers = [];
  }

  private async receive(url: string): Promise<void> {
    while (this.receiving) {
      const out = await call(this.port, 'AmazonSQS.ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 });
      const messages = (out.Messages ?? []) as { Body: string; ReceiptHandle: string }[];
      if (messages.length === 0) continue;
      const now = performance.now();
      for (const m of messages) {
        const id = (JSON.parse(m.Body) as { id: string }).id;
        const at = this.sentAt.get(id);
        if (at === undefined) this.early.set(id, now);
        else {
          this.sentAt.delete(id);
          this.latencies.push(Math.max(0, now - at));
        }
        this.received++;
      }
      await call(this.port, 'AmazonSQS.DeleteMessageBatch', { QueueUrl: url, Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) });
    }
  }

  private async putBatch(): Promise<void> {
    const entries = Array.from({ length: entriesPerRequest }, () => {
      const n = this.sent++;
      return { EventBusName: 'bench', Source: 'bench', DetailType: 'tick', Detail: JSON.stringify({ rule: n % rules, n, pad: 'x'.repeat(64) }) };
    });
    const out = await call(this.port, 'AWSEvents.PutEvents', { Entries: entries });
    const now = performance.now();
    for (const e of (out.Entries ?? []) as { EventId?: string }[]) {
      if (!e.EventId) throw new Error(`PutEvents failed: ${JSON.stringify(e)}`);
      const early = this.early.get(e.EventId);
      if (early === undefined) this.sentAt.set(e.EventId, now);
      else {
        this.early.delete(e.EventId);
        this.latencies.push(0);
      }
    }
  }

  /** Closed loop with a bounded backlog: the rate delivery sustains. */
  async throughput(events: number, concurrency: number, maxBacklog: number, pid: number): Promise<RunResult> {
    this.reset();
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(rssMb(pid)), 1000);
    const t0 = performance.now();
    let issued = 0;
    const sender = async () => {
      while (issued < events) {
        if (this.sent - this.received > maxBacklog) {
          await new Promise((r) => setTimeout(r, 2));
          continue;
        }
        issued += entriesPerRequest;
        await this.putBatch();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, sender));
    while (this.received < this.sent) await new Promise((r) => setTimeout(r, 5));
    clearInterval(sampler);
    rss.push(rssMb(pid));
    return { label: 'sustained (closed loop)', offered: `max, backlog ≤ ${maxBacklog}`, events: this.received, seconds: (performance.now() - t0) / 1000, latencies: this.takeLatencies(), rss };
  }

  /** Open loop at a fixed offered rate: latency when the bus keeps up. */
  async fixedRate(rate: number, seconds: number, pid: number): Promise<RunResult> {
    this.reset();
    const rss: number[] = [];
    const batchesPerTick = rate / entriesPerRequest / 100;
    let due = 0;
    const inflight = new Set<Promise<void>>();
    const t0 = performance.now();
    const timer = setInterval(() => {
      rss.length < seconds && (performance.now() - t0) / 1000 > rss.length && rss.push(rssMb(pid));
      due += batchesPerTick;
      while (due >= 1 && inflight.size < 256) {
        due -= 1;
        const p = this.putBatch().finally(() => inflight.delete(p));
        inflight.add(p);
      }
    }, 10);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    clearInterval(timer);
    await Promise.all(inflight);
    const deadline = performance.now() + 30_000;
    while (this.received < this.sent && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    rss.push(rssMb(pid));
    return { label: 'latency (open loop)', offered: `${rate}/s`, events: this.received, seconds: (performance.now() - t0) / 1000, latencies: this.takeLatencies(), rss };
  }

  /** PutEvents → rule → SQS SendMessage only (no consumers): the bus's own rate, by its Invocations counter. */
  async deliverOnly(events: number, concurrency: number, pid: number): Promise<RunResult> {
    this.reset();
    const invocations = async () => {
      const s = (await (await fetch(`http://127.0.0.1:${this.port}/_bosun/events/status`)).json()) as { rules: { targets: { counters: Record<string, number> }[] }[] };
      return s.rules.reduce((n, r) => n + r.targets.reduce((m, t) => m + (t.counters.Invocations ?? 0), 0), 0);
    };
    const before = await invocations();
    const rss: number[] = [rssMb(pid)];
    const t0 = performance.now();
    let issued = 0;
    const sender = async () => {
      while (issued < events) {
        issued += entriesPerRequest;
        await this.putBatch();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, sender));
    while ((await invocations()) - before < this.sent) await new Promise((r) => setTimeout(r, 20));
    const seconds = (performance.now() - t0) / 1000;
    rss.push(rssMb(pid));
    return { label: 'bus only: PutEvents → SQS SendMessage, no consumers', offered: 'max', events: this.sent, seconds, latencies: [], rss };
  }

  /** What `deliverOnly` left in the queues, drained by the consumers alone: the SQS side's rate. */
  async drainOnly(events: number, pid: number): Promise<RunResult> {
    this.received = 0;
    this.sentAt.clear();
    const rss: number[] = [rssMb(pid)];
    const t0 = performance.now();
    this.startReceivers();
    while (this.received < events) await new Promise((r) => setTimeout(r, 5));
    const seconds = (performance.now() - t0) / 1000;
    await this.stopReceivers();
    this.latencies = [];
    rss.push(rssMb(pid));
    return { label: 'consumers only: ReceiveMessage + DeleteMessageBatch of pre-filled queues', offered: 'max', events, seconds, latencies: [], rss };
  }

  private reset(): void {
    this.sent = 0;
    this.received = 0;
    this.latencies = [];
    this.sentAt.clear();
    this.early.clear();
  }

  private takeLatencies(): number[] {
    const l = this.latencies.sort((a, b) => a - b);
    this.latencies = [];
    return l;
  }
}

async function waitReady(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('bosun exited');
    try {
      if ((await fetch(`http://127.0.0.1:${port}/_bosun/health`)).status === 200) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('bosun did not start');
}

async function main(): Promise<void> {
  const events = Number(process.env.BENCH_EVENTS ?? 200_000);
  const rates = (process.env.BENCH_RATES ?? '1000,5000,10000').split(',').map(Number).filter((n) => n > 0);
  const latencySeconds = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
  const dataDir = mkdtempSync(join(tmpdir(), 'bosun-bench-bus-'));
  const port = Number(process.env.BENCH_PORT) || (await freePort());
  const child = spawn(process.execPath, [process.env.BENCH_SERVE ?? join(repoRoot, 'packages/cli/dist/main.js'), 'serve', '--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir, '--account-id', account, '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitReady(port, child);
    await call(port, 'AWSEvents.CreateEventBus', { Name: 'bench' });
    const queueUrls: string[] = [];
    for (let q = 0; q < queues; q++) queueUrls.push(String((await call(port, 'AmazonSQS.CreateQueue', { QueueName: `bench-${q}` })).QueueUrl));
    for (let r = 0; r < rules; r++) {
      await call(port, 'AWSEvents.PutRule', { Name: `rule-${r}`, EventBusName: 'bench', EventPattern: JSON.stringify({ source: ['bench'], detail: { rule: [r] } }) });
      await call(port, 'AWSEvents.PutTargets', { Rule: `rule-${r}`, EventBusName: 'bench', Targets: [{ Id: 'q', Arn: `arn:aws:sqs:us-east-1:${account}:bench-${r % queues}` }] });
    }
    const bench = new Bench(port, queueUrls);
    bench.startReceivers();
    const results: RunResult[] = [];
    results.push(await bench.fixedRate(500, 3, child.pid!)); // warm-up, not reported
    results.length = 0;
    results.push(await bench.throughput(events, 32, 20_000, child.pid!));
    for (const rate of rates) results.push(await bench.fixedRate(rate, latencySeconds, child.pid!));
    await bench.stopReceivers();
    const filled = await bench.deliverOnly(Math.min(events, 100_000), 32, child.pid!);
    results.push(filled, await bench.drainOnly(filled.events, child.pid!));

    const rows = results.map((r) => [
      r.label,
      r.offered,
      r.events.toLocaleString('en-US'),
      Math.round(r.events / r.seconds).toLocaleString('en-US'),
      r.latencies.length ? percentile(r.latencies, 0.5).toFixed(1) : '–',
      r.latencies.length ? percentile(r.latencies, 0.99).toFixed(1) : '–',
      `${r.rss[0] ?? '?'} → ${Math.max(...r.rss)} → ${r.rss[r.rss.length - 1] ?? '?'}`,
    ]);
    const table = markdownTable(['run', 'offered', 'events', 'events/s', 'p50 ms', 'p99 ms', 'server RSS MB (first → max → last)'], rows);
    const rate = (label: string) => {
      const r = results.find((x) => x.label.startsWith(label));
      return r ? r.events / r.seconds : NaN;
    };
    const [busOnly, consumersOnly] = [rate('bus only'), rate('consumers only')];
    const shared = Math.round(1 / (1 / busOnly + 1 / consumersOnly)).toLocaleString('en-US');
    const split = `Where the time goes: Bosun serves every API from one Node.js thread${sqliteWorker ? ' (SQLite runs on a second one)' : ''}, so the bus (PutEvents → rules → SQS SendMessage, ${Math.round(busOnly).toLocaleString('en-US')}/s alone) and the SQS consumers (ReceiveMessage + DeleteMessageBatch, ${Math.round(consumersOnly).toLocaleString('en-US')}/s alone) share it: together at most ≈ ${shared}/s end to end, before the load generator's own share of the two cores.`;
    const when = new Date().toISOString().slice(0, 10);
    const sqliteMode = sqliteWorker ? 'on a worker thread (`storage.sqliteWorker`, the default)' : 'in-process (`storage.sqliteWorker: false`)';
    const load = loadavg().map((l) => l.toFixed(1)).join(' / ');
    const doc = `## Event bus end to end: PutEvents → 100 rules → SQS → ReceiveMessage\n\n_Recorded ${when} on ${cpus().length} cores (${cpus()[0]?.model ?? 'cpu'}), Node ${process.version}, by \`node bench/dist/bus.js\`; load average at the end ${load} (1/5/15 min; other work shared the machine)._\n\n${rules} rules on one custom bus, each matching one value of \`detail.rule\`, targets spread over ${queues} SQS queues; PutEvents batches of ${entriesPerRequest}; ${queues * receiversPerQueue} ReceiveMessage long-pollers (10 messages each, then DeleteMessageBatch). Server and load generator share the machine. Durable journal: SQLite WAL, synchronous=FULL, group commit, ${sqliteMode}. Latency is from the PutEvents response to the ReceiveMessage response carrying the event.\n\n${table}\n\n- **sustained**: senders go as fast as the bus delivers, with at most 20,000 events between PutEvents and ReceiveMessage; events/s is end-to-end (received), latency includes that backlog.\n- **latency**: a fixed offered rate; p50/p99 when the bus keeps up.\n- **bus only**: no consumers; the time until the bus's Invocations counter shows every event handed to SQS.\n- **consumers only**: the same events drained from the queues afterwards; the SQS side's share of the end-to-end cost.\n\n${split}\n`;
    recordSection(sqliteWorker ? 'bus' : 'bus-in-process', doc);
    console.log(`\n${table}\n`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
    agent.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
