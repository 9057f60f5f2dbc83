import { AwsError } from '../../errors/index.js';

/** STS errors Bosun returns (codes from the STS API reference). */
export function malformedPolicyDocument(message: string): AwsError {
  return new AwsError('MalformedPolicyDocument', message);
}
