import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { AwsError } from '../../errors/index.js';
import { DELIVERY_QUEUE } from './model.js';
import { ACCOUNT, queueArn, startHarness, type Harness } from './sns.test-helper.js';

let h: Harness;
let server: Server;
let endpoint: string;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
/** Status codes the endpoint answers with, in turn (then 200). */
const answers: number[] = [];
/** How long the endpoint takes to answer, in turn (then at once). */
const delays: number[] = [];

before(async () => {
  h = await startHarness();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const status = answers.shift() ?? 200;
      setTimeout(() => res.writeHead(status).end(), delays.shift() ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
after(async () => {
  await h.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const arn = (name: string): string => `arn:aws:sns:us-east-1:${ACCOUNT}:${name}`;
const pending = async (): Promise<number> => h.storage.deliveries.depth(DELIVERY_QUEUE);

test('HTTP subscriptions are confirmed through the token SNS posts, then get notifications', async () => {
  await h.call('CreateTopic', { Name: 'web' });
  const sub = await h.call<{ SubscriptionArn: string }>('Subscribe', { TopicArn: arn('web'), Protocol: 'http', Endpoint: endpoint });
  assert.equal(sub.SubscriptionArn, 'pending confirmation');
  await h.sns.deliverDue();
  const confirmation = received.shift()!;
  assert.equal(confirmation.headers['x-amz-sns-message-type'], 'SubscriptionConfirmation');
  assert.equal(confirmation.headers['x-amz-sns-topic-arn'], arn('web'));
  const doc = JSON.parse(confirmation.body) as Record<string, string>;
  assert.equal(doc.Type, 'SubscriptionConfirmation');
  assert.equal(doc.SubscribeURL, `http://bosun.test/?Action=ConfirmSubscription&TopicArn=${arn('web')}&Token=${doc.Token}`);
  assert.ok(doc.Signature);

  await h.call('Publish', { TopicArn: arn('web'), Message: 'not yet' });
  assert.equal(await pending(), 0, 'a pending subscription gets nothing');

  assert.equal((await h.error('ConfirmSubscription', { TopicArn: arn('web'), Token: 'wrong' })).message, 'Invalid parameter: Token');
  const confirmed = await h.call<{ SubscriptionArn: string }>('ConfirmSubscription', { TopicArn: arn('web'), Token: doc.Token }, { accessKeyId: undefined });
  assert.match(confirmed.SubscriptionArn, /^arn:aws:sns:us-east-1:123456789012:web:[0-9a-f-]{36}$/);
  const attrs = await h.call<{ Attributes: Record<string, string> }>('GetSubscriptionAttributes', { SubscriptionArn: confirmed.SubscriptionArn });
  assert.equal(attrs.Attributes.PendingConfirmation, 'false');
  assert.equal(attrs.Attributes.ConfirmationWasAuthenticated, 'false');

  await h.call('Publish', { TopicArn: arn('web'), Message: 'now' });
  await h.sns.deliverDue();
  const note = received.shift()!;
  assert.equal(note.headers['x-amz-sns-message-type'], 'Notification');
  assert.equal(note.headers['x-amz-sns-subscription-arn'], confirmed.SubscriptionArn);
  assert.equal(note.headers['content-type'], 'text/plain; charset=UTF-8');
  assert.equal((JSON.parse(note.body) as Record<string, string>).Message, 'now');
});

test('unsubscribing an HTTP endpoint sends it a signed UnsubscribeConfirmation', async () => {
  await h.call('CreateTopic', { Name: 'bye' });
  const { SubscriptionArn } = await h.call<{ SubscriptionArn: string }>('Subscribe', { TopicArn: arn('bye'), Protocol: 'http', Endpoint: endpoint, ReturnSubscriptionArn: true });
  assert.match(SubscriptionArn, /^arn:aws:sns:/, 'ReturnSubscriptionArn shows the ARN of a pending subscription');
  await h.sns.deliverDue();
  const token = (JSON.parse(received.shift()!.body) as { Token: string }).Token;
  await h.call('ConfirmSubscription', { TopicArn: arn('bye'), Token: token });
  await h.call('Unsubscribe', { SubscriptionArn });
  await h.sns.deliverDue();
  const farewell = received.shift()!;
  assert.equal(farewell.headers['x-amz-sns-message-type'], 'UnsubscribeConfirmation');
  assert.equal(farewell.headers['x-amz-sns-subscription-arn'], SubscriptionArn);
  const doc = JSON.parse(farewell.body) as Record<string, string>;
  assert.equal(doc.Message, `You have chosen to deactivate subscription ${SubscriptionArn}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`);
  assert.ok(doc.Token && doc.SubscribeURL && doc.Signature);
  assert.equal(await pending(), 0);
});

test('HTTP deliveries retry per the delivery policy, 20 s apart by default, and then give up', async () => {
  await h.call('CreateTopic', { Name: 'flaky' });
  await h.call('Subscribe', { TopicArn: arn('flaky'), Protocol: 'http', Endpoint: endpoint });
  await h.sns.deliverDue();
  const token = (JSON.parse(received.shift()!.body) as { Token: string }).Token;
  await h.call('ConfirmSubscription', { TopicArn: arn('flaky'), Token: token });
  await h.call('Publish', { TopicArn: arn('flaky'), Message: 'retry me' });
  answers.push(500, 503, 500, 500);
  for (let attempt = 1; attempt <= 4; attempt++) {
    assert.equal(await h.sns.deliverDue(), 1, `attempt ${attempt}`);
    assert.equal(await h.sns.deliverDue(), 0, 'nothing due before the delay');
    h.clock.advance(20_000);
  }
  assert.equal(received.splice(0).length, 4, 'first attempt and 3 retries');
  assert.equal(await pending(), 0, 'dropped after the policy ran out');

  await h.call('Publish', { TopicArn: arn('flaky'), Message: 'second' });
  answers.push(500);
  await h.sns.deliverDue();
  h.clock.advance(20_000);
  await h.sns.deliverDue();
  assert.deepEqual(received.splice(0).map((r) => (JSON.parse(r.body) as { Message: string }).Message), ['second', 'second']);
  assert.equal(await pending(), 0);
});

test('SQS deliveries retry server errors at once, then back off; a missing queue goes to the dead-letter queue', async () => {
  await h.call('CreateTopic', { Name: 'toq' });
  const q = queueArn('busy');
  const dlq = queueArn('dlq');
  await h.call('Subscribe', { TopicArn: arn('toq'), Protocol: 'sqs', Endpoint: q });
  h.sqs.failing.set(q, new AwsError('InternalError', 'busy', { status: 500 }));
  await h.call('Publish', { TopicArn: arn('toq'), Message: 'eventually' });
  for (let i = 0; i < 4; i++) await h.sns.deliverDue(); // first attempt + 3 immediate retries
  assert.equal(await h.sns.deliverDue(), 0, 'the pre-backoff phase waits 1 s');
  h.sqs.failing.delete(q);
  h.clock.advance(1_000);
  await h.sns.deliverDue();
  assert.equal(h.sqs.to(q).length, 1);

  const gone = queueArn('gone');
  const { SubscriptionArn } = await h.call<{ SubscriptionArn: string }>('Subscribe', {
    TopicArn: arn('toq'),
    Protocol: 'sqs',
    Endpoint: gone,
    Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq }) },
  });
  h.sqs.failing.set(gone, new AwsError('QueueDoesNotExist', 'The specified queue does not exist.'));
  await h.call('Publish', { TopicArn: arn('toq'), Message: 'lost' });
  await h.sns.deliverDue();
  assert.equal(h.sqs.to(dlq).length, 1, 'a client-side error is not retried');
  assert.equal((JSON.parse(h.sqs.to(dlq)[0].body) as { Message: string }).Message, 'lost');
  assert.equal(await pending(), 0);
  const bad = await h.error('SetSubscriptionAttributes', { SubscriptionArn, AttributeName: 'RedrivePolicy', AttributeValue: '{"deadLetterTargetArn":"nope"}' });
  assert.equal(bad.message, 'Invalid parameter: RedrivePolicy: deadLetterTargetArn is an invalid arn');
});

test('deliveries survive a restart and go out after it', async () => {
  await h.call('CreateTopic', { Name: 'durable' });
  const q = queueArn('durable');
  await h.call('Subscribe', { TopicArn: arn('durable'), Protocol: 'sqs', Endpoint: q });
  await h.call('Publish', { TopicArn: arn('durable'), Message: 'kept' });
  assert.equal(await pending(), 1, 'queued durably before Publish returned');
  await h.restart();
  await h.sns.deliverDue();
  assert.equal(h.sqs.to(q).length, 1);
});

test('Unsubscribe stops deliveries already queued, and is idempotent', async () => {
  await h.call('CreateTopic', { Name: 'leaving' });
  const q = queueArn('leaving');
  const { SubscriptionArn } = await h.call<{ SubscriptionArn: string }>('Subscribe', { TopicArn: arn('leaving'), Protocol: 'sqs', Endpoint: q });
  await h.call('Publish', { TopicArn: arn('leaving'), Message: 'never' });
  await h.call('Unsubscribe', { SubscriptionArn });
  await h.call('Unsubscribe', { SubscriptionArn });
  await h.sns.deliverDue();
  assert.equal(h.sqs.to(q).length, 0);
  assert.equal((await h.error('Unsubscribe', { SubscriptionArn: arn('leaving') })).message, 'Invalid parameter: SubscriptionId');
});

test('the running worker does not let a slow HTTP endpoint hold up other deliveries', async () => {
  await h.call('CreateTopic', { Name: 'mixed' });
  await h.call('Subscribe', { TopicArn: arn('mixed'), Protocol: 'http', Endpoint: endpoint });
  await h.sns.deliverDue();
  const token = (JSON.parse(received.shift()!.body) as { Token: string }).Token;
  await h.call('ConfirmSubscription', { TopicArn: arn('mixed'), Token: token });
  const q = queueArn('fast');
  await h.call('Subscribe', { TopicArn: arn('mixed'), Protocol: 'sqs', Endpoint: q });
  delays.push(1_500);
  h.sns.start();
  try {
    const started = Date.now();
    await h.call('Publish', { TopicArn: arn('mixed'), Message: 'both' });
    while (h.sqs.to(q).length === 0) {
      assert.ok(Date.now() - started < 1_000, 'the queue got its copy while the endpoint was still busy');
      await new Promise((r) => setTimeout(r, 10));
    }
    while (received.length === 0) await new Promise((r) => setTimeout(r, 10));
  } finally {
    await h.sns.close();
  }
  assert.equal(received.shift()!.body.includes('"Message" : "both"'), true);
  assert.equal(await pending(), 0);
});
