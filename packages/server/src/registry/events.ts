import type { JournalAppend } from '../storage/interfaces.js';

/**
 * ECR's `ECR Image Action` event, exactly as the ECR User Guide documents it ("Amazon ECR events
 * and EventBridge"). Key order follows the documented samples. An untagged image's event carries no
 * `image-tag` member (consumers are told to key on the digest because the tag may be missing).
 */

export type ImageActionType = 'PUSH' | 'DELETE';

export interface ImageAction {
  id: string;
  /** Clock time in ms. */
  time: number;
  account: string;
  region: string;
  repositoryName: string;
  imageDigest: string;
  actionType: ImageActionType;
  imageTag?: string;
}

export interface EcrImageActionEvent {
  version: '0';
  id: string;
  'detail-type': 'ECR Image Action';
  source: 'aws.ecr';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: {
    result: 'SUCCESS';
    'repository-name': string;
    'image-digest': string;
    'action-type': ImageActionType;
    'image-tag'?: string;
  };
}

/** EventBridge event times: ISO 8601 in UTC, whole seconds. */
export function eventTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function imageActionEvent(a: ImageAction): EcrImageActionEvent {
  const detail: EcrImageActionEvent['detail'] = {
    result: 'SUCCESS',
    'repository-name': a.repositoryName,
    'image-digest': a.imageDigest,
    'action-type': a.actionType,
  };
  if (a.imageTag !== undefined) detail['image-tag'] = a.imageTag;
  return {
    version: '0',
    id: a.id,
    'detail-type': 'ECR Image Action',
    source: 'aws.ecr',
    account: a.account,
    time: eventTime(a.time),
    region: a.region,
    resources: [],
    detail,
  };
}

export function defaultBusArn(region: string, account: string): string {
  return `arn:aws:events:${region}:${account}:event-bus/default`;
}

/** The journal append that publishes the event on the account's default bus. */
export function imageActionAppend(a: ImageAction): JournalAppend {
  return { stream: defaultBusArn(a.region, a.account), body: JSON.stringify(imageActionEvent(a)) };
}
