import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serviceModels } from './models/index.js';
import { validateInput } from './validate.js';

const events = serviceModels.events;

describe('model validation, worded as AWS Coral words it', () => {
  it('reports a missing required member', () => {
    assert.deepEqual(validateInput(events, 'PutRuleRequest', {}), [
      "Value null at 'name' failed to satisfy constraint: Member must not be null",
    ]);
  });

  it('reports pattern, length and enum violations with their paths', () => {
    const messages = validateInput(events, 'PutRuleRequest', { Name: 'bad name!', State: 'ON', Description: 'x'.repeat(513) });
    assert.ok(messages.some((m) => m.startsWith("Value 'bad name!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern:")));
    assert.ok(messages.includes("Value 'ON' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]"), messages.join('\n'));
    assert.ok(messages.some((m) => m.endsWith("at 'description' failed to satisfy constraint: Member must have length less than or equal to 512")));
  });

  it('indexes list members from 1 in paths', () => {
    const messages = validateInput(events, 'PutTargetsRequest', { Rule: 'r', Targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:1:q' }, { Id: 't2' }] });
    assert.deepEqual(messages, ["Value null at 'targets.2.member.arn' failed to satisfy constraint: Member must not be null"]);
  });

  it('reports list length bounds', () => {
    const messages = validateInput(events, 'PutEventsRequest', { Entries: [] });
    assert.deepEqual(messages, ["Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1"]);
  });

  it('accepts a valid input', () => {
    assert.deepEqual(validateInput(events, 'PutRuleRequest', { Name: 'my-rule', EventPattern: '{}' }), []);
  });
});
