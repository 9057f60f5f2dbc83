import { validationError, validationException, type AwsError } from '../../errors/index.js';
import type { RequestContext, ServiceProvider } from '../provider.js';
import type { SnsContext } from './context.js';
import { missingRequired } from './errors.js';
import type {
  ConfirmSubscriptionInput,
  CreateTopicInput,
  DeleteTopicInput,
  GetSubscriptionAttributesInput,
  GetTopicAttributesInput,
  ListSubscriptionsByTopicInput,
  ListSubscriptionsInput,
  ListTagsForResourceRequest,
  ListTopicsInput,
  PublishBatchInput,
  PublishInput,
  SetSubscriptionAttributesInput,
  SetTopicAttributesInput,
  SubscribeInput,
  TagResourceRequest,
  UnsubscribeInput,
  UntagResourceRequest,
} from './model.js';
import type { Publisher } from './publish.js';
import {
  confirmSubscription,
  getSubscriptionAttributes,
  listSubscriptions,
  listSubscriptionsByTopic,
  setSubscriptionAttributes,
  subscribe,
  unsubscribe,
} from './subscriptions.js';
import { listTagsForResource, tagResource, untagResource } from './tags.js';
import { createTopic, deleteTopic, getTopicAttributes, listTopics, setTopicAttributes } from './topics.js';

/**
 * SNS (query protocol, XML). Topics, subscriptions, publishing and tags; platform applications,
 * SMS settings, permissions and data-protection policies are not implemented (501).
 */
export function snsProvider(ctx: SnsContext, publisher: Publisher): ServiceProvider {
  return {
    service: 'sns',
    operations: {
      CreateTopic: (i: CreateTopicInput, c: RequestContext) => createTopic(ctx, c, i),
      DeleteTopic: (i: DeleteTopicInput, c: RequestContext) => deleteTopic(ctx, c, i),
      ListTopics: (i: ListTopicsInput, c: RequestContext) => listTopics(ctx, c, i),
      GetTopicAttributes: (i: GetTopicAttributesInput, c: RequestContext) => getTopicAttributes(ctx, c, i),
      SetTopicAttributes: (i: SetTopicAttributesInput, c: RequestContext) => setTopicAttributes(ctx, c, i),
      Subscribe: (i: SubscribeInput, c: RequestContext) => subscribe(ctx, c, i),
      ConfirmSubscription: (i: ConfirmSubscriptionInput, c: RequestContext) => confirmSubscription(ctx, c, i),
      Unsubscribe: (i: UnsubscribeInput, c: RequestContext) => unsubscribe(ctx, c, i),
      ListSubscriptions: (i: ListSubscriptionsInput, c: RequestContext) => listSubscriptions(ctx, c, i),
      ListSubscriptionsByTopic: (i: ListSubscriptionsByTopicInput, c: RequestContext) => listSubscriptionsByTopic(ctx, c, i),
      GetSubscriptionAttributes: (i: GetSubscriptionAttributesInput) => getSubscriptionAttributes(ctx, i),
      SetSubscriptionAttributes: (i: SetSubscriptionAttributesInput) => setSubscriptionAttributes(ctx, i),
      Publish: (i: PublishInput, c: RequestContext) => publisher.publish(c, i),
      PublishBatch: (i: PublishBatchInput, c: RequestContext) => publisher.publishBatch(c, i),
      TagResource: (i: TagResourceRequest, c: RequestContext) => tagResource(ctx, c, i),
      UntagResource: (i: UntagResourceRequest, c: RequestContext) => untagResource(ctx, c, i),
      ListTagsForResource: (i: ListTagsForResourceRequest, c: RequestContext) => listTagsForResource(ctx, c, i),
    },
    validationError: snsValidationError,
  };
}

/**
 * SNS checks its ARN parameters itself ("Invalid parameter: TopicArn Reason: no value for required
 * parameter"); other missing or malformed members get Coral's ValidationError
 * ("1 validation error detected: Value null at 'message' …").
 */
export function snsValidationError(messages: string[], missingMembers: string[]): AwsError {
  const arn = missingMembers.find((m) => !m.includes('.') && /Arn$/.test(m));
  if (arn) return missingRequired(arn.charAt(0).toUpperCase() + arn.slice(1));
  return validationError(validationException(messages).message);
}
