// Numbers compare as IEEE-754 doubles, but only numbers that *are* doubles take part.
// event-ruler's ComparableNumber.generate parses the JSON text as a BigDecimal, converts it to a
// double and refuses it ("Cannot compare number : …") unless BigDecimal.valueOf(double) — the
// shortest decimal that round-trips — equals the original value. So 0.1 and 3e2 are comparable,
// while 9007199254740993 (2^53+1) or 1e400 are not: a pattern refuses them in `numeric` and
// `anything-but`, keeps them as an exact-text match in a plain value list, and an event value like
// that never matches numerically. That is how integers beyond 2^53 keep their precision.

/** A decimal as sign, significant digits (no leading/trailing zeros) and exponent of the last digit. */
interface Decimal {
  readonly neg: boolean;
  readonly digits: string;
  readonly exp: number;
}

function parseDecimal(text: string): Decimal | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  let digits = intPart + frac;
  let exp = Number(m[4] ?? '0') - frac.length;
  digits = digits.replace(/^0+/, '');
  if (digits === '') return { neg: false, digits: '', exp: 0 };
  const trimmed = digits.replace(/0+$/, '');
  exp += digits.length - trimmed.length;
  return { neg: m[1] === '-', digits: trimmed, exp };
}

function sameDecimal(a: Decimal, b: Decimal): boolean {
  return a.digits === b.digits && (a.digits === '' || (a.neg === b.neg && a.exp === b.exp));
}

/**
 * The double a JSON number text denotes, or undefined when that text is not exactly the shortest
 * decimal of a finite double (ComparableNumber's rule). -0 folds to 0, as BigDecimal has no -0.
 */
export function exactDouble(text: string): number | undefined {
  const n = Number(text);
  if (!Number.isFinite(n)) return undefined;
  // Fast path: short integers and plain decimals are always their own shortest representation.
  if (text.length < 16 && /^-?(0|[1-9]\d*)$/.test(text)) return n === 0 ? 0 : n;
  const lit = parseDecimal(text);
  const shortest = parseDecimal(shortestText(n));
  if (!lit || !shortest || !sameDecimal(lit, shortest)) return undefined;
  return n === 0 ? 0 : n;
}

function shortestText(n: number): string {
  // JS's Number#toString is the shortest round-tripping decimal, as Java's Double.toString is
  // since JDK 19 (Raffaello Giulietti's algorithm).
  return String(n).replace('e+', 'e');
}
