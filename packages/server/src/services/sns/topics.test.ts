import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ACCOUNT, queueArn, startHarness, type Harness } from './sns.test-helper.js';

let h: Harness;
before(async () => (h = await startHarness()));
after(async () => h.close());

const arn = (name: string): string => `arn:aws:sns:us-east-1:${ACCOUNT}:${name}`;

test('CreateTopic returns the ARN and is idempotent for the same name and attributes', async () => {
  const a = await h.call('CreateTopic', { Name: 'orders', Attributes: { DisplayName: 'Orders' } });
  const b = await h.call('CreateTopic', { Name: 'orders', Attributes: { DisplayName: 'Orders' } });
  assert.deepEqual(a, { TopicArn: arn('orders') });
  assert.deepEqual(b, a);
  const e = await h.error('CreateTopic', { Name: 'orders', Attributes: { DisplayName: 'Other' } });
  assert.equal(e.code, 'InvalidParameter');
  assert.equal(e.message, 'Invalid parameter: Attributes Reason: Topic already exists with different attributes');
});

test('topic names follow SNS rules, FIFO names end in .fifo', async () => {
  for (const Name of ['bad name', 'x'.repeat(257), 'a.fifo', '']) {
    const e = await h.error('CreateTopic', { Name });
    assert.equal(e.message, 'Invalid parameter: Topic Name', Name);
  }
  const e = await h.error('CreateTopic', { Name: 'nofifo', Attributes: { FifoTopic: 'true' } });
  assert.match(e.message, /^Fifo Topic names must end with \.fifo/);
  const fifo = await h.call('CreateTopic', { Name: 'jobs.fifo', Attributes: { FifoTopic: 'true' } });
  assert.deepEqual(fifo, { TopicArn: arn('jobs.fifo') });
  const attrs = await h.call<{ Attributes: Record<string, string> }>('GetTopicAttributes', { TopicArn: arn('jobs.fifo') });
  assert.equal(attrs.Attributes.FifoTopic, 'true');
  assert.equal(attrs.Attributes.ContentBasedDeduplication, 'false');
});

test('GetTopicAttributes reports defaults, settings and subscription counts', async () => {
  await h.call('CreateTopic', { Name: 'counted' });
  await h.call('Subscribe', { TopicArn: arn('counted'), Protocol: 'sqs', Endpoint: queueArn('q1') });
  await h.call('Subscribe', { TopicArn: arn('counted'), Protocol: 'https', Endpoint: 'https://example.com/hook' });
  await h.call('SetTopicAttributes', { TopicArn: arn('counted'), AttributeName: 'SignatureVersion', AttributeValue: '2' });
  const { Attributes: a } = await h.call<{ Attributes: Record<string, string> }>('GetTopicAttributes', { TopicArn: arn('counted') });
  assert.equal(a.TopicArn, arn('counted'));
  assert.equal(a.Owner, ACCOUNT);
  assert.equal(a.SubscriptionsConfirmed, '1');
  assert.equal(a.SubscriptionsPending, '1');
  assert.equal(a.SubscriptionsDeleted, '0');
  assert.equal(a.DisplayName, '');
  assert.equal(a.SignatureVersion, '2');
  assert.equal((JSON.parse(a.Policy) as { Statement: { Resource: string }[] }).Statement[0].Resource, arn('counted'));
  assert.equal(a.FifoTopic, undefined);
  assert.ok(JSON.parse(a.EffectiveDeliveryPolicy));
});

test('SetTopicAttributes checks names and values and leaves the topic alone on error', async () => {
  await h.call('CreateTopic', { Name: 'settable' });
  for (const [name, value, message] of [
    ['Nope', 'x', 'Invalid parameter: AttributeName'],
    ['FifoTopic', 'true', 'Invalid parameter: AttributeName'],
    ['SignatureVersion', '3', 'Invalid parameter: SignatureVersion'],
    ['DeliveryPolicy', '{', 'Invalid parameter: DeliveryPolicy: failed to parse JSON.'],
  ]) {
    const e = await h.error('SetTopicAttributes', { TopicArn: arn('settable'), AttributeName: name, AttributeValue: value });
    assert.equal(e.message, message);
  }
  const { Attributes: a } = await h.call<{ Attributes: Record<string, string> }>('GetTopicAttributes', { TopicArn: arn('settable') });
  assert.equal(a.SignatureVersion, undefined);
});

test('unknown topics are NotFound (404); malformed ARNs are InvalidParameter', async () => {
  const e = await h.error('GetTopicAttributes', { TopicArn: arn('missing') });
  assert.deepEqual([e.code, e.status, e.message], ['NotFound', 404, 'Topic does not exist']);
  const bad = await h.error('GetTopicAttributes', { TopicArn: 'missing' });
  assert.deepEqual([bad.code, bad.message], ['InvalidParameter', 'Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1']);
  const region = await h.error('GetTopicAttributes', { TopicArn: 'arn:aws:sns:eu-west-1:123456789012:t' });
  assert.equal(region.message, 'Invalid parameter: TopicArn');
});

test('ListTopics pages by 100 with NextToken', async () => {
  for (let i = 0; i < 105; i++) await h.call('CreateTopic', { Name: `page-${String(i).padStart(3, '0')}` });
  const first = await h.call<{ Topics: { TopicArn: string }[]; NextToken?: string }>('ListTopics', {});
  assert.equal(first.Topics.length, 100);
  assert.ok(first.NextToken);
  const second = await h.call<{ Topics: { TopicArn: string }[]; NextToken?: string }>('ListTopics', { NextToken: first.NextToken });
  assert.equal(second.NextToken, undefined);
  const all = [...first.Topics, ...second.Topics].map((t) => t.TopicArn);
  assert.equal(new Set(all).size, all.length);
  assert.ok(all.includes(arn('page-104')));
});

test('DeleteTopic removes the topic and its subscriptions, and succeeds for unknown topics', async () => {
  await h.call('CreateTopic', { Name: 'doomed' });
  const { SubscriptionArn } = await h.call<{ SubscriptionArn: string }>('Subscribe', { TopicArn: arn('doomed'), Protocol: 'sqs', Endpoint: queueArn('q') });
  await h.call('DeleteTopic', { TopicArn: arn('doomed') });
  await h.call('DeleteTopic', { TopicArn: arn('doomed') });
  assert.equal((await h.error('GetTopicAttributes', { TopicArn: arn('doomed') })).code, 'NotFound');
  assert.equal((await h.error('GetSubscriptionAttributes', { SubscriptionArn })).message, 'Subscription does not exist');
});

test('tags: add, replace, list, remove; limits and unknown resources', async () => {
  await h.call('CreateTopic', { Name: 'tagged', Tags: [{ Key: 'team', Value: 'a' }] });
  await h.call('TagResource', { ResourceArn: arn('tagged'), Tags: [{ Key: 'team', Value: 'b' }, { Key: 'env', Value: 'dev' }] });
  let tags = await h.call<{ Tags: unknown[] }>('ListTagsForResource', { ResourceArn: arn('tagged') });
  assert.deepEqual(tags.Tags, [{ Key: 'team', Value: 'b' }, { Key: 'env', Value: 'dev' }]);
  await h.call('UntagResource', { ResourceArn: arn('tagged'), TagKeys: ['team'] });
  tags = await h.call<{ Tags: unknown[] }>('ListTagsForResource', { ResourceArn: arn('tagged') });
  assert.deepEqual(tags.Tags, [{ Key: 'env', Value: 'dev' }]);
  const dup = await h.error('TagResource', { ResourceArn: arn('tagged'), Tags: [{ Key: 'k', Value: '1' }, { Key: 'k', Value: '2' }] });
  assert.equal(dup.message, 'Invalid parameter: Duplicated keys are not allowed.');
  const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
  assert.equal((await h.error('TagResource', { ResourceArn: arn('tagged'), Tags: many })).code, 'TagLimitExceeded');
  const missing = await h.error('ListTagsForResource', { ResourceArn: arn('nope') });
  assert.deepEqual([missing.code, missing.status], ['ResourceNotFound', 404]);
  const differs = await h.error('CreateTopic', { Name: 'tagged', Tags: [{ Key: 'other', Value: 'x' }] });
  assert.equal(differs.message, 'Invalid parameter: Tags Reason: Topic already exists with different tags');
});
