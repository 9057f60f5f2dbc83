import assert from 'node:assert/strict';
import { verify, X509Certificate } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ConfirmSubscriptionCommand, GetSubscriptionAttributesCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { awsCli, sdkConfig, startBosun, testAccount, type BosunProcess } from './harness.js';

/**
 * SNS with both aws CLIs against a real `bosun serve`: topics, SQS subscriptions with the exact
 * envelope AWS delivers (and raw delivery), filter policies on attributes and bodies, signatures
 * that verify against the certificate Bosun serves, and an HTTP endpoint confirming its
 * subscription through the SubscribeURL.
 */

type Cli = 'v1' | 'v2';

function cli(bosun: BosunProcess, which: Cli, args: string[]): Record<string, unknown> {
  const r = awsCli(which, bosun.url, args);
  assert.equal(r.status, 0, `aws(${which}) ${args.join(' ')}\n${r.stderr}`);
  return r.stdout.trim() ? (JSON.parse(r.stdout) as Record<string, unknown>) : {};
}

function createQueue(bosun: BosunProcess, which: Cli, name: string): { url: string; arn: string } {
  const url = String(cli(bosun, which, ['sqs', 'create-queue', '--queue-name', name]).QueueUrl);
  const attrs = cli(bosun, which, ['sqs', 'get-queue-attributes', '--queue-url', url, '--attribute-names', 'QueueArn']).Attributes as Record<string, string>;
  return { url, arn: String(attrs.QueueArn) };
}

interface Received {
  Body: string;
  MessageAttributes?: Record<string, { StringValue?: string; BinaryValue?: string; DataType: string }>;
}

/** Receive (and delete) until `count` messages arrived, then wait `settleMs` more for strays. */
function receive(bosun: BosunProcess, which: Cli, url: string, count: number, settleMs = 0): Received[] {
  const got: Received[] = [];
  const deadline = Date.now() + 10_000;
  let settleUntil = 0;
  for (;;) {
    const out = cli(bosun, which, ['sqs', 'receive-message', '--queue-url', url, '--max-number-of-messages', '10', '--wait-time-seconds', '1', '--message-attribute-names', 'All']);
    for (const m of (out.Messages ?? []) as (Received & { ReceiptHandle: string })[]) {
      got.push(m);
      cli(bosun, which, ['sqs', 'delete-message', '--queue-url', url, '--receipt-handle', m.ReceiptHandle]);
    }
    if (got.length >= count && settleUntil === 0) settleUntil = Date.now() + settleMs;
    if ((settleUntil && Date.now() >= settleUntil) || Date.now() > deadline) return got;
  }
}

/** A subscriber's check, per https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html. */
async function verifySnsMessage(message: Record<string, string>): Promise<boolean> {
  const res = await fetch(message.SigningCertURL);
  assert.equal(res.status, 200);
  const cert = new X509Certificate(await res.text());
  const keys =
    message.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  const text = keys
    .filter((k) => message[k] !== undefined)
    .map((k) => `${k}\n${message[k]}\n`)
    .join('');
  return verify(message.SignatureVersion === '2' ? 'sha256' : 'sha1', Buffer.from(text), cert.publicKey, Buffer.from(message.Signature, 'base64'));
}

const ENVELOPE_KEYS = ['Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL', 'MessageAttributes'];

describe('SNS with the aws CLIs', () => {
  let bosun: BosunProcess;
  before(async () => {
    bosun = await startBosun();
  });
  after(async () => {
    await bosun.dispose();
  });

  for (const which of ['v1', 'v2'] as const) {
    it(`aws CLI ${which}: a subscribed queue receives the envelope AWS delivers, signed`, async () => {
      const topicArn = String(cli(bosun, which, ['sns', 'create-topic', '--name', `news-${which}`]).TopicArn);
      assert.equal(topicArn, `arn:aws:sns:us-east-1:${testAccount}:news-${which}`);
      const q = createQueue(bosun, which, `news-${which}`);
      const { SubscriptionArn } = cli(bosun, which, ['sns', 'subscribe', '--topic-arn', topicArn, '--protocol', 'sqs', '--notification-endpoint', q.arn]) as { SubscriptionArn: string };
      assert.match(SubscriptionArn, new RegExp(`^${topicArn}:[0-9a-f-]{36}$`));
      const { MessageId } = cli(bosun, which, [
        'sns', 'publish', '--topic-arn', topicArn, '--subject', 'Breaking', '--message', 'Hello "world"\nline 2',
        '--message-attributes', '{"color":{"DataType":"String","StringValue":"red"},"size":{"DataType":"Number","StringValue":"42"}}',
      ]) as { MessageId: string };
      const [m] = receive(bosun, which, q.url, 1);
      assert.ok(m, 'message delivered');
      assert.ok(m.Body.startsWith('{\n  "Type" : "Notification",\n  "MessageId" : '), m.Body);
      const env = JSON.parse(m.Body) as Record<string, string>;
      assert.deepEqual(Object.keys(env), ENVELOPE_KEYS);
      assert.equal(env.MessageId, MessageId);
      assert.equal(env.TopicArn, topicArn);
      assert.equal(env.Subject, 'Breaking');
      assert.equal(env.Message, 'Hello "world"\nline 2');
      assert.match(env.Timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.equal(env.SignatureVersion, '1');
      assert.equal(env.SigningCertURL, `${bosun.url}/_bosun/sns/SimpleNotificationService.pem`);
      assert.equal(env.UnsubscribeURL, `${bosun.url}/?Action=Unsubscribe&SubscriptionArn=${SubscriptionArn}`);
      assert.deepEqual(env.MessageAttributes, { color: { Type: 'String', Value: 'red' }, size: { Type: 'Number', Value: '42' } });
      assert.ok(await verifySnsMessage(env), 'signature verifies against the served certificate');
      assert.ok(!(await verifySnsMessage({ ...env, Message: 'tampered' })), 'a changed message does not verify');
    });

    it(`aws CLI ${which}: raw delivery sends the bare message with SQS message attributes`, () => {
      const topicArn = String(cli(bosun, which, ['sns', 'create-topic', '--name', `raw-${which}`]).TopicArn);
      const q = createQueue(bosun, which, `raw-${which}`);
      cli(bosun, which, ['sns', 'subscribe', '--topic-arn', topicArn, '--protocol', 'sqs', '--notification-endpoint', q.arn, '--attributes', '{"RawMessageDelivery":"true"}']);
      cli(bosun, which, ['sns', 'publish', '--topic-arn', topicArn, '--message', '{"order":1}', '--message-attributes', '{"kind":{"DataType":"String","StringValue":"order"}}']);
      const [m] = receive(bosun, which, q.url, 1);
      assert.equal(m.Body, '{"order":1}');
      assert.deepEqual(m.MessageAttributes, { kind: { StringValue: 'order', DataType: 'String' } });
    });

    it(`aws CLI ${which}: filter policies on attributes and on the body pick what each queue gets`, () => {
      const topicArn = String(cli(bosun, which, ['sns', 'create-topic', '--name', `filtered-${which}`]).TopicArn);
      const reds = createQueue(bosun, which, `reds-${which}`);
      const big = createQueue(bosun, which, `big-${which}`);
      const { SubscriptionArn } = cli(bosun, which, ['sns', 'subscribe', '--topic-arn', topicArn, '--protocol', 'sqs', '--notification-endpoint', reds.arn]) as { SubscriptionArn: string };
      cli(bosun, which, ['sns', 'set-subscription-attributes', '--subscription-arn', SubscriptionArn, '--attribute-name', 'FilterPolicy', '--attribute-value', '{"color":["red"],"size":[{"numeric":[">",10]}]}']);
      cli(bosun, which, [
        'sns', 'subscribe', '--topic-arn', topicArn, '--protocol', 'sqs', '--notification-endpoint', big.arn,
        '--attributes', JSON.stringify({ FilterPolicyScope: 'MessageBody', FilterPolicy: '{"order":{"total":[{"numeric":[">=",100]}]}}' }),
      ]);
      const publish = (message: string, color: string, size: number): void => {
        cli(bosun, which, ['sns', 'publish', '--topic-arn', topicArn, '--message', message, '--message-attributes', JSON.stringify({ color: { DataType: 'String', StringValue: color }, size: { DataType: 'Number', StringValue: String(size) } })]);
      };
      publish('{"order":{"total":5}}', 'red', 11);
      publish('{"order":{"total":500}}', 'blue', 11);
      publish('{"order":{"total":50}}', 'red', 3);
      const gotReds = receive(bosun, which, reds.url, 1, 1_500).map((m) => (JSON.parse(m.Body) as { Message: string }).Message);
      const gotBig = receive(bosun, which, big.url, 1, 500).map((m) => (JSON.parse(m.Body) as { Message: string }).Message);
      assert.deepEqual(gotReds, ['{"order":{"total":5}}']);
      assert.deepEqual(gotBig, ['{"order":{"total":500}}']);
      const attrs = cli(bosun, which, ['sns', 'get-subscription-attributes', '--subscription-arn', SubscriptionArn]).Attributes as Record<string, string>;
      assert.equal(attrs.FilterPolicyScope, 'MessageAttributes');
      assert.equal(attrs.PendingConfirmation, 'false');
      assert.equal(attrs.Protocol, 'sqs');
    });
  }

  it('topics, subscriptions and tags list and describe as AWS does', () => {
    const topicArn = String(cli(bosun, 'v1', ['sns', 'create-topic', '--name', 'listed', '--tags', 'Key=team,Value=core', '--attributes', 'DisplayName=Listed']).TopicArn);
    const q = createQueue(bosun, 'v1', 'listed');
    cli(bosun, 'v1', ['sns', 'subscribe', '--topic-arn', topicArn, '--protocol', 'sqs', '--notification-endpoint', q.arn]);
    for (const which of ['v1', 'v2'] as const) {
      const topics = (cli(bosun, which, ['sns', 'list-topics']).Topics as { TopicArn: string }[]).map((t) => t.TopicArn);
      assert.ok(topics.includes(topicArn));
      const subs = cli(bosun, which, ['sns', 'list-subscriptions-by-topic', '--topic-arn', topicArn]).Subscriptions as Record<string, string>[];
      assert.deepEqual(subs.map((s) => [s.Protocol, s.Endpoint, s.Owner, s.TopicArn]), [['sqs', q.arn, testAccount, topicArn]]);
      const attrs = cli(bosun, which, ['sns', 'get-topic-attributes', '--topic-arn', topicArn]).Attributes as Record<string, string>;
      assert.equal(attrs.DisplayName, 'Listed');
      assert.equal(attrs.SubscriptionsConfirmed, '1');
      const tags = cli(bosun, which, ['sns', 'list-tags-for-resource', '--resource-arn', topicArn]).Tags;
      assert.deepEqual(tags, [{ Key: 'team', Value: 'core' }]);
    }
    cli(bosun, 'v2', ['sns', 'tag-resource', '--resource-arn', topicArn, '--tags', 'Key=env,Value=dev']);
    cli(bosun, 'v1', ['sns', 'untag-resource', '--resource-arn', topicArn, '--tag-keys', 'team']);
    assert.deepEqual(cli(bosun, 'v1', ['sns', 'list-tags-for-resource', '--resource-arn', topicArn]).Tags, [{ Key: 'env', Value: 'dev' }]);
    cli(bosun, 'v2', ['sns', 'delete-topic', '--topic-arn', topicArn]);
    const after = (cli(bosun, 'v1', ['sns', 'list-topics']).Topics as { TopicArn: string }[]).map((t) => t.TopicArn);
    assert.ok(!after.includes(topicArn));
  });

  it('FIFO topics deliver to FIFO queues in order with group ids and sequence numbers', () => {
    const topicArn = String(cli(bosun, 'v1', ['sns', 'create-topic', '--name', 'jobs.fifo', '--attributes', 'FifoTopic=true,ContentBasedDeduplication=true']).TopicArn);
    const url = String(cli(bosun, 'v1', ['sqs', 'create-queue', '--queue-name', 'jobs.fifo', '--attributes', 'FifoQueue=true']).QueueUrl);
    const arn = (cli(bosun, 'v1', ['sqs', 'get-queue-attributes', '--queue-url', url, '--attribute-names', 'QueueArn']).Attributes as Record<string, string>).QueueArn;
    cli(bosun, 'v1', ['sns', 'subscribe', '--topic-arn', topicArn, '--protocol', 'sqs', '--notification-endpoint', arn]);
    const seqs: string[] = [];
    for (const n of [1, 2, 3]) seqs.push(String(cli(bosun, 'v1', ['sns', 'publish', '--topic-arn', topicArn, '--message', `job ${n}`, '--message-group-id', 'g']).SequenceNumber));
    const dup = cli(bosun, 'v1', ['sns', 'publish', '--topic-arn', topicArn, '--message', 'job 1', '--message-group-id', 'g']);
    assert.equal(dup.SequenceNumber, seqs[0], 'content-based deduplication');
    assert.deepEqual([...seqs].sort(), seqs);
    const got = receive(bosun, 'v1', url, 3, 500).map((m) => JSON.parse(m.Body) as Record<string, string>);
    assert.deepEqual(got.map((m) => m.Message), ['job 1', 'job 2', 'job 3']);
    assert.deepEqual(got.map((m) => m.SequenceNumber), seqs);
    assert.equal(got[0].Signature, undefined);
  });
});

describe('SNS HTTP/S subscriptions', () => {
  let bosun: BosunProcess;
  let server: Server;
  let endpoint: string;
  const inbox: { headers: IncomingHttpHeaders; body: Record<string, string> }[] = [];
  before(async () => {
    bosun = await startBosun();
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (d: Buffer) => (text += d.toString()));
      req.on('end', () => {
        inbox.push({ headers: req.headers, body: JSON.parse(text) as Record<string, string> });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sns`;
  });
  after(async () => {
    await bosun.dispose();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function next(): Promise<{ headers: IncomingHttpHeaders; body: Record<string, string> }> {
    const deadline = Date.now() + 10_000;
    while (inbox.length === 0) {
      if (Date.now() > deadline) assert.fail('nothing posted to the endpoint');
      await new Promise((r) => setTimeout(r, 50));
    }
    return inbox.shift()!;
  }

  it('confirms through the SubscribeURL and then receives signed notifications', async () => {
    const sns = new SNSClient(sdkConfig(bosun.url));
    const topicArn = String(cli(bosun, 'v1', ['sns', 'create-topic', '--name', 'hooks']).TopicArn);
    const sub = await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: endpoint }));
    assert.equal(sub.SubscriptionArn, 'pending confirmation');
    const confirmation = await next();
    assert.equal(confirmation.headers['x-amz-sns-message-type'], 'SubscriptionConfirmation');
    assert.equal(confirmation.body.Type, 'SubscriptionConfirmation');
    assert.ok(await verifySnsMessage(confirmation.body));
    // What a subscriber does: GET the SubscribeURL, unsigned.
    const res = await fetch(confirmation.body.SubscribeURL);
    assert.equal(res.status, 200);
    const xml = await res.text();
    const subscriptionArn = /<SubscriptionArn>([^<]+)<\/SubscriptionArn>/.exec(xml)?.[1];
    assert.match(subscriptionArn ?? '', new RegExp(`^${topicArn}:`));
    const again = await sns.send(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token: confirmation.body.Token }));
    assert.equal(again.SubscriptionArn, subscriptionArn, 'confirming twice is harmless');
    const attrs = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }));
    assert.equal(attrs.Attributes?.PendingConfirmation, 'false');

    const pub = await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'ping', Subject: 'hi' }));
    const note = await next();
    assert.equal(note.headers['x-amz-sns-message-type'], 'Notification');
    assert.equal(note.headers['x-amz-sns-message-id'], pub.MessageId);
    assert.equal(note.headers['x-amz-sns-subscription-arn'], subscriptionArn);
    assert.equal(note.body.Message, 'ping');
    assert.ok(await verifySnsMessage(note.body));

    // The UnsubscribeURL works unsigned too; the endpoint is told, and gets nothing more.
    assert.equal((await fetch(note.body.UnsubscribeURL)).status, 200);
    const farewell = await next();
    assert.equal(farewell.headers['x-amz-sns-message-type'], 'UnsubscribeConfirmation');
    assert.ok(await verifySnsMessage(farewell.body));
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'gone' }));
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(inbox.length, 0);
  });
});
