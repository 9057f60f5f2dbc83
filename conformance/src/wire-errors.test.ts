import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ListDocumentsCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetFederationTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { awsCli, sdkConfig, startBosun, type BosunProcess } from './harness.js';

/**
 * AWS's error shapes over real HTTP, per protocol: what an SDK or the CLI sees for an operation
 * Bosun does not implement, a malformed body, a missing required member, an unknown operation.
 */

async function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('wire errors over HTTP, per protocol', () => {
  let bosun: BosunProcess;
  before(async () => {
    bosun = await startBosun();
  });
  after(async () => {
    await bosun.dispose();
  });

  describe('JSON (awsJson1_1)', () => {
    it('an unimplemented operation reaches the SDK as NotImplemented (501) naming it', async () => {
      const ssm = new SSMClient(sdkConfig(bosun.url));
      await assert.rejects(ssm.send(new ListDocumentsCommand({})), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(e.name, 'NotImplemented');
        assert.equal(e.$metadata?.httpStatusCode, 501);
        assert.match(e.message, /ListDocuments/);
        return true;
      });
    });

    it('a malformed body is a SerializationException', async () => {
      const r = await post(bosun.url, { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.ListRules' }, '{"NamePrefix": ');
      assert.equal(r.status, 400);
      assert.equal((JSON.parse(r.text) as { __type: string }).__type, 'SerializationException');
    });

    it('a missing required member is a ValidationException worded as AWS words it', async () => {
      const r = await post(bosun.url, { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.DescribeRule' }, '{}');
      assert.equal(r.status, 400);
      assert.deepEqual(JSON.parse(r.text), {
        __type: 'ValidationException',
        message: "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
      });
    });

    it('an unknown X-Amz-Target is an UnknownOperationException', async () => {
      const r = await post(bosun.url, { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.FlyToTheMoon' }, '{}');
      assert.equal(r.status, 400);
      assert.deepEqual(JSON.parse(r.text), { __type: 'UnknownOperationException' });
    });

    it('the aws CLI prints the error code and message', () => {
      const r = awsCli('v1', bosun.url, ['events', 'describe-rule', '--name', 'nope']);
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /ResourceNotFoundException/);
    });
  });

  describe('query (awsQuery)', () => {
    it('an unimplemented operation reaches the SDK as NotImplemented (501)', async () => {
      const sts = new STSClient(sdkConfig(bosun.url));
      await assert.rejects(sts.send(new GetFederationTokenCommand({ Name: 'someone' })), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(e.name, 'NotImplemented');
        assert.equal(e.$metadata?.httpStatusCode, 501);
        return true;
      });
    });

    it('an unknown Action is InvalidAction in an ErrorResponse', async () => {
      const r = await post(bosun.url, { 'content-type': 'application/x-www-form-urlencoded' }, 'Action=FlyToTheMoon&Version=2011-06-15');
      assert.equal(r.status, 400);
      assert.match(r.text, /<ErrorResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code>/);
    });

    it('a missing required parameter is a ValidationError', async () => {
      const r = await post(bosun.url, { 'content-type': 'application/x-www-form-urlencoded' }, 'Action=AssumeRole&Version=2011-06-15&RoleSessionName=session');
      assert.equal(r.status, 400);
      assert.match(r.text, /<Code>ValidationError<\/Code><Message>1 validation error detected: Value null at &apos;roleArn&apos; failed to satisfy constraint: Member must not be null<\/Message>/);
    });

    it('Debian aws CLI 2.9 prints the query error code', () => {
      const r = awsCli('v2', bosun.url, ['sqs', 'get-queue-url', '--queue-name', 'missing']);
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /AWS\.SimpleQueueService\.NonExistentQueue/);
    });
  });

  describe('rest-json (Lambda)', () => {
    it('an unimplemented operation reaches the SDK as NotImplemented (501)', async () => {
      const lambda = new LambdaClient(sdkConfig(bosun.url));
      await assert.rejects(lambda.send(new GetFunctionCommand({ FunctionName: 'f' })), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(e.name, 'NotImplemented');
        assert.equal(e.$metadata?.httpStatusCode, 501);
        return true;
      });
    });
  });
});
