// `numeric` operands: one comparison, or a lower bound (`>`/`>=`) followed by an upper bound
// (`<`/`<=`). `=`, `<` and `<=` end the expression, so a range must give its lower bound first.
// Token order and texts follow JsonRuleCompiler.processNumericMatchExpression / completeNumericRange.
import { reasons } from './errors.js';
import { PatternTokens, Tok } from './pattern-tokens.js';
import { exactDouble } from './numbers.js';
import type { Matcher } from './types.js';

function comparable(t: PatternTokens, text: string): number {
  const n = exactDouble(text);
  if (n === undefined) t.fail(reasons.cannotCompareNumber(text));
  return n;
}

function range(t: PatternTokens, lo: number, loOpen: boolean, hi: number, hiOpen: boolean, text: string): Matcher {
  return { k: 'numeric', lo, loOpen, hi, hiOpen, text };
}

export function parseNumeric(t: PatternTokens): Matcher {
  if (t.next() !== Tok.String) t.fail(reasons.invalidNumericMember(t.text));
  const op = t.text;
  if (op !== '=' && op !== '>' && op !== '>=' && op !== '<' && op !== '<=') {
    t.next();
    return t.fail(reasons.unrecognizedNumericOperator(op));
  }
  if (t.next() !== Tok.Number) t.fail(reasons.numericValueMustBeNumeric(op));
  const text = t.text;
  if (op === '=' || op === '<' || op === '<=') {
    if (t.next() !== Tok.EndArray) t.fail(reasons.tooManyNumericElements);
    const n = comparable(t, text);
    if (op === '=') return range(t, n, false, n, false, `= ${text}`);
    return range(t, -Infinity, false, n, op === '<', `${op} ${text}`);
  }
  const bottomText = text;
  if (t.next() === Tok.EndArray) {
    return range(t, comparable(t, bottomText), op === '>', Infinity, false, `${op} ${bottomText}`);
  }
  if (t.tok !== Tok.String) t.fail(reasons.badNumericRangeValue(t.text));
  const op2 = t.text;
  if (op2 !== '<' && op2 !== '<=') t.fail(reasons.badNumericRangeOperator(op2));
  if (t.next() !== Tok.Number) t.fail(reasons.numericValueMustBeNumeric(op2));
  const topText = t.text;
  if (t.next() !== Tok.EndArray) t.fail(reasons.tooManyNumericTerms);
  const lo = comparable(t, bottomText);
  const hi = comparable(t, topText);
  if (lo >= hi) t.fail(reasons.bottomNotBelowTop);
  return range(t, lo, op === '>', hi, op2 === '<', `${op} ${bottomText} ${op2} ${topText}`);
}
