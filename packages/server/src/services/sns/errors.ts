import { AwsError } from '../../errors/index.js';

/**
 * SNS errors Bosun returns, with the codes and statuses of the SNS model (botocore's `error.code`)
 * and SNS's wording. Most SNS client errors are `InvalidParameter` with a message of the form
 * `Invalid parameter: <Name>[ Reason: <why>]`; texts marked "approximated" are Bosun's where AWS's
 * exact wording is not published.
 */

export function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameter', message);
}

/** `Invalid parameter: <detail>` — the usual SNS shape. */
export function invalidParam(detail: string): AwsError {
  return invalidParameter(`Invalid parameter: ${detail}`);
}

/** The model's InvalidParameterValueException, whose wire code is `ParameterValueInvalid`. */
export function parameterValueInvalid(message: string): AwsError {
  return new AwsError('ParameterValueInvalid', message);
}

export function notFound(message: string): AwsError {
  return new AwsError('NotFound', message, { status: 404 });
}

export const topicNotFound = (): AwsError => notFound('Topic does not exist');
export const subscriptionNotFound = (): AwsError => notFound('Subscription does not exist');

export function resourceNotFound(): AwsError {
  return new AwsError('ResourceNotFound', 'Resource does not exist', { status: 404 });
}

export function tagLimitExceeded(): AwsError {
  return new AwsError('TagLimitExceeded', 'Could not complete request: tag quota of per resource exceeded');
}

export function tooManyEntriesInBatch(): AwsError {
  return new AwsError('TooManyEntriesInBatchRequest', 'The batch request contains more entries than permissible.');
}

export function emptyBatchRequest(): AwsError {
  return new AwsError('EmptyBatchRequest', "The batch request doesn't contain any entries.");
}

export function batchEntryIdsNotDistinct(): AwsError {
  return new AwsError('BatchEntryIdsNotDistinct', 'Two or more batch entries in the request have the same Id.');
}

export function invalidBatchEntryId(message: string): AwsError {
  return new AwsError('InvalidBatchEntryId', message);
}

export function batchRequestTooLong(): AwsError {
  return new AwsError('BatchRequestTooLong', 'The length of all the messages put together is more than the limit.');
}

/** A required member SNS checks itself (ARN members), as opposed to Coral's ValidationError. */
export function missingRequired(member: string): AwsError {
  return invalidParam(`${member} Reason: no value for required parameter`);
}
