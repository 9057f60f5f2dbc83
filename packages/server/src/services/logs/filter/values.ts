import { invalidFilterPattern } from '../errors.js';

/**
 * Values in JSON and space-delimited filter patterns: quoted or bare strings (with `*` as a
 * wildcard), numbers, and `%regex%`. Shared comparison rules live here so both pattern kinds
 * agree on them.
 */

export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type PatternValue =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string; glob?: RegExp }
  | { kind: 'regex'; regex: RegExp };

/** Regex in filter patterns: AWS allows only these characters, and no groups. */
const REGEX_ALLOWED = /^[A-Za-z0-9_#=@/;,\-^$?[\]{}|\\*+.: ]*$/;

export function compileRegex(body: string): RegExp {
  if (!REGEX_ALLOWED.test(body)) throw invalidFilterPattern();
  try {
    return new RegExp(body);
  } catch {
    throw invalidFilterPattern();
  }
}

function globOf(text: string): RegExp | undefined {
  if (!text.includes('*')) return undefined;
  const body = text.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`, 's');
}

export function stringValue(value: string): PatternValue {
  return { kind: 'string', value, glob: globOf(value) };
}

/** A bare token: a number when it reads as one, else a string. */
export function bareValue(token: string): PatternValue {
  if (/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(token)) return { kind: 'number', value: Number(token) };
  return stringValue(token);
}

function matchesString(v: Extract<PatternValue, { kind: 'string' }>, s: string): boolean {
  return v.glob ? v.glob.test(s) : v.value === s;
}

/** Compare a JSON value (or a delimited field's text) with a pattern value. */
export function compare(actual: unknown, op: Operator, expected: PatternValue, fieldsAreText = false): boolean {
  if (expected.kind === 'regex') {
    if (typeof actual !== 'string') return op === '!=';
    const hit = expected.regex.test(actual);
    return op === '=' ? hit : op === '!=' ? !hit : false;
  }
  if (expected.kind === 'number') {
    let n: number | undefined;
    if (typeof actual === 'number') n = actual;
    else if (fieldsAreText && typeof actual === 'string' && actual.trim() !== '' && !Number.isNaN(Number(actual))) n = Number(actual);
    if (n === undefined) return op === '!=';
    switch (op) {
      case '=': return n === expected.value;
      case '!=': return n !== expected.value;
      case '<': return n < expected.value;
      case '<=': return n <= expected.value;
      case '>': return n > expected.value;
      case '>=': return n >= expected.value;
    }
  }
  if (op !== '=' && op !== '!=') return false;
  if (typeof actual !== 'string') return op === '!=';
  const hit = matchesString(expected, actual);
  return op === '=' ? hit : !hit;
}
