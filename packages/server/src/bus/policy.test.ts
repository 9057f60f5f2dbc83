import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayPutEvents } from './policy.js';
import type { BusRecord, PolicyStatement } from './records.js';

const arn = 'arn:aws:events:us-east-1:111111111111:event-bus/shared';
const bus = (policy: PolicyStatement[]): BusRecord => ({ name: 'shared', arn, accountId: '111111111111', region: 'us-east-1', tags: [], createdAt: 0, modifiedAt: 0, policy });
const allow = (principal: PolicyStatement['Principal'], extra: Partial<PolicyStatement> = {}): PolicyStatement => ({
  Sid: 's',
  Effect: 'Allow',
  Principal: principal,
  Action: 'events:PutEvents',
  Resource: arn,
  ...extra,
});

test('the owning account may always put events', () => {
  assert.equal(mayPutEvents(undefined, arn, '111111111111'), true);
});

test('another account needs a statement naming it or *', () => {
  assert.equal(mayPutEvents(bus([]), arn, '222222222222'), false);
  assert.equal(mayPutEvents(bus([allow({ AWS: 'arn:aws:iam::222222222222:root' })]), arn, '222222222222'), true);
  assert.equal(mayPutEvents(bus([allow({ AWS: 'arn:aws:iam::333333333333:root' })]), arn, '222222222222'), false);
  assert.equal(mayPutEvents(bus([allow('*')]), arn, '222222222222'), true);
});

test('organization conditions do not hold, and Deny wins', () => {
  assert.equal(mayPutEvents(bus([allow('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } })]), arn, '222222222222'), false);
  assert.equal(mayPutEvents(bus([allow('*'), allow({ AWS: '222222222222' }, { Effect: 'Deny' })]), arn, '222222222222'), false);
});
