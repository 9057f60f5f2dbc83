/** Which AWS models Bosun serves, and where each comes from. */
export interface ModelSource {
  /** Our name for the service (folder and file names). */
  service: string;
  /** File stem in aws-sdk/apis; absent when the model comes from botocore alone. */
  sdkModel?: string;
  /** botocore data folder name. */
  botocoreName: string;
  /**
   * Which botocore: `current` (the aws CLI v1 on PATH, current models) or `debian` (Debian's awscli
   * 2.9, whose SQS model still speaks the query protocol).
   */
  botocore?: 'current' | 'debian';
}

export const modelSources: ModelSource[] = [
  { service: 'sts', sdkModel: 'sts-2011-06-15', botocoreName: 'sts' },
  { service: 'events', sdkModel: 'eventbridge-2015-10-07', botocoreName: 'events' },
  { service: 'ecr', sdkModel: 'ecr-2015-09-21', botocoreName: 'ecr' },
  { service: 'sqs', sdkModel: 'sqs-2012-11-05', botocoreName: 'sqs' },
  // SQS moved from awsQuery to awsJson1_0 in 2023; clients built before still speak query.
  { service: 'sqs-query', botocoreName: 'sqs', botocore: 'debian' },
  { service: 'sns', sdkModel: 'sns-2010-03-31', botocoreName: 'sns' },
  { service: 'logs', sdkModel: 'logs-2014-03-28', botocoreName: 'logs' },
  { service: 'kinesis', sdkModel: 'kinesis-2013-12-02', botocoreName: 'kinesis' },
  { service: 'lambda', sdkModel: 'lambda-2015-03-31', botocoreName: 'lambda' },
  { service: 'stepfunctions', sdkModel: 'states-2016-11-23', botocoreName: 'stepfunctions' },
  { service: 'ssm', sdkModel: 'ssm-2014-11-06', botocoreName: 'ssm' },
];
