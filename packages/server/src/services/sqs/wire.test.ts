import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Dispatcher, providerOf, Router, serviceModels, type WireRequest, type WireResponse } from '../../wire/index.js';
import { account, base, sqsHarness, urlOf, type SqsHarness } from './testing.js';

/** SQS through the wire layer: the same provider on AWS JSON 1.0 and on the query protocol. */
describe('SQS on both wire protocols', () => {
  let h: SqsHarness;
  let dispatcher: Dispatcher;
  before(async () => {
    h = await sqsHarness();
    dispatcher = new Dispatcher(new Router(serviceModels), new Map([['sqs', h.service.provider]]), providerOf);
    await h.call('CreateQueue', { QueueName: 'q' });
  });
  after(async () => {
    await h.dispose();
  });

  const call = async (req: Omit<WireRequest, 'method' | 'path' | 'query'>): Promise<WireResponse> => {
    const res = await dispatcher.handle({ method: 'POST', path: '/', query: new URLSearchParams(), ...req }, { accountId: account, region: 'us-east-1', requestId: 'req-1', baseUrl: base }, 'sqs');
    assert.ok(res);
    return res;
  };
  const json = (operation: string, body: object) =>
    call({ headers: { 'x-amz-target': `AmazonSQS.${operation}`, 'content-type': 'application/x-amz-json-1.0' }, body: Buffer.from(JSON.stringify(body)) });
  const query = (params: Record<string, string>) =>
    call({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(new URLSearchParams({ Version: '2012-11-05', ...params }).toString()) });

  it('answers a missing queue with the JSON code, the query code in x-amzn-query-error, and the legacy code on query', async () => {
    const j = await json('GetQueueUrl', { QueueName: 'nope' });
    assert.equal(j.status, 400);
    assert.deepEqual(JSON.parse(String(j.body)), { __type: 'QueueDoesNotExist', message: 'The specified queue does not exist.' });
    assert.equal(j.headers['x-amzn-query-error'], 'AWS.SimpleQueueService.NonExistentQueue;Sender');
    const q = await query({ Action: 'GetQueueUrl', QueueName: 'nope' });
    assert.equal(q.status, 400);
    assert.match(String(q.body), /<Code>AWS\.SimpleQueueService\.NonExistentQueue<\/Code><Message>The specified queue does not exist for this wsdl version\.<\/Message>/);
  });

  it('answers a missing parameter with MissingParameter', async () => {
    const j = await json('SendMessage', { MessageBody: 'x' });
    assert.equal(JSON.parse(String(j.body)).message, 'The request must contain the parameter QueueUrl.');
    assert.equal(j.headers['x-amzn-query-error'], 'MissingParameter;Sender');
    const q = await query({ Action: 'CreateQueue' });
    assert.match(String(q.body), /<Code>InvalidParameterValue<\/Code><Message>Value for parameter QueueName is invalid\. Reason: Must specify a queue name\.<\/Message>/);
  });

  it('decodes query lists sent under their member name (AttributeName.1, SendMessageBatchRequestEntry.1)', async () => {
    const batch = await query({
      Action: 'SendMessageBatch',
      QueueUrl: urlOf('q'),
      'SendMessageBatchRequestEntry.1.Id': 'a',
      'SendMessageBatchRequestEntry.1.MessageBody': 'one',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Name': 'k',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType': 'String',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue': 'v',
    });
    assert.equal(batch.status, 200, String(batch.body));
    assert.match(String(batch.body), /<SendMessageBatchResultEntry><Id>a<\/Id>/);
    const r = await query({ Action: 'ReceiveMessage', QueueUrl: urlOf('q'), 'AttributeName.1': 'SentTimestamp', 'MessageAttributeName.1': 'All' });
    const xml = String(r.body);
    assert.match(xml, /<Message><MessageId>[^<]+<\/MessageId><ReceiptHandle>[^<]+<\/ReceiptHandle><MD5OfBody>f97c5d29941bfb1b2fdab0874906ab82<\/MD5OfBody><Body>one<\/Body>/);
    assert.match(xml, /<Attribute><Name>SentTimestamp<\/Name><Value>\d+<\/Value><\/Attribute>/);
    assert.match(xml, /<MessageAttribute><Name>k<\/Name><Value><StringValue>v<\/StringValue><DataType>String<\/DataType><\/Value><\/MessageAttribute>/);
  });

  it('decodes TagQueue tags sent as Tag.N (the map shape names them)', async () => {
    const r = await query({ Action: 'TagQueue', QueueUrl: urlOf('q'), 'Tag.1.Key': 'env', 'Tag.1.Value': 'dev' });
    assert.equal(r.status, 200, String(r.body));
    const tags = await query({ Action: 'ListQueueTags', QueueUrl: urlOf('q') });
    assert.match(String(tags.body), /<Tag><Key>env<\/Key><Value>dev<\/Value><\/Tag>/);
  });

  it('accepts message attribute names in ReceiveMessage AttributeNames, as SQS does', async () => {
    await h.call('SendMessage', { QueueUrl: urlOf('q'), MessageBody: 'x' });
    const r = await json('ReceiveMessage', { QueueUrl: urlOf('q'), AttributeNames: ['ApproximateReceiveCount'], MaxNumberOfMessages: 10 });
    assert.equal(r.status, 200, String(r.body));
    const { Messages } = JSON.parse(String(r.body)) as { Messages: { Attributes: Record<string, string> }[] };
    assert.equal(Messages[0].Attributes.ApproximateReceiveCount, '1');
    const bad = await json('GetQueueAttributes', { QueueUrl: urlOf('q'), AttributeNames: ['Bogus'] });
    assert.deepEqual(JSON.parse(String(bad.body)), { __type: 'InvalidAttributeName', message: 'Unknown Attribute Bogus.' });
  });

  it('omits empty batch result lists on JSON', async () => {
    const r = await json('DeleteMessageBatch', { QueueUrl: urlOf('q'), Entries: [{ Id: 'x', ReceiptHandle: 'dummy' }] });
    assert.deepEqual(JSON.parse(String(r.body)), { Failed: [{ Id: 'x', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: 'The input receipt handle "dummy" is not valid.' }] });
  });
});
