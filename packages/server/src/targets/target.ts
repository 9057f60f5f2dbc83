/**
 * What the event bus hands to a target: one matched event, already transformed for this target
 * (Input / InputPath / InputTransformer applied). Every target kind (SQS queue, log group,
 * Kinesis stream, SNS topic, Lambda function, state machine, Run Command, another event bus)
 * implements `Target`; the bus's delivery worker retries and dead-letters by the outcome.
 */
export interface DeliveryRequest {
  /** The target's ARN as given to PutTargets. */
  targetArn: string;
  /** The PutTargets `Target` entry as stored (SqsParameters, KinesisParameters, RunCommandParameters, …). */
  target: Readonly<Record<string, unknown>>;
  /** The payload to deliver (JSON text of the event, or the transformer's output). */
  input: string;
  /** The original event as JSON text (for parameters evaluated against the event, e.g. PartitionKeyPath). */
  event: string;
  eventId: string;
  ruleArn: string;
  /** Account and region of the rule. */
  accountId: string;
  region: string;
}

export type DeliveryOutcome =
  | { ok: true }
  | {
      ok: false;
      /** Throttling, 5xx, timeouts: try again later. Missing target, permission, bad payload: dead-letter at once. */
      retryable: boolean;
      /** As EventBridge reports it in DLQ message attributes (`ERROR_CODE`), e.g. `SDK_CLIENT_ERROR`, `NO_PERMISSIONS`, `NO_RESOURCE`, `THROTTLING` (the EventBridge User Guide, "Using dead-letter queues"). */
      errorCode: string;
      errorMessage: string;
    };

export interface Target {
  /** Short kind name for logs and metrics: `sqs`, `logs`, `kinesis`, `sns`, `lambda`, `states`, `ssm`, `events`. */
  readonly kind: string;
  /** Whether this target kind serves the ARN (by its service part). */
  accepts(targetArn: string): boolean;
  deliver(request: DeliveryRequest): Promise<DeliveryOutcome>;
}
