import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stsProvider } from '../services/sts/index.js';
import { SequentialIds, ManualClock } from '../core/index.js';
import { Dispatcher } from './dispatch.js';
import { providerOf, serviceModels } from './models/index.js';
import { Router } from './route.js';
import type { WireRequest, WireResponse } from './wire-types.js';

const dispatcher = new Dispatcher(new Router(serviceModels), new Map([['sts', stsProvider({ clock: new ManualClock(), ids: new SequentialIds() })]]), providerOf);
const base = { accountId: '123456789012', region: 'eu-west-1', requestId: 'req-1', baseUrl: 'http://localhost:4566' };

function request(partial: Omit<Partial<WireRequest>, 'body'> & { body?: Buffer | string }): WireRequest {
  const body = typeof partial.body === 'string' ? Buffer.from(partial.body) : partial.body ?? Buffer.alloc(0);
  return { method: 'POST', path: '/', query: new URLSearchParams(), headers: {}, ...partial, body };
}

function json(target: string, body: string): WireRequest {
  return request({ headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1' }, body });
}

function form(params: Record<string, string>): WireRequest {
  return request({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() });
}

async function call(req: WireRequest, scope?: string): Promise<WireResponse> {
  const res = await dispatcher.handle(req, base, scope);
  assert.ok(res, 'expected an AWS response');
  return res;
}

function jsonBody(res: WireResponse): Record<string, unknown> {
  return JSON.parse(String(res.body)) as Record<string, unknown>;
}

describe('JSON protocol (awsJson1_0 / awsJson1_1)', () => {
  it('answers an unknown X-Amz-Target with UnknownOperationException', async () => {
    const res = await call(json('AWSEvents.NoSuchOperation', '{}'));
    assert.equal(res.status, 400);
    assert.equal(jsonBody(res).__type, 'UnknownOperationException');
    assert.equal(res.headers['content-type'], 'application/x-amz-json-1.1');
  });

  it('answers a JSON body without X-Amz-Target with UnknownOperationException and no message, as AWS does', async () => {
    const res = await call(request({ headers: { 'content-type': 'application/x-amz-json-1.1' }, body: '{}' }));
    assert.equal(res.status, 400);
    assert.deepEqual(jsonBody(res), { __type: 'UnknownOperationException' });
  });

  it('answers an unknown target prefix with UnknownOperationException', async () => {
    const res = await call(json('NoSuchService_2020.ListThings', '{}'));
    assert.equal(res.status, 400);
    assert.equal(jsonBody(res).__type, 'UnknownOperationException');
  });

  it('answers a malformed JSON body with SerializationException', async () => {
    const res = await call(json('AWSEvents.ListRules', '{"Name'));
    assert.equal(res.status, 400);
    assert.equal(jsonBody(res).__type, 'SerializationException');
  });

  it('answers a wrongly typed member with SerializationException', async () => {
    const res = await call(json('AWSEvents.ListRules', '{"Limit":"ten"}'));
    assert.equal(res.status, 400);
    assert.equal(jsonBody(res).__type, 'SerializationException');
  });

  it('answers an operation Bosun does not implement with a clean 501 naming it', async () => {
    const res = await call(json('AmazonSSM.ListDocuments', '{}'));
    assert.equal(res.status, 501);
    const body = jsonBody(res);
    assert.equal(body.__type, 'NotImplemented');
    assert.match(String(body.message), /ListDocuments/);
  });

  it('uses the JSON version of the service in content-type (SQS speaks 1.0)', async () => {
    const res = await call(request({ headers: { 'x-amz-target': 'AmazonSQS.Nope' }, body: '{}' }));
    assert.equal(res.headers['content-type'], 'application/x-amz-json-1.0');
  });
});

describe('query protocol (awsQuery)', () => {
  it('answers GetCallerIdentity with the configured account in XML', async () => {
    const res = await call(form({ Action: 'GetCallerIdentity', Version: '2011-06-15' }));
    assert.equal(res.status, 200);
    const xml = String(res.body);
    assert.match(xml, /<GetCallerIdentityResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/">/);
    assert.match(xml, /<GetCallerIdentityResult>.*<Account>123456789012<\/Account>.*<\/GetCallerIdentityResult>/);
    assert.match(xml, /<RequestId>req-1<\/RequestId>/);
  });

  it('answers an unknown Action with InvalidAction', async () => {
    const res = await call(form({ Action: 'NoSuchAction', Version: '2011-06-15' }));
    assert.equal(res.status, 400);
    assert.match(String(res.body), /<Code>InvalidAction<\/Code>/);
    assert.match(String(res.body), /<Type>Sender<\/Type>/);
  });

  it('answers a form with no Action with MissingAction', async () => {
    const res = await call(form({ Version: '2011-06-15' }));
    assert.equal(res.status, 400);
    assert.match(String(res.body), /<Code>MissingAction<\/Code>/);
  });

  it('answers a missing required parameter with ValidationError worded as AWS does', async () => {
    const res = await call(form({ Action: 'AssumeRole', Version: '2011-06-15', RoleSessionName: 'session' }));
    assert.equal(res.status, 400);
    assert.match(String(res.body), /<Code>ValidationError<\/Code>/);
    assert.match(String(res.body), /1 validation error detected: Value null at &apos;roleArn&apos; failed to satisfy constraint: Member must not be null/);
  });

  it('answers an unimplemented query operation with a 501 naming it', async () => {
    const res = await call(form({ Action: 'ListTopics', Version: '2010-03-31' }));
    assert.equal(res.status, 501);
    assert.match(String(res.body), /<Code>NotImplemented<\/Code>.*ListTopics/);
  });

  it('answers an invalid integer parameter with InvalidParameterValue', async () => {
    const res = await call(form({ Action: 'GetSessionToken', Version: '2011-06-15', DurationSeconds: 'soon' }));
    assert.equal(res.status, 400);
    assert.match(String(res.body), /<Code>InvalidParameterValue<\/Code>/);
  });

  it('routes SQS query calls (Debian aws CLI) by Version to the query model', async () => {
    const res = await call(form({ Action: 'ListQueues', Version: '2012-11-05' }), 'sqs');
    assert.equal(res.status, 501);
    assert.match(String(res.body), /<ErrorResponse xmlns="http:\/\/queue.amazonaws.com\/doc\/2012-11-05\/">/);
  });
});

describe('rest-json protocol (Lambda)', () => {
  it('routes by method and path and answers an unimplemented operation with x-amzn-errortype', async () => {
    const res = await call(request({ method: 'GET', path: '/2015-03-31/functions/my-fn' }));
    assert.equal(res.status, 501);
    assert.equal(res.headers['x-amzn-errortype'], 'NotImplemented');
    assert.match(String(jsonBody(res).message), /GetFunction/);
  });

  it('leaves requests that are no AWS call to others', async () => {
    assert.equal(await dispatcher.handle(request({ method: 'GET', path: '/v2/' }), base, undefined), undefined);
  });
});
