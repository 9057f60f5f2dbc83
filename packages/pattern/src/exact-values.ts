// A condition that lists only plain values (strings, numbers, true/false/null) — most conditions
// rules write — checked against a leaf straight from its type and text, the same answers as
// valueMatches without building a Value for the leaf. Used for conditions checked lazily; one per
// such condition, so the sets exist only for the kinds of value the condition lists.
import { exactDouble } from './numbers.js';
import { T_FALSE, T_NULL, T_NUM, T_STR, T_TRUE } from './scanner.js';
import type { Matcher } from './types.js';

export class ExactValues {
  private strings: Set<string> | undefined;
  /** Numbers match by exact text, or by value when both sides are exact doubles (numbers.ts). */
  private raws: Set<string> | undefined;
  private doubles: Set<number> | undefined;
  /** Bit (1 << type) for each of true, false, null listed. */
  private lits = 0;

  /** undefined when some matcher is an operator. */
  static of(matchers: readonly Matcher[]): ExactValues | undefined {
    const x = new ExactValues();
    for (const m of matchers) {
      if (m.k === 'str') (x.strings ??= new Set()).add(m.s);
      else if (m.k === 'num') {
        (x.raws ??= new Set()).add(m.raw);
        if (m.n !== undefined) (x.doubles ??= new Set()).add(m.n);
      } else if (m.k === 'lit') x.lits |= 1 << (m.v === 'true' ? T_TRUE : m.v === 'false' ? T_FALSE : T_NULL);
      else return undefined;
    }
    return x;
  }

  accepts(type: number, text: string): boolean {
    if (type === T_STR) return this.strings !== undefined && this.strings.has(text);
    if (type === T_NUM) {
      if (this.raws === undefined) return false;
      if (this.raws.has(text)) return true;
      if (this.doubles === undefined) return false;
      const n = exactDouble(text);
      return n !== undefined && this.doubles.has(n);
    }
    return (this.lits & (1 << type)) !== 0;
  }
}
