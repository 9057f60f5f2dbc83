import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { AwsError } from '../../errors/index.js';
import { parseSubscriptionArn, parseTopicArn, validTopicName } from './arn.js';

interface Case {
  arn: string;
  name?: string;
  topic?: string;
  error?: string;
}

const cases = JSON.parse(readFileSync(new URL('./arn.cases.json', import.meta.url), 'utf8')) as { topics: Case[]; subscriptions: Case[] };

const rejects = (fn: () => unknown, message: string): void =>
  assert.throws(fn, (e: unknown) => e instanceof AwsError && e.code === 'InvalidParameter' && e.message === message);

for (const c of cases.topics) {
  test(`topic ARN ${c.arn}`, () => {
    if (c.error) rejects(() => parseTopicArn(c.arn), c.error);
    else assert.equal(parseTopicArn(c.arn).name, c.name);
  });
}

for (const c of cases.subscriptions) {
  test(`subscription ARN ${c.arn}`, () => {
    if (c.error) rejects(() => parseSubscriptionArn(c.arn), c.error);
    else assert.equal(parseSubscriptionArn(c.arn).topic.arn, c.topic);
  });
}

test('topic names: 1-256 of [A-Za-z0-9_-], FIFO names end in .fifo within the 256', () => {
  assert.ok(validTopicName('a-b_C9', false));
  assert.ok(validTopicName('x'.repeat(256), false));
  assert.ok(!validTopicName('x'.repeat(257), false));
  assert.ok(!validTopicName('a.b', false));
  assert.ok(validTopicName(`${'x'.repeat(251)}.fifo`, true));
  assert.ok(!validTopicName(`${'x'.repeat(252)}.fifo`, true));
  assert.ok(!validTopicName('plain', true));
});
