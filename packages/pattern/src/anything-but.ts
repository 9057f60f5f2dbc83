// `anything-but`: a string or number, a list of all-strings or all-numbers, or one nested operator
// (`prefix`, `suffix`, `equals-ignore-case`, `wildcard`) with a value or a list of values.
// Token order and texts follow JsonRuleCompiler's anything-but branch. Errors raised inside its
// list readers are caught and re-raised by event-ruler with the location appended twice; kept.
import { reasons, PatternError } from './errors.js';
import { PatternTokens, Tok } from './pattern-tokens.js';
import { exactDouble } from './numbers.js';
import { parseWildcard, type WildcardProgram } from './wildcard.js';
import type { Matcher } from './types.js';

type Nested = 'ab-prefix' | 'ab-suffix' | 'ab-eic' | 'ab-wildcard';
const NESTED: Record<string, Nested> = {
  'equals-ignore-case': 'ab-eic',
  prefix: 'ab-prefix',
  suffix: 'ab-suffix',
  wildcard: 'ab-wildcard',
};

function typeFault(kind: Nested): string {
  if (kind === 'ab-eic') return reasons.anythingButEicType;
  if (kind === 'ab-wildcard') return reasons.wildcardMustBeString;
  return reasons.anythingButAffixType;
}

function checkValue(t: PatternTokens, kind: Nested, text: string, inList: boolean): void {
  if ((kind === 'ab-prefix' || kind === 'ab-suffix') && text === '') t.fail(reasons.nullAffix, inList);
}

/** Wildcard operands are parsed after the whole list is read, as event-ruler does. */
function wildcards(t: PatternTokens, values: string[]): WildcardProgram[] {
  const progs: WildcardProgram[] = [];
  for (const v of values) {
    try {
      progs.push(parseWildcard(v));
    } catch (e) {
      t.fail(e instanceof Error ? e.message : String(e));
    }
  }
  return progs;
}

function nestedMatcher(t: PatternTokens, kind: Nested, values: string[]): Matcher {
  if (kind === 'ab-wildcard') return { k: kind, values, progs: wildcards(t, values) };
  return { k: kind, values };
}

export function parseAnythingBut(t: PatternTokens): Matcher {
  let kind: Nested | undefined;
  let tok = t.next();
  if (tok === Tok.StartObject) {
    if (t.next() !== Tok.FieldName) t.fail(reasons.anythingButNameNotFound);
    const op = t.text;
    kind = NESTED[op];
    if (!kind) t.fail(reasons.unsupportedAnythingBut(op));
    tok = t.next();
  }
  if (tok !== Tok.StartArray && tok !== Tok.String && tok !== Tok.Number) t.fail(reasons.anythingButValueType);
  let m: Matcher;
  if (kind === undefined) {
    m = tok === Tok.StartArray ? plainList(t) : plainSingle(t, tok);
  } else {
    const values: string[] = [];
    if (tok === Tok.StartArray) {
      while ((tok = t.next()) !== Tok.EndArray) {
        if (tok !== Tok.String) t.fail(typeFault(kind), true);
        checkValue(t, kind, t.text, true);
        values.push(t.text);
      }
      // Bosun refuses an empty list: AWS accepts it and then cannot evaluate the rule, and an
      // anything-but with nothing to exclude would match every event carrying the field.
      if (values.length === 0) t.fail(reasons.emptyArray);
    } else {
      if (tok !== Tok.String) t.fail(typeFault(kind));
      checkValue(t, kind, t.text, false);
      values.push(t.text);
    }
    m = nestedMatcher(t, kind, values);
  }
  if (t.next() !== Tok.EndObject) t.fail(reasons.tooManyNumericElements);
  if (kind !== undefined && t.next() !== Tok.EndObject) t.fail(reasons.tooManyNumericElements);
  return m;
}

function plainList(t: PatternTokens): Matcher {
  const strings: string[] = [];
  const numbers: number[] = [];
  let tok: Tok;
  while ((tok = t.next()) !== Tok.EndArray) {
    if (tok === Tok.String) strings.push(t.text);
    else if (tok === Tok.Number) {
      const n = exactDouble(t.text);
      if (n === undefined) t.fail(reasons.cannotCompareNumber(t.text));
      numbers.push(n);
    } else t.fail(reasons.anythingButListType, true);
  }
  if ((strings.length > 0) === (numbers.length > 0)) t.fail(reasons.anythingButMixed);
  return numbers.length > 0 ? { k: 'ab-num', values: numbers } : { k: 'ab-str', values: strings };
}

function plainSingle(t: PatternTokens, tok: Tok): Matcher {
  if (tok === Tok.String) return { k: 'ab-str', values: [t.text] };
  const n = exactDouble(t.text);
  // ComparableNumber's IllegalArgumentException escapes the parser here: no location.
  if (n === undefined) throw new PatternError(reasons.cannotCompareNumber(t.text));
  return { k: 'ab-num', values: [n] };
}
