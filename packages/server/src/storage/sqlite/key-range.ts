/**
 * Key-range arithmetic for prefix scans. Pure logic, no SQL: SQLite compares TEXT keys by their
 * UTF-8 bytes, which is the same as comparing code points, so "starts with p" is exactly the
 * half-open range [p, successor(p)) and the primary-key index can answer it without a full scan
 * (LIKE/GLOB would need escaping and only use the index under narrow conditions).
 */

const MAX_CODE_POINT = 0x10ffff;
const SURROGATE_START = 0xd800;
const SURROGATE_END = 0xdfff;

/**
 * The smallest string greater than every string that starts with `prefix`, or undefined when
 * there is none (empty prefix, or a prefix made only of U+10FFFF).
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const points = Array.from(prefix, (ch) => ch.codePointAt(0) ?? 0);
  while (points.length > 0) {
    const last = points.pop() ?? 0;
    if (last < MAX_CODE_POINT) {
      let next = last + 1;
      // Lone surrogates cannot be encoded as UTF-8, so no stored key contains them; skip over.
      if (next >= SURROGATE_START && next <= SURROGATE_END) next = SURROGATE_END + 1;
      points.push(next);
      return String.fromCodePoint(...points);
    }
    // U+10FFFF cannot be incremented: carry into the previous code point.
  }
  return undefined;
}

/** Lower (inclusive/exclusive) and upper (exclusive) bounds of a listing, for building a query. */
export interface KeyBounds {
  /** Keys >= this (the prefix), when set. */
  from?: string;
  /** Keys > this (startAfter), when set. */
  after?: string;
  /** Keys < this (successor of the prefix), when set. */
  below?: string;
}

export function keyBounds(options: { prefix?: string; startAfter?: string }): KeyBounds {
  const bounds: KeyBounds = {};
  if (options.prefix) {
    // Only one lower bound: given both, SQLite may seek to the prefix and step over every key up
    // to startAfter, which makes deep pages linearly slower. The larger bound is the one to keep.
    if (options.startAfter === undefined || options.startAfter < options.prefix) bounds.from = options.prefix;
    const below = prefixUpperBound(options.prefix);
    if (below !== undefined) bounds.below = below;
  }
  if (options.startAfter !== undefined) bounds.after = options.startAfter;
  return bounds;
}
