// Whether one event leaf value satisfies one matcher, written plainly: the reference interpreter
// uses these directly, and the compiled machine uses them to confirm candidates it found by index.
import { equalsIgnoreCase, prefixIgnoreCase, suffixIgnoreCase } from './case-fold.js';
import { parseIp } from './ip.js';
import { wildcardMatches } from './wildcard.js';
import type { Matcher, Value } from './types.js';

export function inIpRange(m: Extract<Matcher, { k: 'ip' }>, s: string): boolean {
  const ip = parseIp(s);
  return ip !== undefined && ip.v6 === m.range.v6 && ip.value >= m.range.lo && ip.value <= m.range.hi;
}

export function inNumericRange(m: Extract<Matcher, { k: 'numeric' }>, n: number): boolean {
  if (m.loOpen ? !(n > m.lo) : !(n >= m.lo)) return false;
  return m.hiOpen ? n < m.hi : n <= m.hi;
}

/** `exists` is about the field, not a value: callers handle it; here it never matches. */
export function valueMatches(m: Matcher, v: Value): boolean {
  switch (m.k) {
    case 'str':
      return v.t === 'str' && v.s === m.s;
    case 'num':
      // A number matches by exact text, or by value when both sides are exact doubles.
      return v.t === 'num' && (v.raw === m.raw || (m.n !== undefined && v.n !== undefined && v.n === m.n));
    case 'lit':
      return v.t === m.v;
    case 'ip':
      return v.t === 'str' && inIpRange(m, v.s);
    case 'prefix':
      return v.t === 'str' && v.s.startsWith(m.s);
    case 'suffix':
      return v.t === 'str' && v.s.endsWith(m.s);
    case 'prefix-ic':
      return v.t === 'str' && prefixIgnoreCase(m.s, v.s);
    case 'suffix-ic':
      return v.t === 'str' && suffixIgnoreCase(m.s, v.s);
    case 'eic':
      return v.t === 'str' && equalsIgnoreCase(m.s, v.s);
    case 'wildcard':
      return v.t === 'str' && wildcardMatches(m.prog, v.s);
    case 'numeric':
      return v.t === 'num' && v.n !== undefined && inNumericRange(m, v.n);
    case 'exists':
      return false;
    // anything-but matches any present leaf — null, booleans, numbers included — that is not
    // excluded; only a value of the excluded kind can be excluded.
    case 'ab-str':
      return !(v.t === 'str' && m.values.includes(v.s));
    case 'ab-num':
      return !(v.t === 'num' && v.n !== undefined && m.values.includes(v.n));
    case 'ab-prefix':
      return !(v.t === 'str' && m.values.some((p) => v.s.startsWith(p)));
    case 'ab-suffix':
      return !(v.t === 'str' && m.values.some((p) => v.s.endsWith(p)));
    case 'ab-eic':
      return !(v.t === 'str' && m.values.some((p) => equalsIgnoreCase(p, v.s)));
    case 'ab-wildcard':
      return !(v.t === 'str' && m.progs.some((p) => wildcardMatches(p, v.s)));
  }
}

/** Whether a leaf satisfies a condition's matcher list; `exists: true` is met by any leaf. */
export function leafAccepted(matchers: readonly Matcher[], v: Value): boolean {
  for (const m of matchers) if (m.k === 'exists' ? m.v : valueMatches(m, v)) return true;
  return false;
}

/** A short human description of a matcher, for explanations. */
export function describe(m: Matcher): string {
  switch (m.k) {
    case 'str':
      return JSON.stringify(m.s);
    case 'num':
      return m.raw;
    case 'lit':
      return m.v;
    case 'ip':
      return `ip ${m.text}`;
    case 'numeric':
      return `numeric ${m.text}`;
    case 'exists':
      return `exists ${m.v}`;
    case 'ab-num':
      return `anything-but ${JSON.stringify(m.values)}`;
    case 'ab-str':
    case 'ab-prefix':
    case 'ab-suffix':
    case 'ab-eic':
    case 'ab-wildcard':
      return `${m.k.replace('ab-', 'anything-but ').replace('anything-but str', 'anything-but')} ${JSON.stringify(m.values)}`;
    default:
      return `${m.k} ${JSON.stringify(m.s)}`;
  }
}
