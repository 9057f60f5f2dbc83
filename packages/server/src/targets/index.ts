export type { Target, DeliveryRequest, DeliveryOutcome } from './target.js';
export { SnsTopicTarget, classifySnsError, type SnsPublisher } from './sns-topic.js';
export { LogGroupTarget, type LogEventsWriter } from './log-group.js';
export { KinesisStreamTarget, type KinesisRecordWriter } from './kinesis-stream.js';
