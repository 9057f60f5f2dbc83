import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addPermission, removePermission } from './permissions.js';

const arn = 'arn:aws:sqs:us-east-1:123456789012:q';

describe('queue permissions', () => {
  it('adds labelled statements as SQS writes them and removes them again', () => {
    const one = addPermission(undefined, arn, 'send', ['111122223333'], ['SendMessage']);
    assert.deepEqual(JSON.parse(one), {
      Version: '2008-10-17',
      Id: `${arn}/SQSDefaultPolicy`,
      Statement: [{ Sid: 'send', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'SQS:SendMessage', Resource: arn }],
    });
    const two = addPermission(one, arn, 'all', ['111122223333', '444455556666'], ['ReceiveMessage', 'DeleteMessage']);
    assert.deepEqual(JSON.parse(two).Statement[1].Action, ['SQS:ReceiveMessage', 'SQS:DeleteMessage']);
    assert.throws(() => addPermission(two, arn, 'send', ['111122223333'], ['SendMessage']), { message: 'Value send for parameter Label is invalid. Reason: Already exists.' });
    assert.throws(() => addPermission(two, arn, 'x', ['111122223333'], ['Fly']), /Value SQS:Fly for parameter ActionName is invalid/);
    assert.equal(JSON.parse(removePermission(two, arn, 'send')!).Statement.length, 1);
    assert.equal(removePermission(one, arn, 'send'), undefined);
    assert.throws(() => removePermission(one, arn, 'nope'), { message: "Value nope for parameter Label is invalid. Reason: can't find label." });
  });
});
