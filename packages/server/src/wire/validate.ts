import type { MemberRef, ServiceModel, Shape } from './model.js';

/**
 * Constraint validation of a decoded input against its model, worded as AWS's Coral frontend
 * words it: "Value 'x' at 'path.to.member' failed to satisfy constraint: Member must …".
 * Paths lower-case the first letter of each member and index lists from 1 (`entries.1.member.detail`).
 * Pure; returns the messages (empty when valid).
 */

const regexCache = new Map<string, RegExp | null>();

function compiledPattern(pattern: string): RegExp | null {
  let re = regexCache.get(pattern);
  if (re !== undefined) return re;
  re = null;
  for (const flags of ['u', '']) {
    try {
      re = new RegExp(`^(?:${pattern})$`, flags);
      break;
    } catch {
      // botocore patterns are Java regexes; a few do not compile in JS and are then not checked
    }
  }
  regexCache.set(pattern, re);
  return re;
}

function memberPath(parent: string, member: string): string {
  const name = member.charAt(0).toLowerCase() + member.slice(1);
  return parent ? `${parent}.${name}` : name;
}

export function renderValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return `'[${v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ')}]'`;
  if (v instanceof Date) return `'${v.toISOString()}'`;
  if (v instanceof Uint8Array) return `'java.nio.HeapByteBuffer[pos=0 lim=${v.length} cap=${v.length}]'`;
  return `'${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}=${typeof x === 'string' ? x : JSON.stringify(x)}`).join(', ')}'`;
}

function fail(out: string[], value: unknown, path: string, constraint: string): void {
  out.push(`Value ${renderValue(value)} at '${path}' failed to satisfy constraint: Member must ${constraint}`);
}

function lengthOf(v: unknown): number | undefined {
  if (typeof v === 'string') return [...v].length;
  if (Array.isArray(v)) return v.length;
  if (v instanceof Uint8Array) return v.length;
  if (v && typeof v === 'object' && !(v instanceof Date)) return Object.keys(v).length;
  return undefined;
}

function checkShape(model: ServiceModel, shape: Shape, value: unknown, path: string, out: string[]): void {
  const len = lengthOf(value);
  if (shape.type === 'integer' || shape.type === 'long' || shape.type === 'float' || shape.type === 'double') {
    if (typeof value === 'number') {
      if (shape.min !== undefined && value < shape.min) fail(out, value, path, `have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) fail(out, value, path, `have value less than or equal to ${shape.max}`);
    }
  } else if (len !== undefined) {
    if (shape.min !== undefined && len < shape.min) fail(out, value, path, `have length greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && len > shape.max) fail(out, value, path, `have length less than or equal to ${shape.max}`);
  }
  if (shape.type === 'string' && typeof value === 'string') {
    if (shape.enum && !shape.enum.includes(value)) fail(out, value, path, `satisfy enum value set: [${shape.enum.join(', ')}]`);
    if (shape.pattern) {
      const re = compiledPattern(shape.pattern);
      if (re && !re.test(value)) fail(out, value, path, `satisfy regular expression pattern: ${shape.pattern}`);
    }
  }
  if (shape.type === 'structure' && value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const req of shape.required ?? []) {
      if (record[req] === undefined || record[req] === null) fail(out, null, memberPath(path, req), 'not be null');
    }
    for (const [name, ref] of Object.entries(shape.members ?? {})) {
      const v = record[name];
      if (v !== undefined && v !== null) checkRef(model, ref, v, memberPath(path, name), out);
    }
  } else if (shape.type === 'list' && Array.isArray(value) && shape.member) {
    value.forEach((item, i) => {
      if (item !== null && item !== undefined) checkRef(model, shape.member!, item, `${path}.${i + 1}.member`, out);
    });
  } else if (shape.type === 'map' && value && typeof value === 'object' && shape.value) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (shape.key) checkRef(model, shape.key, k, `${path}.${k}.key`, out);
      if (v !== null && v !== undefined) checkRef(model, shape.value, v, `${path}.${k}.value`, out);
    }
  }
}

function checkRef(model: ServiceModel, ref: MemberRef, value: unknown, path: string, out: string[]): void {
  const shape = model.shapes[ref.shape];
  if (shape) checkShape(model, shape, value, path, out);
}

/** Validate `input` against the operation input shape; returns Coral-worded messages. */
export function validateInput(model: ServiceModel, shapeName: string | undefined, input: unknown): string[] {
  const out: string[] = [];
  if (!shapeName) return out;
  const shape = model.shapes[shapeName];
  if (shape) checkShape(model, shape, input ?? {}, '', out);
  return out;
}
