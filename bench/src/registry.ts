import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { markdownTable, recordSection } from './record.js';
import { freePort } from './free-port.js';

/**
 * Registry benchmark: skopeo pushes and pulls a ~50 MB 5-layer image and a ~500 MB 1-layer image
 * to and from a real `bosun serve` (ECR token auth, durable SQLite + content-addressed files) and
 * Debian's `docker-registry` (the CNCF distribution registry, filesystem driver, no auth), both on
 * 127.0.0.1, each in its own process. Every push goes to a fresh repository with skopeo's blob-info
 * cache removed, so blobs really travel (no mounts, no "already exists"). The two registries take
 * turns run by run, so background load hits both alike. Reports the median of BENCH_RUNS (default
 * 5) runs and each server's peak RSS while the images go through. Writes
 * docs/benchmarks.md.
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const blobInfoCaches = ['/var/lib/containers/cache/blob-info-cache-v1.boltdb', join(process.env.HOME ?? '/root', '.local/share/containers/cache/blob-info-cache-v1.boltdb')];


function exec(cmd: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')}: ${code}\n${err}`))));
    child.stdin.end(input ?? '');
  });
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Sample a process's RSS every 20 ms while `work` runs; returns the work's result and the peak. */
async function withPeakRss<T>(pid: number, work: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
  try {
    return { value: await work(), peakMb: Math.max(peak, rssMb(pid)) };
  } finally {
    clearInterval(timer);
  }
}

/** A ustar header for one regular file of `size` bytes. */
function tarHeader(name: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100);
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

interface LayerBlob {
  digest: string;
  diffId: string;
  size: number;
}

/** gzip(tar(one file of random bytes)), written straight into the layout's blob folder. */
async function writeLayer(blobsDir: string, bytes: number, n: number): Promise<LayerBlob> {
  const tmp = join(blobsDir, `tmp-${n}`);
  const gz = createGzip({ level: 1 });
  const out = createWriteStream(tmp);
  const compressed = createHash('sha256');
  const raw = createHash('sha256');
  gz.on('data', (c: Buffer) => compressed.update(c));
  gz.pipe(out);
  const write = async (b: Buffer) => {
    raw.update(b);
    if (!gz.write(b)) await new Promise((r) => gz.once('drain', r));
  };
  await write(tarHeader(`layer-${n}.bin`, bytes));
  for (let left = bytes; left > 0; left -= 1 << 20) await write(randomBytes(Math.min(left, 1 << 20)));
  await write(Buffer.alloc((512 - (bytes % 512)) % 512));
  await write(Buffer.alloc(1024));
  gz.end();
  await finished(out);
  const digest = `sha256:${compressed.digest('hex')}`;
  renameSync(tmp, join(blobsDir, digest.slice(7)));
  return { digest, diffId: `sha256:${raw.digest('hex')}`, size: statSync(join(blobsDir, digest.slice(7))).size };
}

/** An OCI image layout with `layers` layers of `bytesPerLayer` random bytes each. */
async function makeImage(dir: string, layers: number, bytesPerLayer: number): Promise<{ dir: string; bytes: number }> {
  const blobs = join(dir, 'blobs', 'sha256');
  mkdirSync(blobs, { recursive: true });
  const written: LayerBlob[] = [];
  for (let i = 0; i < layers; i++) written.push(await writeLayer(blobs, bytesPerLayer, i));
  const put = (b: Buffer) => {
    const digest = `sha256:${createHash('sha256').update(b).digest('hex')}`;
    writeFileSync(join(blobs, digest.slice(7)), b);
    return { digest, size: b.length };
  };
  const config = put(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: written.map((l) => l.diffId) }, config: {} })));
  const manifest = put(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: written.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: l.digest, size: l.size })),
      }),
    ),
  );
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: { 'org.opencontainers.image.ref.name': 'latest' } }] }));
  return { dir, bytes: written.reduce((s, l) => s + l.size, 0) + config.size };
}

interface Server {
  name: string;
  host: string;
  pid: number;
  creds?: string;
  /** Make a repository ready for a push (ECR needs it to exist). */
  prepare(repo: string): Promise<void>;
  stop(): Promise<void>;
}

async function waitFor(url: string, okStatuses: number[]): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if (okStatuses.includes((await fetch(url)).status)) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not come up`);
}

function stopper(child: ChildProcess, dir: string): () => Promise<void> {
  return async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
}

async function startBosun(): Promise<Server> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bench-bosun-'));
  const child = spawn(process.execPath, [join(repoRoot, 'packages', 'cli', 'dist', 'main.js'), 'serve', '--port', String(port), '--host', '127.0.0.1', '--data-dir', dir, '--account-id', '123456789012'], {
    env: { ...process.env, BOSUN_LOG_LEVEL: 'warn', BOSUN_REGISTRY_GC_INTERVAL_SECONDS: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/_bosun/health`, [200]);
  const ecr = async (target: string, body: unknown) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AmazonEC2ContainerRegistry_V20150921.${target}` }, body: JSON.stringify(body) });
    return (await res.json()) as Record<string, unknown>;
  };
  const token = (await ecr('GetAuthorizationToken', {})) as { authorizationData: { authorizationToken: string }[] };
  const creds = Buffer.from(token.authorizationData[0].authorizationToken, 'base64').toString('utf8');
  return { name: 'Bosun', host: `127.0.0.1:${port}`, pid: child.pid!, creds, prepare: async (repo) => void (await ecr('CreateRepository', { repositoryName: repo })), stop: stopper(child, dir) };
}

async function startDistribution(): Promise<Server> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bench-distribution-'));
  const config = join(dir, 'config.yml');
  writeFileSync(config, `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n`);
  const child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'ignore', 'ignore'] });
  await waitFor(`http://127.0.0.1:${port}/v2/`, [200]);
  return { name: 'docker-registry (distribution)', host: `127.0.0.1:${port}`, pid: child.pid!, prepare: async () => undefined, stop: stopper(child, dir) };
}

interface Sample {
  pushS: number;
  pullS: number;
  peakMb: number;
}

async function measure(server: Server, image: { dir: string }, label: string, run: number, work: string): Promise<Sample> {
  const repo = `bench/${label}-${run}`;
  await server.prepare(repo);
  for (const f of blobInfoCaches) rmSync(f, { force: true });
  const creds = server.creds ? ['--dest-creds', server.creds] : [];
  const t0 = process.hrtime.bigint();
  const push = await withPeakRss(server.pid, () => exec('skopeo', ['copy', '--dest-tls-verify=false', ...creds, `oci:${image.dir}:latest`, `docker://${server.host}/${repo}:latest`]));
  const t1 = process.hrtime.bigint();
  const out = join(work, `pull-${server.pid}-${label}-${run}`);
  const srcCreds = server.creds ? ['--src-creds', server.creds] : [];
  const pull = await withPeakRss(server.pid, () => exec('skopeo', ['copy', '--src-tls-verify=false', ...srcCreds, `docker://${server.host}/${repo}:latest`, `oci:${out}:latest`]));
  const t2 = process.hrtime.bigint();
  rmSync(out, { recursive: true, force: true });
  return { pushS: Number(t1 - t0) / 1e9, pullS: Number(t2 - t1) / 1e9, peakMb: Math.max(push.peakMb, pull.peakMb) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'bench-registry-'));
  try {
    const load = loadavg()[0].toFixed(1);
    console.log('making images…');
    const images = [
      { label: '50mb-5-layers', title: '~50 MB, 5 layers', ...(await makeImage(join(work, 'small'), 5, 10 * 1024 * 1024)) },
      { label: '500mb-1-layer', title: '~500 MB, 1 layer', ...(await makeImage(join(work, 'large'), 1, 500 * 1024 * 1024)) },
    ];
    // Both registries run side by side and take turns, so background load hits them alike.
    const servers = [await startDistribution(), await startBosun()];
    const rows: string[][] = [];
    try {
      const samples = new Map<string, Sample[]>();
      for (let run = 0; run < runs; run++) {
        for (const image of images) {
          for (const server of run % 2 ? [...servers].reverse() : servers) {
            const key = `${server.name}|${image.label}`;
            samples.set(key, [...(samples.get(key) ?? []), await measure(server, image, image.label, run, work)]);
          }
        }
      }
      for (const server of servers) {
        for (const image of images) {
          const got = samples.get(`${server.name}|${image.label}`)!;
          const mb = image.bytes / 1024 / 1024;
          const push = median(got.map((s) => s.pushS));
          const pull = median(got.map((s) => s.pullS));
          rows.push([server.name, image.title, `${mb.toFixed(0)} MB`, `${push.toFixed(2)} s`, `${(mb / push).toFixed(0)} MB/s`, `${pull.toFixed(2)} s`, `${(mb / pull).toFixed(0)} MB/s`, `${Math.max(...got.map((s) => s.peakMb)).toFixed(0)} MB`]);
        }
      }
    } finally {
      for (const server of servers) await server.stop();
    }
    const table = markdownTable(['registry', 'image', 'blob bytes', 'push (median)', 'push rate', 'pull (median)', 'pull rate', 'server peak RSS'], rows);
    console.log(`\n${table}\n`);
    const doc = [
      '## Registry: push and pull with skopeo, against the CNCF distribution registry',
      '',
      `_Recorded ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores, Node ${process.version}, by \`node bench/dist/registry.js\` (median of ${runs} runs; 1-minute load average ${load} at the start, ${loadavg()[0].toFixed(1)} at the end)._`,
      '',
      'skopeo copies an OCI layout into a fresh repository (blob-info cache cleared, so every blob is uploaded) and back out into a new OCI layout, against each registry on 127.0.0.1. Bosun runs `bosun serve` with ECR token auth and its durable embedded storage (SQLite WAL, fsynced uploads, digest-verified content-addressed files); docker-registry is Debian’s CNCF distribution with the filesystem driver and no auth. Peak RSS is the server process’s, sampled every 20 ms during push and pull.',
      '',
      table,
      '',
    ].join('\n');
    recordSection('registry', doc);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
