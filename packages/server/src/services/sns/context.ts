import type { Logger } from 'pino';
import type { Clock, IdSource } from '../../core/index.js';
import type { Item } from '../../storage/index.js';
import type { RequestContext } from '../provider.js';
import { parseTopicArn, type TopicRef } from './arn.js';
import { invalidParam, topicNotFound } from './errors.js';
import type { FilterPolicyMatcher } from './filter-policy-match.js';
import type { TopicRecord } from './model.js';
import type { SnsStore } from './store.js';

/** What every SNS operation module works with. */
export interface SnsContext {
  store: SnsStore;
  clock: Clock;
  ids: IdSource;
  matcher: FilterPolicyMatcher;
  logger: Logger;
  /** Tell the delivery worker that new deliveries are queued. */
  wake(): void;
}

/** The part of a request an operation needs to place and address resources. */
export type CallScope = Pick<RequestContext, 'accountId' | 'region' | 'baseUrl'>;

/**
 * A topic ARN from a request, checked the way SNS checks it: malformed → InvalidParameter,
 * another region → "Invalid parameter: TopicArn", another account → NotFound (Bosun serves one).
 */
export function topicRefIn(scope: CallScope, arn: string, member = 'TopicArn'): TopicRef {
  const ref = parseTopicArn(arn, member);
  if (ref.region !== scope.region) throw invalidParam(member);
  if (ref.accountId !== scope.accountId) throw topicNotFound();
  return ref;
}

export async function requireTopic(ctx: SnsContext, scope: CallScope, arn: string, member = 'TopicArn'): Promise<Item<TopicRecord>> {
  const ref = topicRefIn(scope, arn, member);
  const item = await ctx.store.getTopic(ref.arn);
  if (!item) throw topicNotFound();
  return item;
}

/** Opaque page tokens: the last key of the previous page, base64url. */
export function encodeToken(lastKey: string): string {
  return Buffer.from(lastKey, 'utf8').toString('base64url');
}

export function decodeToken(token: string | undefined, prefix: string): string | undefined {
  if (token === undefined || token === '') return undefined;
  const key = Buffer.from(token, 'base64url').toString('utf8');
  if (!key.startsWith(prefix)) throw invalidParam('NextToken');
  return key;
}

export const PAGE_SIZE = 100;
