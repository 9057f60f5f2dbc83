import { invalidParameterValue } from './errors.js';

/**
 * Queue names, ARNs and URLs. A queue is identified by (region, account, name); its ARN is
 * `arn:<partition>:sqs:<region>:<account>:<name>` and its URL `<base>/<account>/<name>`, where
 * `<base>` is however the client addressed Bosun. Pure.
 */

export interface QueueLocation {
  region: string;
  accountId: string;
  name: string;
}

const NAME = /^[A-Za-z0-9_-]{1,80}$/;

/** https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html (QueueName). */
export function validateQueueName(name: string, fifo: boolean): void {
  if (name === '') throw invalidParameterValue('Queue name cannot be empty');
  if (fifo) {
    // The .fifo suffix counts towards the 80-character limit.
    if (!name.endsWith('.fifo') || !NAME.test(`${name.slice(0, -5)}_fifo`)) {
      throw invalidParameterValue(
        'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.',
      );
    }
    return;
  }
  if (!NAME.test(name)) throw invalidParameterValue('Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function queueArn(loc: QueueLocation): string {
  return `arn:${partitionOf(loc.region)}:sqs:${loc.region}:${loc.accountId}:${loc.name}`;
}

export function parseQueueArn(arn: string): QueueLocation | undefined {
  const parts = arn.split(':');
  if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== 'sqs' || !parts[3] || !parts[4] || !parts[5]) return undefined;
  return { region: parts[3], accountId: parts[4], name: parts[5] };
}

export function queueUrl(baseUrl: string, loc: QueueLocation): string {
  return `${baseUrl.replace(/\/+$/, '')}/${loc.accountId}/${loc.name}`;
}

const ACCOUNT = /^\d{12}$/;

/**
 * Where a QueueUrl points. SDKs send whatever URL they were given, so any host is accepted:
 * `http://host/<account>/<name>`, AWS's `https://sqs.<region>.amazonaws.com/<account>/<name>`,
 * LocalStack's `…/queue/<region>/<account>/<name>`, and a bare queue name (which SQS also accepts).
 * The region comes from the URL when it names one, else from the request.
 */
export function parseQueueUrl(url: string, defaults: { region: string; accountId: string }): QueueLocation | undefined {
  if (!url.includes('/')) return url ? { ...defaults, name: url } : undefined;
  let path: string;
  let host = '';
  try {
    const parsed = new URL(url);
    path = parsed.pathname;
    host = parsed.hostname;
  } catch {
    path = url;
  }
  const segments = path.split('/').filter((s) => s !== '').map(safeDecode);
  const name = segments.at(-1);
  if (!name) return undefined;
  const account = segments.at(-2);
  const accountId = account !== undefined && ACCOUNT.test(account) ? account : undefined;
  if (segments.length >= 2 && !accountId) return undefined;
  const region = regionFromPath(segments) ?? regionFromHost(host) ?? defaults.region;
  return { region, accountId: accountId ?? defaults.accountId, name };
}

function regionFromPath(segments: string[]): string | undefined {
  const i = segments.indexOf('queue');
  return i >= 0 && segments.length - i === 4 ? segments[i + 1] : undefined;
}

function regionFromHost(host: string): string | undefined {
  const m = /^(?:sqs\.([a-z0-9-]+)\.|([a-z0-9-]+)\.queue\.)/.exec(host);
  const region = m?.[1] ?? m?.[2];
  return region && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region) ? region : undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
