import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GetSubscriptionAttributesCommand, NotFoundException, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { awsCli, sdkConfig, startBosun, testAccount, type BosunProcess } from './harness.js';

/**
 * SNS's errors as the aws CLIs and the SDK see them: codes, statuses and messages for unknown
 * topics, malformed ARNs, invalid filter policies, oversized messages and bad attributes — and
 * nothing stored changes when a call fails.
 */

type Cli = 'v1' | 'v2';

function ok(bosun: BosunProcess, which: Cli, args: string[]): Record<string, unknown> {
  const r = awsCli(which, bosun.url, args);
  assert.equal(r.status, 0, `aws ${args.join(' ')}\n${r.stderr}`);
  return r.stdout.trim() ? (JSON.parse(r.stdout) as Record<string, unknown>) : {};
}

/** The CLI's error line: `An error occurred (Code) when calling the Op operation[ (reached max retries: 0)]: Message`. */
function fails(bosun: BosunProcess, which: Cli, args: string[]): { code: string; message: string } {
  const r = awsCli(which, bosun.url, args);
  assert.notEqual(r.status, 0, `expected a failure: aws ${args.join(' ')}`);
  const m = /An error occurred \(([^)]+)\) when calling the \w+ operation(?: \(reached max retries: \d+\))?: (.*)/s.exec(r.stderr);
  assert.ok(m, r.stderr);
  return { code: m[1], message: m[2].trim() };
}

describe('SNS errors', () => {
  let bosun: BosunProcess;
  let dir: string;
  let topicArn: string;
  let queueUrl: string;
  let subscriptionArn: string;
  before(async () => {
    bosun = await startBosun();
    dir = mkdtempSync(join(tmpdir(), 'bosun-sns-conf-'));
    topicArn = String(ok(bosun, 'v1', ['sns', 'create-topic', '--name', 'errors', '--attributes', 'DisplayName=Errors']).TopicArn);
    queueUrl = String(ok(bosun, 'v1', ['sqs', 'create-queue', '--queue-name', 'errors']).QueueUrl);
    const queueArn = `arn:aws:sqs:us-east-1:${testAccount}:errors`;
    subscriptionArn = String(
      ok(bosun, 'v1', ['sns', 'subscribe', '--topic-arn', topicArn, '--protocol', 'sqs', '--notification-endpoint', queueArn, '--attributes', '{"FilterPolicy":"{\\"color\\":[\\"red\\"]}"}']).SubscriptionArn,
    );
  });
  after(async () => {
    await bosun.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const which of ['v1', 'v2'] as const) {
    it(`aws CLI ${which}: unknown topics and malformed ARNs`, () => {
      const missing = `arn:aws:sns:us-east-1:${testAccount}:missing`;
      assert.deepEqual(fails(bosun, which, ['sns', 'publish', '--topic-arn', missing, '--message', 'x']), { code: 'NotFound', message: 'Topic does not exist' });
      assert.deepEqual(fails(bosun, which, ['sns', 'get-topic-attributes', '--topic-arn', missing]), { code: 'NotFound', message: 'Topic does not exist' });
      assert.deepEqual(fails(bosun, which, ['sns', 'subscribe', '--topic-arn', missing, '--protocol', 'sqs', '--notification-endpoint', 'arn:aws:sqs:us-east-1:123456789012:q']), {
        code: 'NotFound',
        message: 'Topic does not exist',
      });
      assert.deepEqual(fails(bosun, which, ['sns', 'publish', '--topic-arn', 'errors', '--message', 'x']), {
        code: 'InvalidParameter',
        message: 'Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1',
      });
      assert.deepEqual(fails(bosun, which, ['sns', 'get-subscription-attributes', '--subscription-arn', `${topicArn}:00000000-0000-4000-8000-000000000000`]), {
        code: 'NotFound',
        message: 'Subscription does not exist',
      });
      assert.deepEqual(fails(bosun, which, ['sns', 'create-topic', '--name', 'bad name']), { code: 'InvalidParameter', message: 'Invalid parameter: Topic Name' });
      assert.deepEqual(fails(bosun, which, ['sns', 'subscribe', '--topic-arn', topicArn, '--protocol', 'carrier-pigeon', '--notification-endpoint', 'x']), {
        code: 'InvalidParameter',
        message: 'Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon',
      });
    });

    it(`aws CLI ${which}: invalid filter policies are refused and the stored one stays`, () => {
      const set = (policy: string) => fails(bosun, which, ['sns', 'set-subscription-attributes', '--subscription-arn', subscriptionArn, '--attribute-name', 'FilterPolicy', '--attribute-value', policy]);
      assert.deepEqual(set('{"color": ["red",]}').code, 'InvalidParameter');
      assert.match(set('{"color": ["red",]}').message, /^Invalid parameter: FilterPolicy: failed to parse JSON\./);
      assert.deepEqual(set('{"a":[{"wildcard":"x*"}]}'), { code: 'InvalidParameter', message: 'Invalid parameter: FilterPolicy: Unrecognized match type wildcard' });
      assert.deepEqual(set('{"a":[{"numeric":[">",5,"<",1]}]}'), { code: 'InvalidParameter', message: 'Invalid parameter: FilterPolicy: Bottom must be less than top' });
      assert.deepEqual(set('{"a":[1],"b":[1],"c":[1],"d":[1],"e":[1],"f":[1]}'), { code: 'InvalidParameter', message: 'Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys' });
      assert.deepEqual(set('{"a":[1,2,3,4,5,6],"b":[1,2,3,4,5],"c":[1,2,3,4,5,6]}'), { code: 'InvalidParameter', message: 'Invalid parameter: FilterPolicy: Filter policy is too complex' });
      assert.deepEqual(set('{"a":{"b":["c"]}}'), { code: 'InvalidParameter', message: 'Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy' });
      const viaSubscribe = fails(bosun, which, [
        'sns', 'subscribe', '--topic-arn', topicArn, '--protocol', 'sqs', '--notification-endpoint', `arn:aws:sqs:us-east-1:${testAccount}:other`,
        '--attributes', '{"FilterPolicy":"{\\"a\\":[]}"}',
      ]);
      assert.deepEqual(viaSubscribe, { code: 'InvalidParameter', message: 'Invalid parameter: Attributes Reason: FilterPolicy: Empty arrays are not allowed' });
      const attrs = ok(bosun, which, ['sns', 'get-subscription-attributes', '--subscription-arn', subscriptionArn]).Attributes as Record<string, string>;
      assert.equal(attrs.FilterPolicy, '{"color":["red"]}');
      const subs = ok(bosun, which, ['sns', 'list-subscriptions-by-topic', '--topic-arn', topicArn]).Subscriptions as unknown[];
      assert.equal(subs.length, 1, 'the refused Subscribe created nothing');
    });

    it(`aws CLI ${which}: oversized messages and bad attributes`, () => {
      const big = join(dir, `big-${which}.txt`);
      writeFileSync(big, 'x'.repeat(256 * 1024 + 1));
      assert.deepEqual(fails(bosun, which, ['sns', 'publish', '--topic-arn', topicArn, '--message', `file://${big}`]), { code: 'InvalidParameter', message: 'Invalid parameter: Message too long' });
      const attr = (json: string) => fails(bosun, which, ['sns', 'publish', '--topic-arn', topicArn, '--message', 'x', '--message-attributes', json]);
      assert.deepEqual(attr('{"a":{"DataType":"Float","StringValue":"1"}}'), {
        code: 'ParameterValueInvalid',
        message: "The message attribute 'a' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.",
      });
      assert.deepEqual(attr('{"a":{"DataType":"Number","StringValue":"one"}}'), { code: 'ParameterValueInvalid', message: "Could not cast message attribute 'a' value to number." });
      assert.deepEqual(attr('{"a b":{"DataType":"String","StringValue":"v"}}'), {
        code: 'ParameterValueInvalid',
        message: "Invalid non-alphanumeric character '#x20' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.",
      });
      assert.deepEqual(fails(bosun, which, ['sns', 'publish', '--topic-arn', topicArn, '--message', 'x', '--subject', 'two\nlines']), { code: 'InvalidParameter', message: 'Invalid parameter: Subject' });
      assert.deepEqual(fails(bosun, which, ['sns', 'create-topic', '--name', 'errors', '--attributes', 'DisplayName=Changed']), {
        code: 'InvalidParameter',
        message: 'Invalid parameter: Attributes Reason: Topic already exists with different attributes',
      });
      const attrs = ok(bosun, which, ['sns', 'get-topic-attributes', '--topic-arn', topicArn]).Attributes as Record<string, string>;
      assert.equal(attrs.DisplayName, 'Errors');
    });
  }

  it('the SDK sees typed errors with AWS statuses, and failed publishes deliver nothing', async () => {
    const sns = new SNSClient(sdkConfig(bosun.url));
    await assert.rejects(sns.send(new PublishCommand({ TopicArn: `arn:aws:sns:us-east-1:${testAccount}:nope`, Message: 'x' })), (e: unknown) => {
      assert.ok(e instanceof NotFoundException);
      assert.equal(e.$metadata.httpStatusCode, 404);
      assert.equal(e.$fault, 'client');
      return true;
    });
    await assert.rejects(sns.send(new PublishCommand({ Message: 'x' })), { name: 'InvalidParameterException', message: 'Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter' });
    await assert.rejects(sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: 'nope' })), { name: 'InvalidParameterException' });
    const sqs = new SQSClient(sdkConfig(bosun.url));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }));
    assert.equal(got.Messages, undefined, 'nothing reached the queue');
  });

  it('raw query calls get XML ErrorResponses; a missing required member is SNS-worded', async () => {
    const post = async (body: string) => {
      const res = await fetch(bosun.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      return { status: res.status, text: await res.text() };
    };
    const missingArn = await post('Action=GetTopicAttributes&Version=2010-03-31');
    assert.equal(missingArn.status, 400);
    assert.match(missingArn.text, /<ErrorResponse xmlns="http:\/\/sns\.amazonaws\.com\/doc\/2010-03-31\/"><Error><Type>Sender<\/Type><Code>InvalidParameter<\/Code><Message>Invalid parameter: TopicArn Reason: no value for required parameter<\/Message>/);
    const missingMessage = await post(`Action=Publish&Version=2010-03-31&TopicArn=${encodeURIComponent(topicArn)}`);
    assert.match(missingMessage.text, /<Code>ValidationError<\/Code><Message>1 validation error detected: Value null at &apos;message&apos; failed to satisfy constraint: Member must not be null<\/Message>/);
    const notFound = await post(`Action=DeleteTopic&Version=2010-03-31&TopicArn=${encodeURIComponent(`arn:aws:sns:us-east-1:${testAccount}:never`)}`);
    assert.equal(notFound.status, 200, 'deleting an unknown topic succeeds');
  });
});
