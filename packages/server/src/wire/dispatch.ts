import { AwsError, internalFailure, notImplemented, serializationException, validationError, validationException } from '../errors/index.js';
import type { RequestContext, ServiceProvider } from '../services/provider.js';
import { cborBodyAsJson, cborError, cborResponse, isCborRequest } from './cbor.js';
import { decodeJsonInput, encodeJsonOutput } from './json-codec.js';
import type { ServiceModel } from './model.js';
import { decodeQueryInput, encodeQueryResponse } from './query-codec.js';
import { renderError } from './render-error.js';
import { decodeRestJsonInput, encodeRestJsonOutput } from './rest-json-codec.js';
import type { ResolvedCall, Router } from './route.js';
import { validateInput } from './validate.js';
import type { WireRequest, WireResponse } from './wire-types.js';

/**
 * One AWS API call from wire to provider and back: decode per protocol, validate against the
 * model, run the operation, encode the output — and render any failure as that protocol's error.
 */

export interface CallLog {
  service?: string;
  operation?: string;
  errorCode?: string;
  error?: unknown;
}

export class Dispatcher {
  constructor(
    private readonly router: Router,
    private readonly providers: ReadonlyMap<string, ServiceProvider>,
    /** Query twins (`sqs-query`) served by another service's provider. */
    private readonly providerOf: Readonly<Record<string, string>> = {},
  ) {}

  /** undefined when the request is not an AWS API call. */
  async handle(req: WireRequest, base: Omit<RequestContext, 'protocol'>, scopeService: string | undefined, log: CallLog = {}): Promise<WireResponse | undefined> {
    const routed = this.router.route(req, scopeService);
    if (!routed) return undefined;
    // AWS's CBOR protocol (Java SDKs, Kinesis) is awsJson with CBOR bodies: see cbor.ts.
    const cbor = isCborRequest(req.headers['content-type']) && ('call' in routed ? routed.call.protocol : routed.protocol) === 'json';
    if ('error' in routed) {
      log.errorCode = routed.error.code;
      return cbor ? cborError(routed.error, base.requestId) : renderError(routed.error, routed.protocol, routed.model, base.requestId);
    }
    const call = routed.call;
    log.service = call.service;
    log.operation = call.operation;
    const ctx: RequestContext = { ...base, protocol: call.protocol };
    try {
      const output = await this.invoke(call, req, ctx);
      return cbor ? cborResponse(call.model, call.model.operations[call.operation]?.output, output, ctx.requestId) : encodeOutput(call, output, ctx.requestId);
    } catch (e) {
      const error = e instanceof AwsError ? e : internalFailure();
      if (!(e instanceof AwsError)) log.error = e;
      log.errorCode = error.code;
      return cbor ? cborError(error, ctx.requestId) : renderError(error, call.protocol, call.model, ctx.requestId);
    }
  }

  private async invoke(call: ResolvedCall, req: WireRequest, ctx: RequestContext): Promise<unknown> {
    const op = call.model.operations[call.operation];
    const input = decodeInput(call, req);
    const provider = this.providers.get(this.providerOf[call.service] ?? call.service);
    const handler = provider?.operations[call.operation];
    if (!handler) throw notImplemented(call.model.metadata.serviceId, call.operation);
    const messages = validateInput(call.model, op.input, input);
    if (messages.length) {
      const missing = messages.map((m) => /^Value null at '([^']+)'/.exec(m)?.[1]).filter((m): m is string => !!m);
      const error = provider.validationError ? provider.validationError(messages, missing, call.protocol) : defaultValidationError(call.protocol, messages);
      if (error) throw error;
    }
    return (handler as (i: unknown, c: RequestContext) => unknown)(input, ctx);
  }
}

function defaultValidationError(protocol: RequestContext['protocol'], messages: string[]): AwsError {
  if (protocol === 'query') return validationError(validationException(messages).message);
  return validationException(messages);
}

function decodeInput(call: ResolvedCall, req: WireRequest): Record<string, unknown> {
  const op = call.model.operations[call.operation];
  if (call.protocol === 'query') return decodeQueryInput(call.model, op.input, call.params);
  if (call.protocol === 'rest-json') return decodeRestJsonInput(call.model, op.input, req, call.params);
  let body: unknown = {};
  if (isCborRequest(req.headers['content-type'])) body = cborBodyAsJson(req.body);
  else if (req.body.length) {
    try {
      body = JSON.parse(req.body.toString('utf8'));
    } catch {
      throw serializationException('Start of structure or map found where not expected.');
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw serializationException('Start of structure or map found where not expected.');
  return decodeJsonInput(call.model, op.input, body);
}

function encodeOutput(call: ResolvedCall, output: unknown, requestId: string): WireResponse {
  const model: ServiceModel = call.model;
  const op = model.operations[call.operation];
  if (call.protocol === 'query') {
    return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body: encodeQueryResponse(model, call.operation, output, requestId) };
  }
  if (call.protocol === 'rest-json') return encodeRestJsonOutput(model, call.operation, output, requestId);
  return {
    status: 200,
    headers: { 'content-type': `application/x-amz-json-${model.metadata.jsonVersion ?? '1.1'}`, 'x-amzn-requestid': requestId },
    body: JSON.stringify(encodeJsonOutput(model, op.output, output)),
  };
}
