import type { AwsError } from '../../errors/index.js';
import type { ServiceProvider } from '../provider.js';
import type { SqsContext } from './context.js';
import { invalidParameterValue, missingParameter } from './errors.js';
import { messageOperations } from './message-operations.js';
import { moveOperations } from './move-operations.js';
import { queueOperations } from './queue-operations.js';

/**
 * SQS over AWS JSON 1.0 and the query protocol: both reach these handlers with the same typed
 * input (the wire layer decodes each protocol), and errors render per protocol from one catalogue.
 */
export function sqsProvider(sqs: SqsContext): ServiceProvider {
  return {
    service: 'sqs',
    operations: { ...queueOperations(sqs), ...messageOperations(sqs), ...moveOperations(sqs) },
    validationError: sqsValidationError,
  };
}

/** Coral paths lower-case each member's first letter (`entries.2.member.id`); SQS names parameters as the API does. */
function parameterName(path: string): string {
  return path
    .split('.')
    .filter((part) => part !== 'member')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('.');
}

/** Attribute-name lists SQS checks itself (GetQueueAttributes) or tolerates (ReceiveMessage takes message attribute names there). */
const NAME_LIST_ENUM = /^Value '.*' at '(attributeNames|messageSystemAttributeNames)\.\d+(\.member)?' failed to satisfy constraint: Member must satisfy enum/;

/**
 * SQS does not answer model violations with ValidationException: a missing member is
 * MissingParameter ("The request must contain the parameter X."), a missing queue name is an
 * invalid QueueName, and it does not enforce the enums of attribute-name lists at all.
 */
export function sqsValidationError(messages: string[], missingMembers: string[]): AwsError | undefined {
  const missing = missingMembers[0];
  if (missing === 'queueName') return invalidParameterValue('Value for parameter QueueName is invalid. Reason: Must specify a queue name.');
  if (missing !== undefined) return missingParameter(parameterName(missing));
  const rest = messages.filter((m) => !NAME_LIST_ENUM.test(m));
  if (rest.length === 0) return undefined;
  for (const message of rest) {
    const m = /^Value '(.*)' at '(messageSystemAttributes\.[^']*\.key)' failed to satisfy constraint: Member must satisfy enum/.exec(message);
    if (m) return invalidParameterValue(`Message system attribute name '${m[1]}' is invalid.`);
  }
  return invalidParameterValue(rest[0]);
}
