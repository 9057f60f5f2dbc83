import { serializationException } from '../errors/index.js';
import type { MemberRef, ServiceModel, Shape } from './model.js';

/**
 * JSON wire values <-> typed values, per the awsJson1_0/1_1 and restJson1 protocols:
 * timestamps travel as epoch seconds, blobs as base64; inside Bosun they are `Date` and `Buffer`.
 * Type mismatches are SerializationExceptions, as AWS's frontends answer them.
 */

function kind(v: unknown): string {
  if (Array.isArray(v)) return 'list';
  if (v === null) return 'null';
  return typeof v;
}

function mismatch(expected: string, value: unknown, path: string): never {
  const k = kind(value);
  if (k === 'object') throw serializationException(`Start of structure or map found where not expected.`);
  if (k === 'list') throw serializationException(`Start of list found where not expected`);
  const token = k === 'string' ? 'STRING_VALUE' : k === 'number' ? 'NUMBER_VALUE' : k === 'boolean' ? 'BOOLEAN_VALUE' : 'VALUE';
  throw serializationException(`${token} can not be converted to ${expected}${path ? ` (at '${path}')` : ''}`);
}

export function decodeJsonShape(model: ServiceModel, shape: Shape, value: unknown, path: string): unknown {
  if (value === null || value === undefined) return undefined;
  switch (shape.type) {
    case 'structure': {
      if (kind(value) !== 'object') mismatch('a structure', value, path);
      const src = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const wireName = ref.locationName && !ref.location ? ref.locationName : name;
        if (src[wireName] !== undefined && !ref.location) {
          const v = decodeJsonRef(model, ref, src[wireName], path ? `${path}.${name}` : name);
          if (v !== undefined) out[name] = v;
        }
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) mismatch('a list', value, path);
      return (value as unknown[]).map((item, i) => decodeJsonRef(model, shape.member!, item, `${path}.${i + 1}`) ?? null);
    }
    case 'map': {
      if (kind(value) !== 'object') mismatch('a map', value, path);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const d = decodeJsonRef(model, shape.value!, v, `${path}.${k}`);
        if (d !== undefined) out[k] = d;
      }
      return out;
    }
    case 'string':
      if (typeof value !== 'string') mismatch('a String', value, path);
      return value;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) mismatch(shape.type === 'long' ? 'a Long' : 'an Integer', value, path);
      return value;
    case 'float':
    case 'double':
      if (typeof value !== 'number') mismatch(shape.type === 'float' ? 'a Float' : 'a Double', value, path);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') mismatch('a Boolean', value, path);
      return value;
    case 'timestamp': {
      if (typeof value === 'number') return new Date(value * 1000);
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value);
      return mismatch('a Date', value, path);
    }
    case 'blob':
      if (typeof value !== 'string') mismatch('a ByteBuffer', value, path);
      return Buffer.from(value as string, 'base64');
  }
}

function decodeJsonRef(model: ServiceModel, ref: MemberRef, value: unknown, path: string): unknown {
  const shape = model.shapes[ref.shape];
  if (!shape) return value;
  if (ref.jsonvalue && typeof value === 'string') return value;
  return decodeJsonShape(model, shape, value, path);
}

/** Decode a parsed JSON request body into the operation's typed input. */
export function decodeJsonInput(model: ServiceModel, shapeName: string | undefined, body: unknown): Record<string, unknown> {
  if (!shapeName) return {};
  const shape = model.shapes[shapeName];
  if (!shape) return {};
  return (decodeJsonShape(model, shape, body ?? {}, '') as Record<string, unknown>) ?? {};
}

export function encodeJsonShape(model: ServiceModel, shape: Shape, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  switch (shape.type) {
    case 'structure': {
      const src = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        if (ref.location) continue;
        const v = src[name];
        if (v === undefined || v === null) continue;
        const s = model.shapes[ref.shape];
        out[ref.locationName ?? name] = s ? encodeJsonShape(model, s, v) : v;
      }
      return out;
    }
    case 'list': {
      const s = model.shapes[shape.member!.shape];
      return (value as unknown[]).map((x) => (s ? encodeJsonShape(model, s, x) : x));
    }
    case 'map': {
      const s = model.shapes[shape.value!.shape];
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = s ? encodeJsonShape(model, s, v) : v;
      return out;
    }
    case 'timestamp': {
      const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(String(value));
      return ms / 1000;
    }
    case 'blob':
      return Buffer.from(value as Uint8Array).toString('base64');
    default:
      return value;
  }
}

/** Encode a typed output for a JSON response body. */
export function encodeJsonOutput(model: ServiceModel, shapeName: string | undefined, output: unknown): unknown {
  if (!shapeName) return {};
  const shape = model.shapes[shapeName];
  if (!shape) return output ?? {};
  return encodeJsonShape(model, shape, output ?? {}) ?? {};
}
