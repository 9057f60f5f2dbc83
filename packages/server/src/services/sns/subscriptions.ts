import type { RequestContext } from '../provider.js';
import { parseSubscriptionArn, parseTopicArn, partitionOf } from './arn.js';
import { decodeToken, encodeToken, PAGE_SIZE, requireTopic, type CallScope, type SnsContext } from './context.js';
import { invalidParam, subscriptionNotFound, topicNotFound } from './errors.js';
import { confirmationDelivery, unsubscribeConfirmationDelivery } from './messages.js';
import {
  SUBSCRIPTIONS,
  type ConfirmSubscriptionInput,
  type ConfirmSubscriptionResponse,
  type GetSubscriptionAttributesInput,
  type GetSubscriptionAttributesResponse,
  type ListSubscriptionsByTopicInput,
  type ListSubscriptionsByTopicResponse,
  type ListSubscriptionsInput,
  type ListSubscriptionsResponse,
  type SetSubscriptionAttributesInput,
  type Subscription,
  type SubscribeInput,
  type SubscribeResponse,
  type SubscriptionRecord,
  type UnsubscribeInput,
} from './model.js';
import { checkEndpoint, needsConfirmation, parseProtocol } from './protocols.js';
import { checkSubscriptionAttributes, normaliseSubscriptionAttribute, renderSubscriptionAttributes } from './subscription-attributes.js';

/** Subscribe, ConfirmSubscription, Unsubscribe, ListSubscriptions(ByTopic), Get/SetSubscriptionAttributes. */

export async function subscribe(ctx: SnsContext, scope: CallScope, input: SubscribeInput): Promise<SubscribeResponse> {
  const topic = (await requireTopic(ctx, scope, input.TopicArn)).value;
  const protocol = parseProtocol(input.Protocol);
  const endpoint = input.Endpoint ?? '';
  checkEndpoint(protocol, endpoint, topic.fifo);
  const given = input.Attributes ?? {};
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(given)) attributes[k] = normaliseSubscriptionAttribute(k, v);
  const problem = checkSubscriptionAttributes({ protocol, endpoint, topicArn: topic.arn }, attributes, Object.keys(attributes));
  if (problem) throw invalidParam(`Attributes Reason: ${problem}`);

  const existing = (await ctx.store.subscriptionsOf(topic.arn)).find((s) => s.value.protocol === protocol && s.value.endpoint === endpoint);
  if (existing) {
    // Subscribe is idempotent for the same endpoint, unless attributes differ.
    const differs = Object.entries(attributes).some(([k, v]) => (existing.value.attributes[k] ?? '') !== v);
    if (differs) throw invalidParam('Attributes Reason: Subscription already exists with different attributes');
    return { SubscriptionArn: shownArn(existing.value, input.ReturnSubscriptionArn) };
  }

  const pending = needsConfirmation(protocol);
  const sub: SubscriptionRecord = {
    arn: `${topic.arn}:${ctx.ids.uuid()}`,
    topicArn: topic.arn,
    owner: scope.accountId,
    protocol,
    endpoint,
    attributes,
    pendingConfirmation: pending,
    confirmationWasAuthenticated: !pending,
    token: pending ? ctx.ids.hex(128) : undefined,
    createdAt: ctx.clock.now(),
  };
  const confirm = protocol === 'http' || protocol === 'https' ? [confirmationDelivery(ctx, topic, sub, scope.baseUrl)] : [];
  await ctx.store.commit({ writes: [{ op: 'put', table: SUBSCRIPTIONS, key: sub.arn, value: sub, ifVersion: 0 }], deliveries: confirm });
  if (confirm.length) ctx.wake();
  ctx.logger.info({ subscriptionArn: sub.arn, protocol, endpoint }, 'sns subscription created');
  return { SubscriptionArn: shownArn(sub, input.ReturnSubscriptionArn) };
}

function shownArn(sub: SubscriptionRecord, returnArn: boolean | undefined): string {
  return sub.pendingConfirmation && !returnArn ? 'pending confirmation' : sub.arn;
}

/**
 * ConfirmSubscription is often an unsigned GET of the SubscribeURL, so the topic's own ARN (not
 * the request's credential scope) says where to look.
 */
export async function confirmSubscription(ctx: SnsContext, call: RequestContext, input: ConfirmSubscriptionInput): Promise<ConfirmSubscriptionResponse> {
  let topicArn;
  try {
    topicArn = parseTopicArn(input.TopicArn).arn;
  } catch {
    throw invalidParam('Topic');
  }
  if (!(await ctx.store.getTopic(topicArn))) throw topicNotFound();
  const match = (await ctx.store.subscriptionsOf(topicArn)).find((s) => s.value.token === input.Token);
  if (!match) throw invalidParam('Token');
  const confirmed = await ctx.store.update<SubscriptionRecord>(
    SUBSCRIPTIONS,
    match.key,
    (sub) =>
      sub.pendingConfirmation
        ? {
            ...sub,
            pendingConfirmation: false,
            confirmationWasAuthenticated: call.accessKeyId !== undefined || input.AuthenticateOnUnsubscribe === 'true',
          }
        : undefined,
    () => invalidParam('Token'),
  );
  ctx.logger.info({ subscriptionArn: confirmed.arn }, 'sns subscription confirmed');
  return { SubscriptionArn: confirmed.arn };
}

/**
 * Unsubscribe is idempotent: an unknown (well-formed) subscription succeeds. A confirmed HTTP/S
 * endpoint is told with an UnsubscribeConfirmation, as SNS does.
 */
export async function unsubscribe(ctx: SnsContext, scope: CallScope, input: UnsubscribeInput): Promise<void> {
  const ref = parseSubscriptionArn(input.SubscriptionArn);
  const sub = await ctx.store.getSubscription(ref.arn);
  if (!sub) return;
  const http = (sub.value.protocol === 'http' || sub.value.protocol === 'https') && !sub.value.pendingConfirmation;
  const topic = http ? await ctx.store.getTopic(sub.value.topicArn) : undefined;
  const notice = http ? [unsubscribeConfirmationDelivery(ctx, topic?.value, sub.value, scope.baseUrl)] : [];
  await ctx.store.commit({ writes: [{ op: 'delete', table: SUBSCRIPTIONS, key: ref.arn }], deliveries: notice });
  if (notice.length) ctx.wake();
  ctx.logger.info({ subscriptionArn: ref.arn }, 'sns subscription deleted');
}

function listed(sub: SubscriptionRecord): Subscription {
  return {
    SubscriptionArn: sub.pendingConfirmation ? 'PendingConfirmation' : sub.arn,
    Owner: sub.owner,
    Protocol: sub.protocol,
    Endpoint: sub.endpoint,
    TopicArn: sub.topicArn,
  };
}

async function page(ctx: SnsContext, prefix: string, token: string | undefined): Promise<ListSubscriptionsResponse> {
  const startAfter = decodeToken(token, prefix);
  const subs = await ctx.store.listSubscriptions(prefix, startAfter, PAGE_SIZE + 1);
  const shown = subs.slice(0, PAGE_SIZE);
  return { Subscriptions: shown.map(listed), NextToken: subs.length > PAGE_SIZE ? encodeToken(shown[shown.length - 1].arn) : undefined };
}

export function listSubscriptions(ctx: SnsContext, scope: CallScope, input: ListSubscriptionsInput): Promise<ListSubscriptionsResponse> {
  return page(ctx, `arn:${partitionOf(scope.region)}:sns:${scope.region}:${scope.accountId}:`, input.NextToken);
}

export async function listSubscriptionsByTopic(ctx: SnsContext, scope: CallScope, input: ListSubscriptionsByTopicInput): Promise<ListSubscriptionsByTopicResponse> {
  const topic = await requireTopic(ctx, scope, input.TopicArn);
  return page(ctx, `${topic.value.arn}:`, input.NextToken);
}

export async function getSubscriptionAttributes(ctx: SnsContext, input: GetSubscriptionAttributesInput): Promise<GetSubscriptionAttributesResponse> {
  const ref = parseSubscriptionArn(input.SubscriptionArn);
  const sub = await ctx.store.getSubscription(ref.arn);
  if (!sub) throw subscriptionNotFound();
  const topic = await ctx.store.getTopic(sub.value.topicArn);
  return { Attributes: renderSubscriptionAttributes(sub.value, topic?.value) };
}

export async function setSubscriptionAttributes(ctx: SnsContext, input: SetSubscriptionAttributesInput): Promise<void> {
  const ref = parseSubscriptionArn(input.SubscriptionArn);
  const name = input.AttributeName;
  const value = normaliseSubscriptionAttribute(name, input.AttributeValue ?? '');
  await ctx.store.update<SubscriptionRecord>(
    SUBSCRIPTIONS,
    ref.arn,
    (sub) => {
      const attributes = { ...sub.attributes, [name]: value };
      const problem = checkSubscriptionAttributes(sub, attributes, [name]);
      if (problem) throw invalidParam(problem);
      if (value === '') delete attributes[name];
      return { ...sub, attributes };
    },
    subscriptionNotFound,
  );
}
