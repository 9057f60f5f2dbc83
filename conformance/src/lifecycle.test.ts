import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { sdkConfig, startBosun, type BosunProcess } from './harness.js';

describe('server lifecycle: health, graceful shutdown, restart on the same data dir', () => {
  const started: BosunProcess[] = [];
  after(async () => {
    for (const p of started) await p.dispose();
  });

  it('reports every modelled service and its state at /_bosun/health', async () => {
    const bosun = await startBosun();
    started.push(bosun);
    const res = await fetch(`${bosun.url}/_bosun/health`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { status: string; services: Record<string, string> };
    assert.equal(body.status, 'running');
    assert.equal(body.services.sts, 'running');
    for (const name of ['events', 'ecr', 'sqs', 'sns', 'logs', 'kinesis', 'lambda', 'stepfunctions', 'ssm']) {
      assert.ok(name in body.services, `health lists ${name}`);
    }
  });

  it('on SIGTERM lets an in-flight long poll finish, exits 0 within 5 s, and loses nothing', async () => {
    const bosun = await startBosun();
    started.push(bosun);
    const sqs = new SQSClient(sdkConfig(bosun.url));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'lifecycle' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'kept across restarts' }));
    const { QueueUrl: emptyUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'lifecycle-poll' }));
    const inFlight = sqs.send(new ReceiveMessageCommand({ QueueUrl: emptyUrl, WaitTimeSeconds: 2 }));
    await new Promise((r) => setTimeout(r, 200));
    const t0 = Date.now();
    const code = await bosun.stop('SIGTERM');
    const elapsed = Date.now() - t0;
    assert.equal(code, 0);
    assert.ok(elapsed < 5000, `exited after ${elapsed} ms`);
    const answered = await inFlight;
    assert.equal(answered.$metadata.httpStatusCode, 200, 'the in-flight long poll got a complete answer');

    const again = await startBosun({ dataDir: bosun.dataDir });
    started.push(again);
    const sqs2 = new SQSClient(sdkConfig(again.url));
    const { QueueUrl: url2 } = await sqs2.send(new CreateQueueCommand({ QueueName: 'lifecycle' }));
    const got = await sqs2.send(new ReceiveMessageCommand({ QueueUrl: url2, WaitTimeSeconds: 1 }));
    assert.equal(got.Messages?.[0]?.Body, 'kept across restarts');
  });

  it('refuses a second server on a data dir that is in use, with a one-line reason', async () => {
    const bosun = await startBosun();
    started.push(bosun);
    await assert.rejects(startBosun({ dataDir: bosun.dataDir }), (e: Error) => {
      assert.match(e.message, /bosun exited \(1\) before starting/);
      assert.match(e.message, /data dir .* is in use by another Bosun \(pid \d+\)/);
      return true;
    });
    assert.equal((await fetch(`${bosun.url}/_bosun/health`)).status, 200, 'the first server is unharmed');
  });

  it('on SIGTERM while clients keep writing, every acknowledged write is there after restart', async () => {
    const bosun = await startBosun();
    started.push(bosun);
    const sqs = new SQSClient(sdkConfig(bosun.url));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'writes-in-flight' }));
    const acknowledged = new Set<string>();
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const body = `w${w}-${i}`;
        try {
          await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
          acknowledged.add(body);
        } catch {
          return; // the server went away: this write was not acknowledged
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    await new Promise((r) => setTimeout(r, 300));
    const code = await bosun.stop('SIGTERM');
    stop = true;
    await Promise.all(writers);
    assert.equal(code, 0);
    assert.ok(acknowledged.size > 0, 'some writes were acknowledged before the signal');

    const again = await startBosun({ dataDir: bosun.dataDir });
    started.push(again);
    const sqs2 = new SQSClient(sdkConfig(again.url));
    const { QueueUrl: url2 } = await sqs2.send(new CreateQueueCommand({ QueueName: 'writes-in-flight' }));
    const found = new Set<string>();
    for (let empty = 0; empty < 2; ) {
      const got = await sqs2.send(new ReceiveMessageCommand({ QueueUrl: url2, MaxNumberOfMessages: 10, VisibilityTimeout: 60, WaitTimeSeconds: 0 }));
      if (!got.Messages?.length) empty += 1;
      for (const m of got.Messages ?? []) found.add(m.Body!);
    }
    const lost = [...acknowledged].filter((b) => !found.has(b));
    assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.size} acknowledged writes were lost`);
  });
});
