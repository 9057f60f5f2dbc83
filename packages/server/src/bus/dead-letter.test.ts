import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deadLetterAttributes } from './dead-letter.js';

test('a dead letter after exhausted retries names the condition and the retries made', () => {
  assert.deepEqual(
    deadLetterAttributes({ ruleArn: 'r', targetArn: 't', errorCode: 'THROTTLING', errorMessage: 'slow down', attempts: 4, exhausted: 'MaximumRetryAttempts' }),
    {
      RULE_ARN: { DataType: 'String', StringValue: 'r' },
      TARGET_ARN: { DataType: 'String', StringValue: 't' },
      ERROR_CODE: { DataType: 'String', StringValue: 'THROTTLING' },
      ERROR_MESSAGE: { DataType: 'String', StringValue: 'slow down' },
      EXHAUSTED_RETRY_CONDITION: { DataType: 'String', StringValue: 'MaximumRetryAttempts' },
      RETRY_ATTEMPTS: { DataType: 'Number', StringValue: '3' },
    },
  );
});

test('a non-retryable failure has no exhausted condition and zero retries', () => {
  const a = deadLetterAttributes({ ruleArn: 'r', targetArn: 't', errorCode: 'NO_RESOURCE', errorMessage: 'gone', attempts: 1 });
  assert.equal(a.EXHAUSTED_RETRY_CONDITION, undefined);
  assert.equal(a.RETRY_ATTEMPTS?.StringValue, '0');
});
