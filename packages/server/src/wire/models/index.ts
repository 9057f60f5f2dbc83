import type { ServiceModel } from '../model.js';
import { model as ecr } from './ecr.model.js';
import { model as events } from './events.model.js';
import { model as kinesis } from './kinesis.model.js';
import { model as lambda } from './lambda.model.js';
import { model as logs } from './logs.model.js';
import { model as sns } from './sns.model.js';
import { model as sqsQuery } from './sqs-query.model.js';
import { model as sqs } from './sqs.model.js';
import { model as ssm } from './ssm.model.js';
import { model as stepfunctions } from './stepfunctions.model.js';
import { model as sts } from './sts.model.js';

/** Every modelled service by its Bosun name; `sqs-query` is SQS as pre-2023 clients speak it. */
export const serviceModels: Readonly<Record<string, ServiceModel>> = {
  sts,
  events,
  ecr,
  sqs,
  'sqs-query': sqsQuery,
  sns,
  logs,
  kinesis,
  lambda,
  stepfunctions,
  ssm,
};

/** Query-protocol twins served by the provider of another service. */
export const providerOf: Readonly<Record<string, string>> = { 'sqs-query': 'sqs' };
