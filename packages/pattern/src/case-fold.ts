// equals-ignore-case as event-ruler does it (EqualsIgnoreCaseParser): each character of the
// *operand* may appear in the value as its Locale.ROOT lower-case or upper-case form, and the
// value is taken as it is. So the operand "straße" matches "STRASSE" (ß upper-cases to SS), "i"
// never matches "İ", and the relation is not symmetric. Bosun walks code points where Java walks
// UTF-16 units; Java mangles an astral character to "?" and so never matches it — we match it.

function alternativesOf(ch: string): string[] {
  const lo = ch.toLowerCase();
  const up = ch.toUpperCase();
  return lo === up ? [lo] : [lo, up];
}

/** Offsets of `value` the operand can reach walking from `start` forwards. */
function reach(value: string, operand: string, start: number): Set<number> {
  let at = new Set<number>([start]);
  for (const ch of operand) {
    const next = new Set<number>();
    for (const alt of alternativesOf(ch)) {
      for (const off of at) if (value.startsWith(alt, off)) next.add(off + alt.length);
    }
    if (next.size === 0) return next;
    at = next;
  }
  return at;
}

export function equalsIgnoreCase(operand: string, value: string): boolean {
  return reach(value, operand, 0).has(value.length);
}

export function prefixIgnoreCase(operand: string, value: string): boolean {
  return reach(value, operand, 0).size > 0;
}

export function suffixIgnoreCase(operand: string, value: string): boolean {
  // Try every start that could end exactly at the end; operands are short, values bounded.
  for (let start = value.length; start >= 0; start--) {
    if (reach(value, operand, start).has(value.length)) return true;
  }
  return false;
}

/**
 * A key such that equalsIgnoreCase(op, v) implies foldKey(op) === foldKey(v), letting a
 * machine find equals-ignore-case candidates by hash and verify them.
 */
export function foldKey(s: string): string {
  return s.toUpperCase().toLowerCase();
}
