// Pattern text -> CompiledPattern, reading tokens in the order event-ruler's JsonRuleCompiler
// does so that the first fault found, and its reason text, are the ones AWS reports.
// `$or` is expanded at compile time into alternatives; a leaf written twice keeps the last write
// (event-ruler's rule.put), including across `$or` branches.
import { reasons, PatternError } from './errors.js';
import { PatternTokens, Tok } from './pattern-tokens.js';
import { parseMatchExpression } from './match-expression.js';
import { exactDouble } from './numbers.js';
import { looksLikeIp, parseIp } from './ip.js';
import type { Alternative, CompiledPattern, Condition, Matcher } from './types.js';

export const LIMITS = {
  /** EventBridge's default quota for an event pattern, in characters (adjustable to 4096). */
  defaultMaxLength: 2048,
  /** PutRule's API maximum for EventPattern. */
  maxLength: 4096,
  /** AWS's documented cap on the combinations a `$or` pattern may expand to. */
  maxCombinations: 1000,
  /** Bosun's guard: AWS documents none, and compilation recurses per level. */
  maxDepth: 100,
} as const;

const RESERVED_IN_OR = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard',
  'numeric', 'cidr', '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case',
  'date-after', 'date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range',
  'ip-address-in-range', 'ip-address-not-in-range',
]);

type Alt = Map<string, Condition>;

class Compiler {
  private readonly t: PatternTokens;
  private readonly orEnabled: boolean;

  constructor(src: string, orEnabled: boolean) {
    this.t = new PatternTokens(src);
    this.orEnabled = orEnabled;
  }

  run(): Alt[] {
    const alts: Alt[] = [];
    if (this.t.next() !== Tok.StartObject) this.t.fail(reasons.filterNotObject);
    this.object(alts, '', false, 1);
    return alts;
  }

  private object(alts: Alt[], prefix: string, insideOr: boolean, depth: number): void {
    if (depth > LIMITS.maxDepth) throw new PatternError(reasons.tooDeep(LIMITS.maxDepth));
    const t = this.t;
    let any = false;
    while (t.next() !== Tok.EndObject) {
      any = true;
      const name = t.text;
      if (this.orEnabled && name === '$or') {
        this.or(alts, prefix, depth);
        continue;
      }
      if (insideOr && RESERVED_IN_OR.has(name)) t.fail(reasons.orReservedField(name));
      const tok = t.next();
      const path = prefix === '' ? name : `${prefix}.${name}`;
      if (tok === Tok.StartObject) this.object(alts, path, insideOr, depth + 1);
      else if (tok === Tok.StartArray) this.values(alts, path);
      else t.fail(reasons.mustBeObjectOrArray(name));
    }
    if (!any) t.fail(reasons.emptyObject);
  }

  private or(alts: Alt[], prefix: string, depth: number): void {
    const t = this.t;
    const before = alts.map((a) => new Map(a));
    alts.length = 0;
    if (t.next() !== Tok.StartArray) t.fail(reasons.orMustBeArray);
    let count = 0;
    let tok: Tok;
    while ((tok = t.next()) !== Tok.EndArray) {
      count++;
      if (tok !== Tok.StartObject) t.fail(reasons.orOnlyObjects);
      const branch = before.map((a) => new Map(a));
      if (branch.length === 0) branch.push(new Map());
      this.object(branch, prefix, true, depth + 1);
      alts.push(...branch);
      if (alts.length > LIMITS.maxCombinations) {
        throw new PatternError(reasons.tooManyCombinations(LIMITS.maxCombinations));
      }
    }
    if (count < 2) t.fail(reasons.orAtLeastTwo);
  }

  private values(alts: Alt[], path: string): void {
    const t = this.t;
    const matchers: Matcher[] = [];
    let tok: Tok;
    while ((tok = t.next()) !== Tok.EndArray) {
      switch (tok) {
        case Tok.StartObject:
          matchers.push(parseMatchExpression(t));
          break;
        case Tok.String: {
          // A string that is an IP literal becomes a one-address range (CIDR.ipToRangeIfPossible),
          // so "10.0.0.1" also matches the event value "010.0.0.1".
          const s = t.text;
          const ip = looksLikeIp(s) ? parseIp(s) : undefined;
          matchers.push(ip ? { k: 'ip', range: { v6: ip.v6, lo: ip.value, hi: ip.value }, text: s } : { k: 'str', s });
          break;
        }
        case Tok.Number:
          matchers.push({ k: 'num', raw: t.text, n: exactDouble(t.text) });
          break;
        case Tok.True:
        case Tok.False:
        case Tok.Null:
          matchers.push({ k: 'lit', v: t.text as 'true' | 'false' | 'null' });
          break;
        default:
          t.fail(reasons.matchValueType);
      }
    }
    if (matchers.length === 0) t.fail(reasons.emptyArray);
    if (alts.length === 0) alts.push(new Map());
    for (const alt of alts) {
      alt.delete(path); // last write wins, and takes the last position
      alt.set(path, { path, matchers });
    }
  }
}

/**
 * Compiles a pattern. EventBridge compiles with the `$or`-aware compiler and, when that fails,
 * retries with event-ruler's legacy compiler, which reads `$or` as an ordinary field name — so
 * `{"$or": [{"prefix": "a"}, …]}` is a field called "$or". When both fail, the retry's reason is
 * the one reported.
 */
export function compilePattern(src: string, maxLength: number = LIMITS.maxLength): CompiledPattern {
  if (src.length > maxLength) throw new PatternError(reasons.tooLong(maxLength));
  let alts: Alt[];
  try {
    alts = new Compiler(src, true).run();
  } catch (e) {
    if (!(e instanceof PatternError) || !src.includes('"$or"')) throw e;
    if (e.reason === reasons.tooManyCombinations(LIMITS.maxCombinations)) throw e;
    alts = new Compiler(src, false).run();
  }
  const alternatives: Alternative[] = alts.map((a) => [...a.values()]);
  return { alternatives };
}
