import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CreateEventBusCommand, EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { sdkConfig, startBosun, type BosunProcess } from './harness.js';

/**
 * Crash test: `kill -9` the server while clients push events at full speed. After a restart,
 * every event whose PutEvents succeeded reaches its target queue (counted by event id), and no
 * event reaches a wrong one. Duplicates are allowed: delivery is at-least-once.
 */

const queues = 3;

describe('EventBridge durability under kill -9', () => {
  const processes: BosunProcess[] = [];
  after(async () => {
    for (const p of processes.reverse()) await p.dispose();
  });

  it('every acknowledged event reaches its queue after a crash and restart, none a wrong one', async (t) => {
    const first = await startBosun();
    processes.push(first);
    const eb = new EventBridgeClient(sdkConfig(first.url));
    const sqs = new SQSClient(sdkConfig(first.url));
    await eb.send(new CreateEventBusCommand({ Name: 'crash' }));
    const queueUrls: string[] = [];
    for (let i = 0; i < queues; i++) {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `crash-${i}` }));
      const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
      queueUrls.push(QueueUrl!);
      await eb.send(new PutRuleCommand({ Name: `to-${i}`, EventBusName: 'crash', EventPattern: JSON.stringify({ detail: { queue: [i] } }) }));
      await eb.send(new PutTargetsCommand({ Rule: `to-${i}`, EventBusName: 'crash', Targets: [{ Id: 'q', Arn: attrs.Attributes!.QueueArn! }] }));
    }

    // Push at full speed from several concurrent clients until the server dies.
    const expected = new Map<string, number>();
    let seq = 0;
    let stop = false;
    const pusher = async () => {
      while (!stop) {
        const entries = Array.from({ length: 10 }, () => {
          const n = seq++;
          return { EventBusName: 'crash', Source: 'crash.test', DetailType: 'n', Detail: JSON.stringify({ queue: n % queues, n }) };
        });
        try {
          const res = await eb.send(new PutEventsCommand({ Entries: entries }));
          res.Entries?.forEach((e, i) => {
            if (e.EventId) expected.set(e.EventId, (JSON.parse(entries[i]!.Detail) as { queue: number }).queue);
          });
        } catch {
          return;
        }
      }
    };
    const pushers = Array.from({ length: 8 }, () => pusher());
    await new Promise((r) => setTimeout(r, 2500));
    await first.stop('SIGKILL');
    stop = true;
    await Promise.all(pushers);
    assert.ok(expected.size > 500, `pushed ${expected.size} events before the crash`);

    const second = await startBosun({ dataDir: first.dataDir, port: first.port });
    processes.push(second);
    const sqs2 = new SQSClient(sdkConfig(second.url));
    const seen = new Map<string, number>();
    let duplicates = 0;
    const restartedAt = Date.now();
    const wrong: string[] = [];
    const deadline = Date.now() + 90_000;
    const missing = () => [...expected.keys()].filter((id) => !seen.has(id));
    while (missing().length > 0 && Date.now() < deadline) {
      await Promise.all(
        queueUrls.map(async (url, q) => {
          const url2 = url;
          for (;;) {
            const got = await sqs2.send(new ReceiveMessageCommand({ QueueUrl: url2, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
            const messages = got.Messages ?? [];
            if (messages.length === 0) return;
            for (const m of messages) {
              const event = JSON.parse(m.Body!) as { id: string; detail: { queue: number } };
              if (event.detail.queue !== q) wrong.push(`${event.id} (for queue ${event.detail.queue}) in queue ${q}`);
              if (seen.has(event.id)) duplicates++;
              seen.set(event.id, q);
            }
            await sqs2.send(new DeleteMessageBatchCommand({ QueueUrl: url2, Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
          }
        }),
      );
    }
    t.diagnostic(`${expected.size} events acknowledged before kill -9; all back ${Math.round((Date.now() - restartedAt) / 1000)} s after restart; ${duplicates} duplicates (at-least-once), ${seen.size - expected.size} unacknowledged events also delivered`);
    assert.deepEqual(wrong, []);
    const lost = missing();
    assert.equal(lost.length, 0, `${lost.length} of ${expected.size} acknowledged events never arrived, e.g. ${lost.slice(0, 3).join(', ')}`);
    for (const [id, q] of expected) assert.equal(seen.get(id), q, `event ${id} went to queue ${seen.get(id)}, not ${q}`);
  });
});
