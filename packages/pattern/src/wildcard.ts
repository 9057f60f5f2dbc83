// `wildcard` operands: `*` matches any run of characters (including none); `\*` is a literal
// asterisk and `\\` a literal backslash; any other escape, and `**`, are rejected. event-ruler's
// WildcardParser reports faults as UTF-8 byte offsets into the operand wrapped in quotes, so the
// opening quote is position 0 (a trailing backslash "escapes" the closing quote and is invalid).
import { reasons } from './errors.js';

/** The literal runs between the stars: `a*b*c` is ['a','b','c'], `*a` is ['', 'a']. */
export interface WildcardProgram {
  readonly parts: readonly string[];
}

const utf8 = new TextEncoder();

function bytePos(text: string, index: number): number {
  return utf8.encode(text.slice(0, index)).length + 1;
}

/** Parses a wildcard operand; throws Error(reason) as event-ruler does. */
export function parseWildcard(text: string): WildcardProgram {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '*') {
      if (text[i + 1] === '*') throw new Error(reasons.consecutiveWildcards(bytePos(text, i)));
      parts.push(cur);
      cur = '';
    } else if (c === '\\') {
      const n = text[i + 1];
      if (n !== '*' && n !== '\\') throw new Error(reasons.invalidEscape(bytePos(text, i)));
      cur += n;
      i++;
    } else {
      cur += c;
    }
  }
  parts.push(cur);
  return { parts };
}

export function wildcardMatches(prog: WildcardProgram, s: string): boolean {
  const parts = prog.parts;
  const first = parts[0] ?? '';
  if (parts.length === 1) return s === first;
  const last = parts[parts.length - 1] ?? '';
  if (s.length < first.length + last.length) return false;
  if (!s.startsWith(first) || !s.endsWith(last)) return false;
  // Leftmost placement of each middle run is optimal for star-only globs.
  let pos = first.length;
  const end = s.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const p = parts[i] ?? '';
    const at = s.indexOf(p, pos);
    if (at < 0 || at + p.length > end) return false;
    pos = at + p.length;
  }
  return true;
}
