// One field path some rule names: its index of key conditions, and the leaves the current event
// has at the path. The leaves are kept (not matched against every condition) so that non-key
// conditions can be checked later, only for the alternatives a key woke — that is what keeps a
// thousand `anything-but` or `exists` conditions from costing a thousand checks per event.
import { exactDouble } from './numbers.js';
import { FieldIndex } from './field-index.js';
import { T_FALSE, T_NUM, T_STR, T_TRUE } from './scanner.js';
import type { Value } from './types.js';

export class FieldSlot {
  /** Epoch of the last event that had a leaf here (for exists:false). */
  seen = 0;
  /** Some condition here compares numbers by value, so leaves need their double. */
  needsDouble = false;
  index = new FieldIndex();
  /** Every condition on this path, key or not, so the index can be rebuilt from it. */
  readonly cids: number[] = [];
  /** How many of those are keys (kept by KeyAssignment). */
  keyCount = 0;
  private count = 0;
  private readonly types: number[] = [];
  private readonly texts: string[] = [];
  private readonly memberships: (readonly number[])[] = [];
  private readonly values: (Value | undefined)[] = [];

  /** Keeps a leaf of the current event; the first leaf of a new epoch drops the last event's. */
  record(epoch: number, type: number, text: string, membership: readonly number[]): void {
    if (this.seen !== epoch) {
      this.seen = epoch;
      this.count = 0;
    }
    // Only conditions checked lazily read the leaves; a field whose conditions are all keys
    // needs nothing but `seen`.
    if (this.keyCount === this.cids.length) return;
    const i = this.count++;
    this.types[i] = type;
    this.texts[i] = text;
    this.memberships[i] = membership;
    this.values[i] = undefined;
  }

  /** How many leaves the event of `epoch` has here. */
  leaves(epoch: number): number {
    return this.seen === epoch ? this.count : 0;
  }

  type(i: number): number {
    return this.types[i] as number;
  }

  text(i: number): string {
    return this.texts[i] as string;
  }

  membership(i: number): readonly number[] {
    return this.memberships[i] as readonly number[];
  }

  value(i: number): Value {
    let v = this.values[i];
    if (v === undefined) {
      const type = this.types[i] as number;
      const text = this.texts[i] as string;
      if (type === T_STR) v = { t: 'str', s: text };
      else if (type === T_NUM) v = { t: 'num', raw: text, n: exactDouble(text) };
      else v = { t: type === T_TRUE ? 'true' : type === T_FALSE ? 'false' : 'null' };
      this.values[i] = v;
    }
    return v;
  }
}
