import { AwsError } from '../../errors/index.js';

/**
 * CloudWatch Logs errors Bosun returns, with AWS's codes and wording (CloudWatch Logs API
 * reference; texts as real responses carry them). Logs answers model validation failures with
 * InvalidParameterException, not ValidationException.
 */

export function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterException', message);
}

export function groupNotFound(): AwsError {
  return new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
}

export function streamNotFound(): AwsError {
  return new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
}

export function resourceNotFound(message: string): AwsError {
  return new AwsError('ResourceNotFoundException', message);
}

export function groupAlreadyExists(): AwsError {
  return new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
}

export function streamAlreadyExists(): AwsError {
  return new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
}

export function tooManyTags(resourceName: string): AwsError {
  return new AwsError('TooManyTagsException', 'A resource can have no more than 50 tags.', { fields: { resourceName } });
}

export function invalidNextToken(): AwsError {
  return invalidParameter('The specified nextToken is invalid.');
}

export function invalidFilterPattern(detail?: string): AwsError {
  return invalidParameter(detail ?? 'Invalid filter pattern');
}

export function constraint(value: unknown, member: string, rule: string): AwsError {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return invalidParameter(`1 validation error detected: Value '${shown}' at '${member}' failed to satisfy constraint: ${rule}`);
}

export const messages = {
  notChronological: 'Log events in a single PutLogEvents request must be in chronological order.',
  spanTooLong: 'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
  prefixAndPattern: 'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
  lastEventTimeWithPrefix: 'Cannot order by LastEventTime with a logStreamNamePrefix.',
  namesAndPrefix: 'logStreamNames and logStreamNamePrefix are mutually exclusive parameters.',
  nameOrIdentifier: 'Should provide either logGroupName or logGroupIdentifier.',
  eventTooLarge: (size: number, limit: number) => `Log event too large: ${size} bytes exceeds limit of ${limit}`,
  uploadTooLarge: (size: number, limit: number) => `Upload too large: ${size} bytes exceeds limit of ${limit}`,
} as const;
