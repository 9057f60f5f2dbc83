/**
 * An error AWS would return. Every error Bosun answers with is one of these, built by a catalogue
 * entry (here for errors shared by all services, in `services/<api>/errors.ts` for the rest), so
 * codes, statuses and wording live in one place per service.
 */
export interface AwsErrorOptions {
  /** HTTP status; 400 unless said otherwise. */
  status?: number;
  /** `Sender` (client fault, the default for 4xx) or `Receiver`. */
  fault?: 'Sender' | 'Receiver';
  /**
   * For JSON services that keep their query-protocol codes (`awsQueryCompatible`, e.g. SQS): the
   * legacy code sent in `x-amzn-query-error` and used in query responses.
   */
  queryCode?: string;
  /** Extra members of the error body (e.g. ECR's registryId fields, SQS batch details). */
  fields?: Record<string, unknown>;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

export class AwsError extends Error {
  readonly status: number;
  readonly fault: 'Sender' | 'Receiver';
  readonly queryCode?: string;
  readonly fields?: Record<string, unknown>;
  readonly headers?: Record<string, string>;

  constructor(
    readonly code: string,
    message: string,
    options: AwsErrorOptions = {},
  ) {
    super(message);
    this.name = code;
    this.status = options.status ?? 400;
    this.fault = options.fault ?? (this.status >= 500 ? 'Receiver' : 'Sender');
    this.queryCode = options.queryCode;
    this.fields = options.fields;
    this.headers = options.headers;
  }
}

export function isAwsError(e: unknown): e is AwsError {
  return e instanceof AwsError;
}
