import { serializationException } from '../errors/index.js';
import { decodeJsonShape, encodeJsonShape } from './json-codec.js';
import type { ServiceModel, Shape } from './model.js';
import type { WireRequest, WireResponse } from './wire-types.js';

/** restJson1 (Lambda): members bound to the URI, query string, headers, or a JSON/blob payload. */

function scalarFrom(shape: Shape | undefined, raw: string): unknown {
  if (!shape) return raw;
  switch (shape.type) {
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return Number(raw);
    case 'boolean':
      return raw === 'true';
    case 'timestamp':
      return new Date(raw);
    default:
      return raw;
  }
}

export function decodeRestJsonInput(model: ServiceModel, shapeName: string | undefined, req: WireRequest, labels: Map<string, string>): Record<string, unknown> {
  if (!shapeName) return {};
  const shape = model.shapes[shapeName];
  if (!shape) return {};
  const out: Record<string, unknown> = {};
  const payloadName = shape.payload;
  let bodyJson: unknown;
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const s = model.shapes[ref.shape];
    const wire = ref.locationName ?? name;
    if (ref.location === 'uri') {
      const v = labels.get(wire);
      if (v !== undefined) out[name] = scalarFrom(s, v);
    } else if (ref.location === 'querystring') {
      if (s?.type === 'list') {
        const all = req.query.getAll(wire);
        if (all.length) out[name] = all;
      } else {
        const v = req.query.get(wire);
        if (v !== null) out[name] = scalarFrom(s, v);
      }
    } else if (ref.location === 'header') {
      const v = req.headers[wire.toLowerCase()];
      if (v !== undefined) out[name] = scalarFrom(s, v);
    } else if (name === payloadName) {
      if (s?.type === 'blob' || s?.type === 'string') {
        if (req.body.length) out[name] = s.type === 'blob' ? req.body : req.body.toString('utf8');
      } else if (req.body.length && s) {
        out[name] = decodeJsonShape(model, s, parseBody(req.body), name);
      }
    } else if (!payloadName) {
      bodyJson ??= req.body.length ? parseBody(req.body) : {};
      const v = (bodyJson as Record<string, unknown>)[wire];
      if (v !== undefined && s) out[name] = decodeJsonShape(model, s, v, name);
    }
  }
  return out;
}

function parseBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw serializationException('Could not parse request body into json: Unexpected character');
  }
}

export function encodeRestJsonOutput(model: ServiceModel, operation: string, output: unknown, requestId: string): WireResponse {
  const op = model.operations[operation];
  const headers: Record<string, string> = { 'x-amzn-requestid': requestId, 'content-type': 'application/json' };
  let status = op?.http?.responseCode ?? 200;
  const shape = op?.output ? model.shapes[op.output] : undefined;
  if (!shape) return { status, headers, body: '{}' };
  const src = (output ?? {}) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const v = src[name];
    if (v === undefined || v === null) continue;
    const s = model.shapes[ref.shape];
    if (ref.location === 'header') headers[(ref.locationName ?? name).toLowerCase()] = String(v);
    else if (ref.location === 'statusCode') status = Number(v);
    else if (name === shape.payload) {
      if (s?.type === 'blob') return { status, headers: { ...headers, 'content-type': 'application/octet-stream' }, body: Buffer.from(v as Uint8Array) };
      return { status, headers, body: JSON.stringify(s ? encodeJsonShape(model, s, v) : v) };
    } else body[ref.locationName ?? name] = s ? encodeJsonShape(model, s, v) : v;
  }
  return { status, headers, body: JSON.stringify(body) };
}
