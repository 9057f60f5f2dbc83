import { AwsError } from '../../errors/index.js';

/**
 * Every error the SQS service returns. SQS is `awsQueryCompatible`: JSON answers carry the JSON
 * code in `__type` and the legacy query code in `x-amzn-query-error`, query answers carry the
 * legacy code (the `error.code` of the shapes in sqs-query.model.ts). Where AWS's JSON code is not
 * modelled (InvalidParameterValue, MissingParameter) the JSON names are the ones AWS's JSON
 * frontend sends (`InvalidParameterValueException`, `MissingRequiredParameterException`).
 * Wording follows what SQS answers (API reference "Common errors", and observed responses).
 */

export type SqsProtocol = 'json' | 'query' | 'rest-json';

function sqsError(code: string, queryCode: string, message: string, status = 400): AwsError {
  return new AwsError(code, message, { status, queryCode });
}

export function queueDoesNotExist(protocol: SqsProtocol = 'json'): AwsError {
  // The query frontend still words it as the 2012 WSDL-era service did.
  const message = protocol === 'query' ? 'The specified queue does not exist for this wsdl version.' : 'The specified queue does not exist.';
  return sqsError('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', message);
}

export function queueNameExists(attribute: string): AwsError {
  return sqsError('QueueNameExists', 'QueueAlreadyExists', `A queue already exists with the same name and a different value for attribute ${attribute}`);
}

export function invalidParameterValue(message: string): AwsError {
  return sqsError('InvalidParameterValueException', 'InvalidParameterValue', message);
}

/** "Value X for parameter P is invalid. Reason: R" — SQS's usual shape of an invalid value. */
export function invalidValueFor(parameter: string, value: string | number, reason: string): AwsError {
  return invalidParameterValue(`Value ${value} for parameter ${parameter} is invalid. Reason: ${reason}`);
}

export function missingParameter(name: string): AwsError {
  return sqsError('MissingRequiredParameterException', 'MissingParameter', `The request must contain the parameter ${name}.`);
}

export function invalidAttributeName(message: string): AwsError {
  return sqsError('InvalidAttributeName', 'InvalidAttributeName', message);
}

export function unknownAttribute(name: string): AwsError {
  return invalidAttributeName(`Unknown Attribute ${name}.`);
}

export function invalidAttributeValue(name: string, reason?: string): AwsError {
  const message = `Invalid value for the parameter ${name}.${reason ? ` Reason: ${reason}` : ''}`;
  return sqsError('InvalidAttributeValue', 'InvalidAttributeValue', message);
}

export function invalidMessageContents(): AwsError {
  return sqsError(
    'InvalidMessageContents',
    'InvalidMessageContents',
    'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
  );
}

export function messageTooLong(limit: number): AwsError {
  return invalidParameterValue(`One or more parameters are invalid. Reason: Message must be shorter than ${limit} bytes.`);
}

export function receiptHandleIsInvalid(handle: string): AwsError {
  return sqsError('ReceiptHandleIsInvalid', 'ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not valid.`);
}

/** FIFO queues refuse a receipt handle whose visibility timeout ran out (the message may be with another consumer). */
export function receiptHandleExpired(handle: string): AwsError {
  return invalidValueFor('ReceiptHandle', handle, 'The receipt handle has expired.');
}

export function messageNotInflight(handle: string): AwsError {
  return invalidValueFor('ReceiptHandle', handle, 'Message does not exist or is not available for visibility timeout change.');
}

export function purgeQueueInProgress(queueName: string): AwsError {
  return sqsError('PurgeQueueInProgress', 'AWS.SimpleQueueService.PurgeQueueInProgress', `Only one PurgeQueue operation on ${queueName} is allowed every 60 seconds.`, 403);
}

export function emptyBatchRequest(entryName: string): AwsError {
  return sqsError('EmptyBatchRequest', 'AWS.SimpleQueueService.EmptyBatchRequest', `There should be at least one ${entryName} in the request.`);
}

export function tooManyEntriesInBatchRequest(count: number): AwsError {
  return sqsError(
    'TooManyEntriesInBatchRequest',
    'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
    `Maximum number of entries per request are 10. You have sent ${count}.`,
  );
}

export function batchEntryIdsNotDistinct(id: string): AwsError {
  return sqsError('BatchEntryIdsNotDistinct', 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
}

export function invalidBatchEntryId(): AwsError {
  return sqsError(
    'InvalidBatchEntryId',
    'AWS.SimpleQueueService.InvalidBatchEntryId',
    'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
  );
}

export function batchRequestTooLong(limit: number, sent: number): AwsError {
  return sqsError(
    'BatchRequestTooLong',
    'AWS.SimpleQueueService.BatchRequestTooLong',
    `Batch requests cannot be longer than ${limit} bytes. You have sent ${sent} bytes.`,
  );
}

export function invalidNextToken(): AwsError {
  return invalidParameterValue('Invalid NextToken value.');
}

export function tooManyTags(queueName: string): AwsError {
  return invalidParameterValue(`Too many tags added for queue ${queueName}.`);
}

/** The code a failed batch entry reports: batch results carry the query-protocol code on both protocols. */
export function batchEntryCode(error: AwsError): string {
  return error.queryCode ?? error.code;
}

export function conflictingEncryption(): AwsError {
  return sqsError(
    'InvalidAttributeValue',
    'InvalidAttributeValue',
    'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.',
  );
}

export function fifoOnlyAttribute(name: string): AwsError {
  return invalidAttributeName(`You can specify the ${name} only when FifoQueue is set to true.`);
}

export function resourceNotFound(message: string): AwsError {
  return sqsError('ResourceNotFoundException', 'ResourceNotFoundException', message, 404);
}
