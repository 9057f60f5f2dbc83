import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { logsHarness, type LogsHarness } from '../services/logs/testing.js';
import { LogGroupTarget, logEventOf } from './log-group.js';
import type { DeliveryRequest } from './target.js';

const event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'Thing Happened',
  source: 'bosun.test',
  account: '123456789012',
  time: '2026-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: { result: 'SUCCESS' },
};

function request(overrides: Partial<DeliveryRequest> = {}): DeliveryRequest {
  const text = JSON.stringify(event);
  return {
    targetArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/events/test',
    target: { Id: 't1', Arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/events/test' },
    input: text,
    event: text,
    eventId: event.id,
    ruleArn: 'arn:aws:events:us-east-1:123456789012:rule/r',
    accountId: '123456789012',
    region: 'us-east-1',
    ...overrides,
  };
}

describe('log group target', () => {
  let h: LogsHarness;
  let target: LogGroupTarget;
  before(async () => {
    h = await logsHarness();
    target = new LogGroupTarget(() => h.service.writer, () => h.clock.now());
  });
  after(() => h.dispose());

  it('writes the whole event, stamped with its time, to a stream named after the event id', async () => {
    await h.call('CreateLogGroup', { logGroupName: '/aws/events/test' });
    assert.deepEqual(await target.deliver(request()), { ok: true });
    const got = await h.call<{ events: { timestamp: number; message: string }[] }>('GetLogEvents', { logGroupName: '/aws/events/test', logStreamName: event.id, startFromHead: true });
    assert.deepEqual(got.events.map((e) => [e.timestamp, e.message]), [[Date.UTC(2026, 0, 1), JSON.stringify(event)]]);
  });

  it('takes timestamp and message from an input transformer', () => {
    const shaped = logEventOf(request({ target: { InputTransformer: {} }, input: '{"timestamp":"2026-01-01T00:00:05Z","message":"SUCCESS from bosun.test"}' }), 0);
    assert.deepEqual(shaped, { timestamp: Date.UTC(2026, 0, 1, 0, 0, 5), message: 'SUCCESS from bosun.test' });
    const plain = logEventOf(request({ target: { InputTransformer: {} }, input: 'just text' }), 0);
    assert.deepEqual(plain, { timestamp: Date.UTC(2026, 0, 1), message: 'just text' });
  });

  it('reports a missing group as not retryable', async () => {
    const outcome = await target.deliver(request({ targetArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/missing' }));
    assert.deepEqual(outcome, { ok: false, retryable: false, errorCode: 'NO_RESOURCE', errorMessage: 'The specified log group does not exist.' });
    assert.equal(target.accepts('arn:aws:logs:us-east-1:123456789012:log-group:/x'), true);
    assert.equal(target.accepts('arn:aws:sqs:us-east-1:123456789012:q'), false);
  });
});
