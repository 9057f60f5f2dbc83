// Which condition is each alternative's key right now, and the field indexes that follow from
// it. Keys are re-chosen after rules change (key-choice.ts); only the alternatives whose key
// moved are touched, a field index that only gains keys is extended, and one that loses any is
// rebuilt from its conditions — so adding one rule to a machine of thousands stays cheap.
import { FieldIndex } from './field-index.js';
import type { FieldSlot } from './field-slot.js';
import { chooseKeys, type KeyedAlternative, type KeyedCondition } from './key-choice.js';
import type { Matcher } from './types.js';

export interface IndexedCondition extends KeyedCondition {
  readonly field: FieldSlot;
  readonly matchers: readonly Matcher[];
}

export class KeyAssignment {
  /** Alternatives woken by each key condition; undefined for conditions that are no key. */
  keyed: (number[] | undefined)[] = [];
  /** 1 for key conditions, which the field indexes find; others are checked lazily. */
  isKey = new Uint8Array(16);
  /** The key of each alternative as last chosen (-1: none). */
  private keyOf: Int32Array = new Int32Array(0);

  /** Makes room for condition ids below n. */
  grow(n: number): void {
    // Filled densely: an array first written at a high index falls back to slow dictionary
    // elements in V8, and `keyed` is read for every key an event meets.
    while (this.keyed.length < n) this.keyed.push(undefined);
    if (this.isKey.length >= n) return;
    const next = new Uint8Array(Math.max(n, this.isKey.length * 2));
    next.set(this.isKey);
    this.isKey = next;
  }

  /** Forgets every key (the caller starts over with fresh fields). */
  clear(): void {
    this.keyed = [];
    this.isKey.fill(0);
    this.keyOf = new Int32Array(0);
  }

  update(subs: readonly KeyedAlternative[], conds: readonly IndexedCondition[]): void {
    const next = chooseKeys(subs, conds);
    const prev = this.keyOf;
    const gained = new Map<FieldSlot, number[]>();
    const lost = new Set<FieldSlot>();
    for (let s = 0; s < next.length; s++) {
      const was = s < prev.length ? (prev[s] as number) : -1;
      const now = next[s] as number;
      if (was === now) continue;
      if (was >= 0) {
        const list = this.keyed[was] as number[];
        list.splice(list.indexOf(s), 1);
        if (list.length === 0) {
          this.keyed[was] = undefined;
          this.isKey[was] = 0;
          const f = (conds[was] as IndexedCondition).field;
          f.keyCount--;
          lost.add(f);
        }
      }
      if (now >= 0) {
        const list = this.keyed[now];
        if (list) list.push(s);
        else {
          this.keyed[now] = [s];
          this.isKey[now] = 1;
          const f = (conds[now] as IndexedCondition).field;
          f.keyCount++;
          const g = gained.get(f);
          if (g) g.push(now);
          else gained.set(f, [now]);
        }
      }
    }
    this.keyOf = next;
    for (const f of lost) {
      f.index = new FieldIndex();
      this.index(f, f.cids, conds);
    }
    for (const [f, cids] of gained) if (!lost.has(f)) this.index(f, cids, conds);
  }

  private index(f: FieldSlot, cids: readonly number[], conds: readonly IndexedCondition[]): void {
    for (const cid of cids) {
      if (this.isKey[cid] === 0) continue;
      for (const m of (conds[cid] as IndexedCondition).matchers) f.index.add(cid, m);
    }
  }
}
