// One `{ "<operator>": … }` object inside a field's value list, read token by token in
// JsonRuleCompiler.processMatchExpression's order (so the same fault is found first).
import { reasons, PatternError } from './errors.js';
import { PatternTokens, Tok } from './pattern-tokens.js';
import { parseNumeric } from './numeric-expression.js';
import { parseAnythingBut } from './anything-but.js';
import { parseCidr } from './ip.js';
import { parseWildcard } from './wildcard.js';
import type { Matcher } from './types.js';

function closeObject(t: PatternTokens): void {
  if (t.next() !== Tok.EndObject) t.fail(reasons.onlyOneKey);
}

function stringOperand(t: PatternTokens, reason: string): string {
  if (t.next() !== Tok.String) t.fail(reason);
  return t.text;
}

/** `prefix`/`suffix` may hold `{"equals-ignore-case": "…"}` for a case-insensitive affix. */
function affix(t: PatternTokens, kind: 'prefix' | 'suffix'): Matcher {
  const tok = t.next();
  if (tok === Tok.StartObject) {
    if (t.next() !== Tok.FieldName) t.fail(kind === 'prefix' ? reasons.prefixNameNotFound : reasons.suffixNameNotFound);
    const op = t.text;
    if (op !== 'equals-ignore-case') t.fail(kind === 'prefix' ? reasons.unsupportedPrefix(op) : reasons.unsupportedSuffix(op));
    const s = stringOperand(t, reasons.eicMustBeString);
    closeObject(t);
    closeObject(t);
    return { k: kind === 'prefix' ? 'prefix-ic' : 'suffix-ic', s };
  }
  if (tok !== Tok.String) t.fail(kind === 'prefix' ? reasons.prefixMustBeString : reasons.suffixMustBeString);
  const s = t.text;
  closeObject(t);
  return { k: kind, s };
}

/** Errors thrown by helpers that run outside Jackson's parser carry no location, as on AWS. */
function bare(fn: () => Matcher): Matcher {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PatternError) throw e;
    throw new PatternError(e instanceof Error ? e.message : String(e));
  }
}

export function parseMatchExpression(t: PatternTokens): Matcher {
  if (t.next() !== Tok.FieldName) t.fail(reasons.matchExpressionNameNotFound);
  const name = t.text;
  switch (name) {
    case 'exactly': {
      const s = stringOperand(t, reasons.exactMustBeString);
      closeObject(t);
      return { k: 'str', s };
    }
    case 'prefix':
    case 'suffix':
      return affix(t, name);
    case 'numeric': {
      if (t.next() !== Tok.StartArray) t.fail(reasons.numericMustBeArray);
      const m = parseNumeric(t);
      if (t.next() !== Tok.EndObject) t.fail(reasons.tooManyNumericElements);
      return m;
    }
    case 'anything-but':
      return parseAnythingBut(t);
    case 'exists': {
      const tok = t.next();
      if (tok !== Tok.True && tok !== Tok.False) t.fail(reasons.existsMustBeBoolean);
      closeObject(t);
      return { k: 'exists', v: tok === Tok.True };
    }
    case 'cidr': {
      // event-ruler's own copy-paste: a non-string cidr operand is reported as a prefix fault.
      const text = stringOperand(t, reasons.prefixMustBeString);
      const m = bare(() => ({ k: 'ip', range: parseCidr(text), text }));
      closeObject(t);
      return m;
    }
    case 'equals-ignore-case': {
      const s = stringOperand(t, reasons.eicMustBeString);
      closeObject(t);
      return { k: 'eic', s };
    }
    case 'wildcard': {
      const s = stringOperand(t, reasons.wildcardMustBeString);
      let prog;
      try {
        prog = parseWildcard(s);
      } catch (e) {
        t.fail(e instanceof Error ? e.message : String(e));
      }
      closeObject(t);
      return { k: 'wildcard', s, prog };
    }
    default:
      return t.fail(reasons.unrecognizedMatchType(name));
  }
}
