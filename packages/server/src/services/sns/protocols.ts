import { splitArn } from './arn.js';
import { invalidParam } from './errors.js';
import type { SubscriptionProtocol } from './model.js';

/**
 * Subscription protocols and their endpoints, checked as Subscribe checks them. Bosun delivers to
 * `sqs`, `http`, `https` and (when a function service is wired) `lambda`; the other protocols are
 * accepted and stored so tools that create them keep working, but nothing is sent to them. Pure.
 */

const PROTOCOLS: readonly SubscriptionProtocol[] = ['sqs', 'http', 'https', 'lambda', 'email', 'email-json', 'sms', 'application', 'firehose'];

export function parseProtocol(text: string): SubscriptionProtocol {
  const p = PROTOCOLS.find((x) => x === text.toLowerCase());
  if (!p) throw invalidParam(`Amazon SNS does not support this protocol string: ${text}`);
  return p;
}

/** Protocols whose subscriptions wait for ConfirmSubscription. */
export function needsConfirmation(p: SubscriptionProtocol): boolean {
  return p === 'http' || p === 'https' || p === 'email' || p === 'email-json';
}

const E164 = /^\+[1-9]\d{1,14}$/;

export function checkEndpoint(protocol: SubscriptionProtocol, endpoint: string, fifoTopic: boolean): void {
  switch (protocol) {
    case 'http':
    case 'https': {
      let url: URL | undefined;
      try {
        url = new URL(endpoint);
      } catch {
        url = undefined;
      }
      if (!url || url.protocol !== `${protocol}:`) throw invalidParam('Endpoint must match the specified protocol');
      return;
    }
    case 'sqs': {
      const arn = splitArn(endpoint);
      if (!arn || arn.service !== 'sqs') throw invalidParam('SQS endpoint ARN');
      if (arn.resource.endsWith('.fifo') && !fifoTopic) {
        // AWS repeats the prefix in this one message.
        throw invalidParam('Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics');
      }
      return;
    }
    case 'lambda': {
      const arn = splitArn(endpoint);
      if (!arn || arn.service !== 'lambda') throw invalidParam('Lambda endpoint ARN');
      return;
    }
    case 'firehose': {
      const arn = splitArn(endpoint);
      if (!arn || arn.service !== 'firehose') throw invalidParam('Firehose endpoint ARN');
      return;
    }
    case 'application': {
      if (!splitArn(endpoint)) throw invalidParam('ApplicationEndpoint ARN');
      return;
    }
    case 'sms':
      if (!E164.test(endpoint)) throw invalidParam(`SMS endpoint: ${endpoint}`);
      return;
    case 'email':
    case 'email-json':
      if (!/^[^@\s]+@[^@\s]+$/.test(endpoint)) throw invalidParam('Email address');
      return;
  }
}
