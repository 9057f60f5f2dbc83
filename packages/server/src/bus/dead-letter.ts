import type { ExhaustedCondition } from './backoff.js';

/**
 * The message EventBridge puts on a target's dead-letter queue: the event itself as the body and
 * these message attributes (eb-rule-dlq: RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE,
 * EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS).
 */

export interface MessageAttributeValue {
  DataType: 'String' | 'Number';
  StringValue: string;
}

export interface DeadLetter {
  ruleArn: string;
  targetArn: string;
  errorCode: string;
  errorMessage: string;
  /** Attempts made, the failed one included. */
  attempts: number;
  /** Set when the retry policy ran out; absent when the failure was not retryable. */
  exhausted?: ExhaustedCondition;
}

/** SQS caps attribute values at 256 KiB with the message; error texts are kept far shorter. */
const maxErrorMessage = 1024;

export function deadLetterAttributes(d: DeadLetter): Record<string, MessageAttributeValue> {
  const s = (v: string): MessageAttributeValue => ({ DataType: 'String', StringValue: v });
  const attrs: Record<string, MessageAttributeValue> = {
    RULE_ARN: s(d.ruleArn),
    TARGET_ARN: s(d.targetArn),
    ERROR_CODE: s(d.errorCode),
    ERROR_MESSAGE: s(d.errorMessage.length > maxErrorMessage ? d.errorMessage.slice(0, maxErrorMessage) : d.errorMessage || d.errorCode),
  };
  if (d.exhausted) attrs.EXHAUSTED_RETRY_CONDITION = s(d.exhausted);
  attrs.RETRY_ATTEMPTS = { DataType: 'Number', StringValue: String(Math.max(0, d.attempts - 1)) };
  return attrs;
}
