export type * from '../../wire/models/sns.types.js';

/** Metadata tables SNS keeps (keys are ARNs, so a topic's subscriptions share the prefix `<topicArn>:`). */
export const TOPICS = 'sns.topics';
export const SUBSCRIPTIONS = 'sns.subscriptions';
/** FIFO deduplication ids, keyed `<topicArn>#<dedupId>`, for the 5-minute window. */
export const DEDUPLICATION = 'sns.dedup';
/** The one delivery queue all SNS subscription deliveries share. */
export const DELIVERY_QUEUE = 'sns:deliveries';

export interface Tag {
  Key: string;
  Value: string;
}

export interface TopicRecord {
  arn: string;
  name: string;
  accountId: string;
  region: string;
  fifo: boolean;
  /** Attributes the caller set (DisplayName, Policy, DeliveryPolicy, SignatureVersion, …), as given. */
  attributes: Record<string, string>;
  tags: Tag[];
  createdAt: number;
}

export type SubscriptionProtocol =
  | 'sqs'
  | 'http'
  | 'https'
  | 'lambda'
  | 'email'
  | 'email-json'
  | 'sms'
  | 'application'
  | 'firehose';

export interface SubscriptionRecord {
  arn: string;
  topicArn: string;
  owner: string;
  protocol: SubscriptionProtocol;
  endpoint: string;
  /** Attributes the caller set (RawMessageDelivery, FilterPolicy, FilterPolicyScope, RedrivePolicy, DeliveryPolicy, …). */
  attributes: Record<string, string>;
  pendingConfirmation: boolean;
  confirmationWasAuthenticated: boolean;
  /** The token of the last SubscriptionConfirmation sent (http/https/email). */
  token?: string;
  createdAt: number;
}

/** A message attribute as SNS carries it in notifications: `{"Type":"String","Value":"x"}`. */
export interface NotificationAttribute {
  Type: string;
  Value: string;
}

export type NotificationType = 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';

/** What one queued delivery carries: everything needed to build and sign the notification later. */
export interface DeliveryBody {
  type: NotificationType;
  subscriptionArn: string;
  topicArn: string;
  messageId: string;
  /** The message as this subscription's protocol gets it (MessageStructure=json already resolved). */
  message: string;
  subject?: string;
  /** Publish time, ms. */
  timestamp: number;
  messageAttributes?: Record<string, NotificationAttribute>;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  sequenceNumber?: string;
  /** `1` or `2`, from the topic at publish time. */
  signatureVersion: string;
  /** Base URL for SigningCertURL, UnsubscribeURL and SubscribeURL (as the publisher addressed Bosun). */
  baseUrl: string;
  /** Confirmation token (SubscriptionConfirmation / UnsubscribeConfirmation). */
  token?: string;
  /**
   * UnsubscribeConfirmation only: the subscription is gone by the time it is delivered, so the
   * delivery carries where it goes.
   */
  endpoint?: { protocol: SubscriptionProtocol; url: string };
}

export interface DedupRecord {
  messageId: string;
  sequenceNumber: string;
  expiresAt: number;
}
