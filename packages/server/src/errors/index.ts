export { AwsError, isAwsError } from './aws-error.js';
export type { AwsErrorOptions } from './aws-error.js';
export * from './common.js';
