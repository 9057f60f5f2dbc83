import type { AwsError } from '../../errors/index.js';
import { invalidParam } from './errors.js';

/**
 * SNS ARNs: topics are `arn:<partition>:sns:<region>:<account>:<name>`, subscriptions add
 * `:<uuid>`. Parsing errors carry SNS's wording ("Invalid parameter: TopicArn Reason: An ARN must
 * have at least 6 elements, not 1"). Pure.
 */

export interface TopicRef {
  partition: string;
  region: string;
  accountId: string;
  name: string;
  arn: string;
}

export interface SubscriptionRef {
  topic: TopicRef;
  id: string;
  arn: string;
}

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const FIFO_TOPIC_NAME = /^[A-Za-z0-9_-]{1,251}\.fifo$/;
const SUBSCRIPTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function topicArnOf(region: string, accountId: string, name: string): string {
  return `arn:${partitionOf(region)}:sns:${region}:${accountId}:${name}`;
}

export function isFifoTopicName(name: string): boolean {
  return name.endsWith('.fifo');
}

/** Whether a name is valid for a standard (`fifo` false) or FIFO topic. */
export function validTopicName(name: string, fifo: boolean): boolean {
  return fifo ? FIFO_TOPIC_NAME.test(name) : TOPIC_NAME.test(name);
}

function tooShort(member: string, count: number): AwsError {
  return invalidParam(`${member} Reason: An ARN must have at least 6 elements, not ${count}`);
}

/** Parses a topic ARN; `member` names the parameter in errors (TopicArn, TargetArn, ResourceArn). */
export function parseTopicArn(arn: string, member = 'TopicArn'): TopicRef {
  const parts = arn.split(':');
  if (parts.length < 6) throw tooShort(member, parts.length);
  const [prefix, partition, service, region, accountId, ...rest] = parts;
  const name = rest.join(':');
  if (prefix !== 'arn' || service !== 'sns' || !region || !/^\d{12}$/.test(accountId) || !TOPIC_NAME.test(name.replace(/\.fifo$/, ''))) {
    throw invalidParam(member);
  }
  return { partition, region, accountId, name, arn };
}

/**
 * Parses a subscription ARN. Six elements (a topic ARN) is SNS's "SubscriptionId" error; anything
 * else malformed is "SubscriptionArn".
 */
export function parseSubscriptionArn(arn: string): SubscriptionRef {
  const parts = arn.split(':');
  if (parts.length < 6) throw tooShort('SubscriptionArn', parts.length);
  if (parts.length === 6) throw invalidParam('SubscriptionId');
  const id = parts[parts.length - 1];
  const topicArn = parts.slice(0, -1).join(':');
  let topic: TopicRef;
  try {
    topic = parseTopicArn(topicArn, 'SubscriptionArn');
  } catch {
    throw invalidParam('SubscriptionArn');
  }
  if (!SUBSCRIPTION_ID.test(id)) throw invalidParam('SubscriptionId');
  return { topic, id, arn };
}

/** A generic ARN split (for SQS queue, Lambda function and dead-letter ARNs); undefined if not an ARN. */
export function splitArn(arn: string): { partition: string; service: string; region: string; accountId: string; resource: string } | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, accountId, ...rest] = parts;
  const resource = rest.join(':');
  if (!partition || !service || !resource) return undefined;
  return { partition, service, region, accountId, resource };
}
