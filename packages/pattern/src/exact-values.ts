// A condition that lists only plain values (strings, numbers, true/false/null) — most conditions
// rules write — checked against a leaf straight from its type and text, the same answers as
// valueMatches without building a Value for the leaf. Used for conditions checked lazily.
import { exactDouble } from './numbers.js';
import { T_FALSE, T_NULL, T_NUM, T_STR, T_TRUE } from './scanner.js';
import type { Matcher } from './types.js';

export class ExactValues {
  private readonly strings = new Set<string>();
  /** Numbers match by exact text, or by value when both sides are exact doubles (numbers.ts). */
  private readonly raws = new Set<string>();
  private readonly doubles = new Set<number>();
  private readonly lits = new Set<number>();

  /** undefined when some matcher is an operator. */
  static of(matchers: readonly Matcher[]): ExactValues | undefined {
    const x = new ExactValues();
    for (const m of matchers) {
      if (m.k === 'str') x.strings.add(m.s);
      else if (m.k === 'num') {
        x.raws.add(m.raw);
        if (m.n !== undefined) x.doubles.add(m.n);
      } else if (m.k === 'lit') x.lits.add(m.v === 'true' ? T_TRUE : m.v === 'false' ? T_FALSE : T_NULL);
      else return undefined;
    }
    return x;
  }

  accepts(type: number, text: string): boolean {
    if (type === T_STR) return this.strings.has(text);
    if (type === T_NUM) {
      if (this.raws.has(text)) return true;
      if (this.doubles.size === 0) return false;
      const n = exactDouble(text);
      return n !== undefined && this.doubles.has(n);
    }
    return this.lits.has(type);
  }
}
