import { invalidFilterPattern } from '../errors.js';
import { TokenStream, tokenize, type Token } from './lexer.js';
import { bareValue, compare, compileRegex, stringValue, type Operator, type PatternValue } from './values.js';

/**
 * Space-delimited filter patterns: `[ip, user, ..., status = 4*, bytes > 1000]`. A message splits
 * on spaces, with "quoted" and [bracketed] runs kept as one field; `...` stands for any number of
 * fields; conditions may name any field and combine with && and ||.
 */

type Cond =
  | { kind: 'and' | 'or'; left: Cond; right: Cond }
  | { kind: 'compare'; field: string; op: Operator; value: PatternValue }
  | { kind: 'true' };

interface Spec {
  before: string[];
  /** Names after the `...`, when there is one. */
  after?: string[];
  conds: Cond[];
}

function valueOf(t: Token): PatternValue {
  if (t.type === 'string') return stringValue(t.text);
  if (t.type === 'regex') return { kind: 'regex', regex: compileRegex(t.text) };
  if (t.type === 'word') return bareValue(t.text);
  throw invalidFilterPattern();
}

function parsePrimary(ts: TokenStream, names: string[]): Cond {
  if (ts.isOp('(')) {
    ts.next();
    const c = parseOr(ts, names);
    ts.expectOp(')');
    return c;
  }
  const t = ts.next();
  if (t.type !== 'word') throw invalidFilterPattern();
  names.push(t.text);
  const op = ts.peek();
  if (op?.type === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(op.text)) {
    ts.next();
    const value = valueOf(ts.next());
    if (op.text !== '=' && op.text !== '!=' && value.kind !== 'number') throw invalidFilterPattern();
    return { kind: 'compare', field: t.text, op: op.text as Operator, value };
  }
  return { kind: 'true' };
}

function parseAnd(ts: TokenStream, names: string[]): Cond {
  let left = parsePrimary(ts, names);
  while (ts.isOp('&&')) {
    ts.next();
    left = { kind: 'and', left, right: parsePrimary(ts, names) };
  }
  return left;
}

function parseOr(ts: TokenStream, names: string[]): Cond {
  let left = parseAnd(ts, names);
  while (ts.isOp('||')) {
    ts.next();
    left = { kind: 'or', left, right: parseAnd(ts, names) };
  }
  return left;
}

export function parseDelimitedPattern(body: string): Spec {
  const ts = new TokenStream(tokenize(body));
  const spec: Spec = { before: [], conds: [] };
  let regexes = 0;
  while (!ts.done()) {
    const first = ts.peek();
    if (first?.type === 'word' && first.text === '...') {
      ts.next();
      if (spec.after) throw invalidFilterPattern();
      spec.after = [];
    } else {
      const names: string[] = [];
      const cond = parseOr(ts, names);
      if (cond.kind !== 'true') spec.conds.push(cond);
      (spec.after ?? spec.before).push(names[0]!);
      regexes += countRegex(cond);
    }
    if (ts.done()) break;
    ts.expectOp(',');
    if (ts.done()) throw invalidFilterPattern();
  }
  if (regexes > 2) throw invalidFilterPattern();
  return spec;
}

function countRegex(c: Cond): number {
  if (c.kind === 'and' || c.kind === 'or') return countRegex(c.left) + countRegex(c.right);
  return c.kind === 'compare' && c.value.kind === 'regex' ? 1 : 0;
}

/** Fields of a message: space-separated, with "quoted" and [bracketed] runs as single fields. */
export function splitFields(message: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|\[([^\]]*)\]|(\S+)/g;
  for (let m = re.exec(message); m; m = re.exec(message)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

function holds(c: Cond, fields: Map<string, string>): boolean {
  switch (c.kind) {
    case 'true':
      return true;
    case 'and':
      return holds(c.left, fields) && holds(c.right, fields);
    case 'or':
      return holds(c.left, fields) || holds(c.right, fields);
    case 'compare': {
      const v = fields.get(c.field);
      return v !== undefined && compare(v, c.op, c.value, true);
    }
  }
}

export function delimitedMatcher(body: string): (message: string) => boolean {
  const spec = parseDelimitedPattern(body);
  return (message) => {
    const parts = splitFields(message);
    const named = new Map<string, string>();
    if (spec.after) {
      if (parts.length < spec.before.length + spec.after.length) return false;
      spec.before.forEach((n, i) => named.set(n, parts[i]!));
      const offset = parts.length - spec.after.length;
      spec.after.forEach((n, i) => named.set(n, parts[offset + i]!));
    } else {
      if (parts.length !== spec.before.length) return false;
      spec.before.forEach((n, i) => named.set(n, parts[i]!));
    }
    return spec.conds.every((c) => holds(c, named));
  };
}
