import { invalidFilterPattern } from '../errors.js';
import { TokenStream, tokenize, type Token } from './lexer.js';
import { bareValue, compare, compileRegex, stringValue, type Operator, type PatternValue } from './values.js';

/**
 * JSON filter patterns: `{ $.a.b = "x" && ($.n > 1 || $.list[0] IS TRUE) }`. Selectors take
 * `.name`, `[index]`, `[*]` and `.*`; a comparison holds if any value the selector reaches
 * satisfies it; a message that is not JSON matches nothing.
 */

type Step = { kind: 'name'; name: string } | { kind: 'index'; index: number } | { kind: 'any' };

export type JsonExpr =
  | { kind: 'and' | 'or'; left: JsonExpr; right: JsonExpr }
  | { kind: 'compare'; path: Step[]; op: Operator; value: PatternValue }
  | { kind: 'is'; path: Step[]; what: 'TRUE' | 'FALSE' | 'NULL' }
  | { kind: 'notExists'; path: Step[] };

function parseSelector(text: string): Step[] {
  if (!text.startsWith('$')) throw invalidFilterPattern();
  const steps: Step[] = [];
  let i = 1;
  while (i < text.length) {
    if (text[i] === '.') {
      let j = i + 1;
      while (j < text.length && text[j] !== '.' && text[j] !== '[') j++;
      const name = text.slice(i + 1, j);
      if (!name) throw invalidFilterPattern();
      steps.push(name === '*' ? { kind: 'any' } : { kind: 'name', name });
      i = j;
    } else if (text[i] === '[') {
      const end = text.indexOf(']', i);
      if (end < 0) throw invalidFilterPattern();
      const inner = text.slice(i + 1, end);
      if (inner === '*') steps.push({ kind: 'any' });
      else if (/^\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else throw invalidFilterPattern();
      i = end + 1;
    } else {
      throw invalidFilterPattern();
    }
  }
  return steps;
}

function valueOf(t: Token): PatternValue {
  if (t.type === 'string') return stringValue(t.text);
  if (t.type === 'regex') return { kind: 'regex', regex: compileRegex(t.text) };
  if (t.type === 'word') return bareValue(t.text);
  throw invalidFilterPattern();
}

function parseComparison(ts: TokenStream): JsonExpr {
  const sel = ts.next();
  if (sel.type !== 'word') throw invalidFilterPattern();
  const path = parseSelector(sel.text);
  const t = ts.next();
  if (t.type === 'word' && t.text.toUpperCase() === 'IS') {
    const what = ts.next();
    const w = what.type === 'word' ? what.text.toUpperCase() : '';
    if (w !== 'TRUE' && w !== 'FALSE' && w !== 'NULL') throw invalidFilterPattern();
    return { kind: 'is', path, what: w };
  }
  if (t.type === 'word' && t.text.toUpperCase() === 'NOT') {
    const e = ts.next();
    if (e.type !== 'word' || e.text.toUpperCase() !== 'EXISTS') throw invalidFilterPattern();
    return { kind: 'notExists', path };
  }
  if (t.type !== 'op' || !['=', '!=', '<', '<=', '>', '>='].includes(t.text)) throw invalidFilterPattern();
  const op = t.text as Operator;
  const value = valueOf(ts.next());
  if (op !== '=' && op !== '!=' && value.kind !== 'number') throw invalidFilterPattern();
  return { kind: 'compare', path, op, value };
}

function parseUnary(ts: TokenStream): JsonExpr {
  if (ts.isOp('(')) {
    ts.next();
    const e = parseOr(ts);
    ts.expectOp(')');
    return e;
  }
  return parseComparison(ts);
}

function parseAnd(ts: TokenStream): JsonExpr {
  let left = parseUnary(ts);
  while (ts.isOp('&&')) {
    ts.next();
    left = { kind: 'and', left, right: parseUnary(ts) };
  }
  return left;
}

function parseOr(ts: TokenStream): JsonExpr {
  let left = parseAnd(ts);
  while (ts.isOp('||')) {
    ts.next();
    left = { kind: 'or', left, right: parseAnd(ts) };
  }
  return left;
}

/** Parse the text between the braces. */
export function parseJsonPattern(body: string): JsonExpr {
  const ts = new TokenStream(tokenize(body));
  if (ts.done()) throw invalidFilterPattern();
  const expr = parseOr(ts);
  if (!ts.done()) throw invalidFilterPattern();
  if (countRegex(expr) > 2) throw invalidFilterPattern();
  return expr;
}

function countRegex(e: JsonExpr): number {
  if (e.kind === 'and' || e.kind === 'or') return countRegex(e.left) + countRegex(e.right);
  return e.kind === 'compare' && e.value.kind === 'regex' ? 1 : 0;
}

function resolve(root: unknown, path: Step[]): unknown[] {
  let current: unknown[] = [root];
  for (const step of path) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== 'object') continue;
      if (step.kind === 'name') {
        if (!Array.isArray(v) && Object.hasOwn(v, step.name)) next.push((v as Record<string, unknown>)[step.name]);
      } else if (step.kind === 'index') {
        if (Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
      } else {
        next.push(...(Array.isArray(v) ? v : Object.values(v)));
      }
    }
    current = next;
  }
  return current;
}

export function evaluateJson(e: JsonExpr, doc: unknown): boolean {
  switch (e.kind) {
    case 'and':
      return evaluateJson(e.left, doc) && evaluateJson(e.right, doc);
    case 'or':
      return evaluateJson(e.left, doc) || evaluateJson(e.right, doc);
    case 'notExists':
      return resolve(doc, e.path).length === 0;
    case 'is': {
      const want = e.what === 'TRUE' ? true : e.what === 'FALSE' ? false : null;
      return resolve(doc, e.path).some((v) => v === want);
    }
    case 'compare':
      return resolve(doc, e.path).some((v) => compare(v, e.op, e.value));
  }
}

/** A compiled JSON pattern: parses each message once. */
export function jsonMatcher(body: string): (message: string) => boolean {
  const expr = parseJsonPattern(body);
  return (message) => {
    const trimmed = message.trimStart();
    if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return false;
    let doc: unknown;
    try {
      doc = JSON.parse(message);
    } catch {
      return false;
    }
    return evaluateJson(expr, doc);
  };
}
