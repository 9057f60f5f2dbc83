// The compiled form of a pattern: alternatives (one per `$or` branch combination), each a list of
// conditions on dotted field paths. event-ruler keys a rule by the dotted path of each leaf
// ("detail.state"), so `{"a.b": …}` and `{"a": {"b": …}}` name the same field, in patterns and events.
import type { IpRange } from './ip.js';
import type { WildcardProgram } from './wildcard.js';

export type Matcher =
  | { readonly k: 'str'; readonly s: string }
  | { readonly k: 'num'; readonly raw: string; readonly n: number | undefined }
  | { readonly k: 'lit'; readonly v: 'true' | 'false' | 'null' }
  | { readonly k: 'ip'; readonly range: IpRange; readonly text: string }
  | { readonly k: 'prefix' | 'suffix' | 'prefix-ic' | 'suffix-ic' | 'eic'; readonly s: string }
  | { readonly k: 'wildcard'; readonly s: string; readonly prog: WildcardProgram }
  | { readonly k: 'numeric'; readonly lo: number; readonly loOpen: boolean; readonly hi: number; readonly hiOpen: boolean; readonly text: string }
  | { readonly k: 'exists'; readonly v: boolean }
  | { readonly k: 'ab-str'; readonly values: readonly string[] }
  | { readonly k: 'ab-num'; readonly values: readonly number[] }
  | { readonly k: 'ab-prefix' | 'ab-suffix' | 'ab-eic'; readonly values: readonly string[] }
  | { readonly k: 'ab-wildcard'; readonly values: readonly string[]; readonly progs: readonly WildcardProgram[] };

/** One field's requirement: the field matches if any of its matchers does. */
export interface Condition {
  readonly path: string;
  readonly matchers: readonly Matcher[];
}

/** All conditions must hold (and positive ones from compatible array elements). */
export type Alternative = readonly Condition[];

export interface CompiledPattern {
  readonly alternatives: readonly Alternative[];
}

/** An event leaf value. `n` is the exact double for numbers that have one (see numbers.ts). */
export type Value =
  | { readonly t: 'str'; readonly s: string }
  | { readonly t: 'num'; readonly raw: string; readonly n: number | undefined }
  | { readonly t: 'true' | 'false' | 'null' };

/**
 * Which element of which array-of-objects a leaf sits in, outermost first, as pairs
 * [arrayId, index]. Two leaves can serve one rule only if they agree on every array they share.
 */
export type Membership = readonly number[];

export interface Leaf {
  readonly path: string;
  readonly value: Value;
  readonly membership: Membership;
}

export function compatible(a: Membership, b: Membership): boolean {
  if (a.length === 0 || b.length === 0) return true;
  for (let i = 0; i < a.length; i += 2) {
    for (let j = 0; j < b.length; j += 2) {
      if (a[i] === b[j] && a[i + 1] !== b[j + 1]) return false;
    }
  }
  return true;
}

/** Whether one membership can be picked from each list so that all picked are compatible. */
export function consistent(lists: ReadonlyArray<ReadonlyArray<readonly number[]>>): boolean {
  const chosen: (readonly number[])[] = [];
  const pick = (i: number): boolean => {
    if (i === lists.length) return true;
    for (const m of lists[i] ?? []) {
      if (chosen.every((o) => compatible(o, m))) {
        chosen.push(m);
        if (pick(i + 1)) return true;
        chosen.pop();
      }
    }
    return false;
  };
  return pick(0);
}
