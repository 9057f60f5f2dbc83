import { AwsError } from './aws-error.js';

/**
 * Errors every AWS service can return, with AWS's codes, statuses and wording. See
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/CommonErrors.html and the
 * Smithy protocol specs (awsJson1_0/1_1, awsQuery) for where each one comes from.
 */

/** Coral-style validation failure: "1 validation error detected: Value … at '…' failed to satisfy constraint: …". */
export function validationException(messages: string[]): AwsError {
  const n = messages.length;
  const text = `${n} validation error${n === 1 ? '' : 's'} detected: ${messages.join('; ')}`;
  return new AwsError('ValidationException', text);
}

/** The query-protocol twin of ValidationException (STS, SNS use this code). */
export function validationError(message: string): AwsError {
  return new AwsError('ValidationError', message);
}

export function serializationException(message: string): AwsError {
  return new AwsError('SerializationException', message);
}

export function unknownOperation(): AwsError {
  return new AwsError('UnknownOperationException', '');
}

export function invalidAction(action: string): AwsError {
  return new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`);
}

export function missingAction(): AwsError {
  return new AwsError('MissingAction', 'Missing Action');
}

export function missingParameter(name: string): AwsError {
  return new AwsError('MissingParameter', `The request must contain the parameter ${name}.`);
}

export function invalidParameterValue(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message);
}

/**
 * A modelled operation Bosun does not implement yet. 501 (not 500) so SDKs do not retry it, with
 * a message naming the operation; the same convention LocalStack uses.
 */
export function notImplemented(service: string, operation: string): AwsError {
  return new AwsError(
    'NotImplemented',
    `The operation ${operation} of service ${service} is not implemented by Bosun yet.`,
    { status: 501 },
  );
}

export function internalFailure(): AwsError {
  return new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', { status: 500 });
}

export function unrecognizedClient(): AwsError {
  return new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.');
}

export function accessDenied(message: string): AwsError {
  return new AwsError('AccessDeniedException', message);
}

export function requestEntityTooLarge(limit: number): AwsError {
  return new AwsError('RequestEntityTooLarge', `Request size exceeds ${limit} bytes`, { status: 413 });
}
