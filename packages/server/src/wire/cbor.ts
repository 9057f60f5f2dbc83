import { serializationException, type AwsError } from '../errors/index.js';
import type { ServiceModel, Shape } from './model.js';
import type { WireResponse } from './wire-types.js';

/**
 * AWS's CBOR protocol (`application/x-amz-cbor-1.1`), which the AWS SDKs for Java use for Kinesis:
 * the awsJson1_1 protocol with CBOR bodies. Blobs are byte strings and timestamps are tag 1 with
 * epoch *milliseconds* (not RFC 8949's seconds; aws-sdk-java-v2 #184, #979), in both directions.
 */

export const CBOR_CONTENT_TYPE = 'application/x-amz-cbor-1.1';

export function isCborRequest(contentType: string | undefined): boolean {
  return (contentType ?? '').toLowerCase().startsWith(CBOR_CONTENT_TYPE);
}

const BREAK = Symbol('break');

class Reader {
  private at = 0;
  constructor(private readonly buf: Buffer) {}

  done(): boolean {
    return this.at >= this.buf.length;
  }

  private take(n: number): Buffer {
    if (this.at + n > this.buf.length) throw new Error('truncated');
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  private length(info: number): number | undefined {
    if (info < 24) return info;
    if (info === 24) return this.take(1).readUInt8(0);
    if (info === 25) return this.take(2).readUInt16BE(0);
    if (info === 26) return this.take(4).readUInt32BE(0);
    if (info === 27) {
      const big = this.take(8).readBigUInt64BE(0);
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('integer too large');
      return Number(big);
    }
    if (info === 31) return undefined;
    throw new Error('bad additional information');
  }

  private chunks(major: number): Buffer {
    const parts: Buffer[] = [];
    for (;;) {
      const b = this.take(1).readUInt8(0);
      if (b === 0xff) return Buffer.concat(parts);
      if (b >> 5 !== major) throw new Error('bad chunk');
      const n = this.length(b & 31);
      if (n === undefined) throw new Error('nested indefinite string');
      parts.push(this.take(n));
    }
  }

  value(): unknown {
    const b = this.take(1).readUInt8(0);
    const major = b >> 5;
    const info = b & 31;
    switch (major) {
      case 0:
        return this.length(info);
      case 1:
        return -1 - (this.length(info) ?? 0);
      case 2:
      case 3: {
        const n = this.length(info);
        const bytes = n === undefined ? this.chunks(major) : Buffer.from(this.take(n));
        return major === 2 ? bytes : bytes.toString('utf8');
      }
      case 4: {
        const n = this.length(info);
        const out: unknown[] = [];
        for (let i = 0; n === undefined || i < n; i++) {
          const v = this.value();
          if (v === BREAK) {
            if (n !== undefined) throw new Error('unexpected break');
            break;
          }
          out.push(v);
        }
        return out;
      }
      case 5: {
        const n = this.length(info);
        const out: Record<string, unknown> = {};
        for (let i = 0; n === undefined || i < n; i++) {
          const k = this.value();
          if (k === BREAK) {
            if (n !== undefined) throw new Error('unexpected break');
            break;
          }
          out[String(k)] = this.value();
        }
        return out;
      }
      case 6: {
        const tag = this.length(info);
        const inner = this.value();
        return tag === 1 && typeof inner === 'number' ? new Date(inner) : inner;
      }
      default:
        if (info === 20) return false;
        if (info === 21) return true;
        if (info === 22 || info === 23) return null;
        if (info === 25) return halfFloat(this.take(2).readUInt16BE(0));
        if (info === 26) return this.take(4).readFloatBE(0);
        if (info === 27) return this.take(8).readDoubleBE(0);
        if (info === 31) return BREAK;
        throw new Error('bad simple value');
    }
  }
}

function halfFloat(h: number): number {
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  const sign = h & 0x8000 ? -1 : 1;
  if (exp === 0) return sign * 2 ** -14 * (mant / 1024);
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + mant / 1024);
}

export function decodeCbor(buf: Buffer): unknown {
  const r = new Reader(buf);
  const v = r.value();
  if (v === BREAK || !r.done()) throw new Error('trailing data');
  return v;
}

function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
  if (n < 0x100000000) {
    const b = Buffer.alloc(5);
    b[0] = (major << 5) | 26;
    b.writeUInt32BE(n, 1);
    return b;
  }
  const b = Buffer.alloc(9);
  b[0] = (major << 5) | 27;
  b.writeBigUInt64BE(BigInt(n), 1);
  return b;
}

function encodeInto(v: unknown, out: Buffer[]): void {
  if (v === null || v === undefined) out.push(Buffer.from([0xf6]));
  else if (v === true || v === false) out.push(Buffer.from([v ? 0xf5 : 0xf4]));
  else if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) out.push(v >= 0 ? head(0, v) : head(1, -1 - v));
    else {
      const b = Buffer.alloc(9);
      b[0] = 0xfb;
      b.writeDoubleBE(v, 1);
      out.push(b);
    }
  } else if (typeof v === 'string') {
    const bytes = Buffer.from(v, 'utf8');
    out.push(head(3, bytes.length), bytes);
  } else if (v instanceof Date) {
    out.push(Buffer.from([0xc1]));
    encodeInto(v.getTime(), out);
  } else if (v instanceof Uint8Array) {
    out.push(head(2, v.length), Buffer.from(v));
  } else if (Array.isArray(v)) {
    out.push(head(4, v.length));
    for (const x of v) encodeInto(x, out);
  } else if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    out.push(head(5, entries.length));
    for (const [k, x] of entries) {
      encodeInto(k, out);
      encodeInto(x, out);
    }
  } else throw new Error(`cannot encode ${typeof v}`);
}

export function encodeCbor(v: unknown): Buffer {
  const out: Buffer[] = [];
  encodeInto(v, out);
  return Buffer.concat(out);
}

/** A CBOR request body as the JSON decoder expects it: blobs as base64, timestamps as epoch seconds. */
export function cborBodyAsJson(body: Buffer): unknown {
  let decoded: unknown;
  try {
    decoded = body.length ? decodeCbor(body) : {};
  } catch {
    throw serializationException('Start of structure or map found where not expected.');
  }
  const convert = (v: unknown): unknown => {
    if (v instanceof Date) return v.getTime() / 1000;
    if (Buffer.isBuffer(v)) return v.toString('base64');
    if (Array.isArray(v)) return v.map(convert);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(x)]));
    return v;
  };
  return convert(decoded);
}

function cborShape(model: ServiceModel, shape: Shape, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  switch (shape.type) {
    case 'structure': {
      const src = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const v = src[name];
        const s = model.shapes[ref.shape];
        if (v !== undefined && v !== null && !ref.location) out[ref.locationName ?? name] = s ? cborShape(model, s, v) : v;
      }
      return out;
    }
    case 'list': {
      const s = model.shapes[shape.member!.shape];
      return (value as unknown[]).map((x) => (s ? cborShape(model, s, x) : x));
    }
    case 'map': {
      const s = model.shapes[shape.value!.shape];
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, x]) => [k, s ? cborShape(model, s, x) : x]));
    }
    case 'timestamp':
      return value instanceof Date ? value : new Date(typeof value === 'number' ? value : Date.parse(String(value)));
    case 'blob':
      return Buffer.from(value as Uint8Array);
    default:
      return value;
  }
}

/** Encode an operation's typed output as a CBOR response. */
export function cborResponse(model: ServiceModel, shapeName: string | undefined, output: unknown, requestId: string): WireResponse {
  const shape = shapeName ? model.shapes[shapeName] : undefined;
  const body = shape ? cborShape(model, shape, output ?? {}) : {};
  return { status: 200, headers: { 'content-type': CBOR_CONTENT_TYPE, 'x-amzn-requestid': requestId }, body: encodeCbor(body) };
}

/** An AWS error as CBOR clients read it: `__type` and `message` in the body, the code in `x-amzn-ErrorType` too. */
export function cborError(error: AwsError, requestId: string): WireResponse {
  const body = error.message ? { __type: error.code, message: error.message, ...error.fields } : { __type: error.code, ...error.fields };
  return { status: error.status, headers: { 'content-type': CBOR_CONTENT_TYPE, 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code, ...error.headers }, body: encodeCbor(body) };
}
