import { parentPort, workerData } from 'node:worker_threads';
import type { Clock } from '../../core/clock.js';
import type { BlobStore } from '../interfaces.js';
import { SqliteStorage } from './sqlite-storage.js';
import { serializeError, type WorkerCall, type WorkerInit, type WorkerReply } from './worker-protocol.js';

/**
 * The SQLite side of `WorkerSqliteStorage`: one connection, the same stores and group commit as
 * in-process. Calls arrive in batches; the commits of a batch share a transaction, and a commit is
 * answered only after that transaction committed (the durability contract holds across threads).
 */

const port = parentPort;
if (!port) throw new Error('worker-thread.ts runs only as a worker');
const init = workerData as WorkerInit;

// Commit times come from the caller's clock (sent with each commit), as in-process.
let callerNow = 0;
const clock: Clock = { now: () => callerNow };
const noBlobs = new Proxy({}, { get: () => () => Promise.reject(new Error('blobs live on the main thread')) }) as BlobStore;

const storage = new SqliteStorage({ path: init.path, clock, blobs: noBlobs });
const stores: Record<string, Record<string, unknown>> = {
  storage: storage as unknown as Record<string, unknown>,
  metadata: storage.metadata as unknown as Record<string, unknown>,
  journal: storage.journal as unknown as Record<string, unknown>,
  deliveries: storage.deliveries as unknown as Record<string, unknown>,
};

let replies: WorkerReply[] = [];
let replyScheduled = false;
function reply(r: WorkerReply): void {
  replies.push(r);
  if (replyScheduled) return;
  replyScheduled = true;
  // Answers settled in one turn (a whole group commit) go back in one message.
  queueMicrotask(() => {
    replyScheduled = false;
    const out = replies;
    replies = [];
    port!.postMessage(out);
  });
}

function run(call: WorkerCall): void {
  const fn = stores[call.store]?.[call.method];
  if (typeof fn !== 'function') {
    reply({ id: call.id, ok: false, error: { name: 'Error', message: `no storage method ${call.store}.${call.method}` } });
    return;
  }
  if (call.now !== undefined) callerNow = call.now;
  let result: Promise<unknown>;
  try {
    result = Promise.resolve((fn as (...a: unknown[]) => unknown).apply(stores[call.store], call.args));
  } catch (e) {
    result = Promise.reject(e);
  }
  result.then(
    (value) => reply({ id: call.id, ok: true, value }),
    (e: unknown) => reply({ id: call.id, ok: false, error: serializeError(e) }),
  );
}

port.on('message', (calls: WorkerCall[]) => {
  for (const call of calls) run(call);
});
port.postMessage('ready');
