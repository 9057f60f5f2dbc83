import type { AwsError } from '../errors/index.js';

/** What every operation handler knows about the call it serves. */
export interface RequestContext {
  /** The account the call acts in (configured; one per Bosun unless strict auth maps keys to accounts). */
  accountId: string;
  /** From the SigV4 credential scope, else the configured default. */
  region: string;
  /** Echoed in `x-amzn-RequestId` and query `<RequestId>`. */
  requestId: string;
  /** Access key id from the SigV4 credential, if any. */
  accessKeyId?: string;
  /** `http://host:port` as the client addressed us; used for URLs in responses (queue URLs, repository URIs). */
  baseUrl: string;
  /** The wire protocol of this call. */
  protocol: 'json' | 'query' | 'rest-json';
}

/**
 * An operation: typed input in, typed output out. Inputs are already decoded and validated
 * against the model; outputs are plain data (Date for timestamps, Buffer for blobs).
 */
// `never` input lets a record hold handlers of any input type; dispatch passes the decoded input.
export type OperationHandler = (input: never, ctx: RequestContext) => unknown | Promise<unknown>;

export interface ServiceProvider {
  /** The model key: `sts`, `events`, `sqs`, … (see wire/codegen/sources.ts). */
  readonly service: string;
  readonly operations: Partial<Record<string, OperationHandler>>;
  /**
   * How this service reports a failed model validation, if not as `ValidationException` with
   * Coral's wording (e.g. SQS answers a missing member with `MissingParameter`). `undefined`
   * accepts the input as it is (SQS does not enforce the model's enums, e.g. message attribute
   * names in ReceiveMessage's AttributeNames).
   */
  validationError?(messages: string[], missingMembers: string[], protocol: RequestContext['protocol']): AwsError | undefined;
}
