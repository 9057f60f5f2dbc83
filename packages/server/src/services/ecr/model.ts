/** ECR API shapes, as generated from the AWS model. */
export type * from '../../wire/models/ecr.types.js';
