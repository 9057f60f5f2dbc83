import type { AwsError } from '../errors/index.js';
import type { ServiceModel } from './model.js';
import { encodeQueryError } from './query-codec.js';
import type { Protocol, WireResponse } from './wire-types.js';

/** Render an AwsError the way the protocol of the call carries errors. */
export function renderError(error: AwsError, protocol: Protocol, model: ServiceModel | undefined, requestId: string): WireResponse {
  const headers: Record<string, string> = { 'x-amzn-requestid': requestId, ...error.headers };
  if (protocol === 'query') {
    headers['content-type'] = 'text/xml';
    return { status: error.status, headers, body: encodeQueryError(model?.metadata.xmlNamespace, error, requestId) };
  }
  if (protocol === 'rest-json') {
    headers['content-type'] = 'application/json';
    headers['x-amzn-errortype'] = error.code;
    const body: Record<string, unknown> = { Type: error.fault === 'Sender' ? 'User' : 'Service', message: error.message, ...error.fields };
    return { status: error.status, headers, body: JSON.stringify(body) };
  }
  headers['content-type'] = `application/x-amz-json-${model?.metadata.jsonVersion ?? '1.1'}`;
  if (model?.metadata.awsQueryCompatible && error.queryCode) headers['x-amzn-query-error'] = `${error.queryCode};${error.fault}`;
  // AWS omits the message where it has none (UnknownOperationException answers `{"__type":"UnknownOperationException"}`).
  const body: Record<string, unknown> = error.message ? { __type: error.code, message: error.message, ...error.fields } : { __type: error.code, ...error.fields };
  return { status: error.status, headers, body: JSON.stringify(body) };
}
