import { invalidValueFor } from './errors.js';
import { partitionOf } from './names.js';

/**
 * AddPermission / RemovePermission: statements labelled by Sid in the queue's Policy attribute,
 * shaped as SQS writes them (Version 2008-10-17, Id `<arn>/SQSDefaultPolicy`, `SQS:<Action>`,
 * account root principals). Bosun stores policies but does not enforce them. Pure.
 */

/** Actions a permission may name (API reference, AddPermission): `*` or an SQS operation on a queue. */
const ACTIONS = new Set([
  '*',
  'SendMessage',
  'ReceiveMessage',
  'DeleteMessage',
  'ChangeMessageVisibility',
  'GetQueueAttributes',
  'GetQueueUrl',
  'ListDeadLetterSourceQueues',
  'PurgeQueue',
  'ListQueueTags',
  'TagQueue',
  'UntagQueue',
  'SetQueueAttributes',
  'DeleteQueue',
  'AddPermission',
  'RemovePermission',
]);

interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: Record<string, unknown>[];
  [key: string]: unknown;
}

function parsePolicy(policy: string | undefined, queueArn: string): PolicyDocument {
  if (policy) {
    const doc = JSON.parse(policy) as PolicyDocument;
    const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
    return { ...doc, Statement: statements };
  }
  return { Version: '2008-10-17', Id: `${queueArn}/SQSDefaultPolicy`, Statement: [] };
}

export function addPermission(policy: string | undefined, queueArn: string, label: string, accountIds: string[], actions: string[]): string {
  for (const action of actions) {
    if (!ACTIONS.has(action)) throw invalidValueFor('ActionName', `SQS:${action}`, 'Please refer to the appropriate WSDL for a list of valid actions. ');
  }
  const doc = parsePolicy(policy, queueArn);
  if (doc.Statement.some((s) => s.Sid === label)) throw invalidValueFor('Label', label, 'Already exists.');
  const region = queueArn.split(':')[3] ?? '';
  const principals = accountIds.map((id) => `arn:${partitionOf(region)}:iam::${id}:root`);
  const sqsActions = actions.map((a) => `SQS:${a}`);
  doc.Statement.push({
    Sid: label,
    Effect: 'Allow',
    Principal: { AWS: principals.length === 1 ? principals[0] : principals },
    Action: sqsActions.length === 1 ? sqsActions[0] : sqsActions,
    Resource: queueArn,
  });
  return JSON.stringify(doc);
}

/** The policy without the labelled statement; undefined when no statement is left. */
export function removePermission(policy: string | undefined, queueArn: string, label: string): string | undefined {
  const doc = parsePolicy(policy, queueArn);
  if (!doc.Statement.some((s) => s.Sid === label)) throw invalidValueFor('Label', label, "can't find label.");
  doc.Statement = doc.Statement.filter((s) => s.Sid !== label);
  return doc.Statement.length > 0 ? JSON.stringify(doc) : undefined;
}
