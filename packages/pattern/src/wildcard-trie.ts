// All wildcard operands of one field compiled into one automaton, as event-ruler folds wildcards
// into its ByteMachine: a trie over the literal runs in which `*` is a state that loops on any
// character. Operands that share a literal lead (`arn:aws:ecr:*:…`) share states, so a value is
// read once, character by character, carrying only the few states still alive; the cost follows
// the value and the overlap between operands, not how many operands there are.
import type { WildcardProgram } from './wildcard.js';

interface State<V> {
  /** Literal transitions, by UTF-16 code unit (the unit `wildcardMatches` compares in). */
  next: Map<number, State<V>> | undefined;
  /** The state after a `*` written here: reached on no input, then loops on every character. */
  star: State<V> | undefined;
  readonly loops: boolean;
  readonly accepts: V[];
  /** Step on which the state was last put in the live set, to keep the set free of repeats. */
  mark: number;
}

function state<V>(loops: boolean): State<V> {
  return { next: undefined, star: undefined, loops, accepts: [], mark: -1 };
}

export class WildcardTrie<V> {
  private readonly root: State<V> = state(false);
  private live: State<V>[] = [];
  private spare: State<V>[] = [];
  private step = 0;
  size = 0;

  add(prog: WildcardProgram, v: V): void {
    let s = this.root;
    prog.parts.forEach((part, i) => {
      if (i > 0) s = s.star ??= state(true);
      for (let k = 0; k < part.length; k++) {
        const c = part.charCodeAt(k);
        s.next ??= new Map();
        let t = s.next.get(c);
        if (!t) {
          t = state(false);
          s.next.set(c, t);
        }
        s = t;
      }
    });
    s.accepts.push(v);
    this.size++;
  }

  /** Calls found(v) for every operand matching the whole of `text` (once per operand). */
  match(text: string, found: (v: V) => void): void {
    let live = this.live;
    let next = this.spare;
    live.length = 0;
    this.enter(live, this.root, ++this.step);
    for (let i = 0; i < text.length && live.length > 0; i++) {
      const c = text.charCodeAt(i);
      const step = ++this.step;
      next.length = 0;
      for (const s of live) {
        if (s.loops) this.enter(next, s, step);
        const t = s.next?.get(c);
        if (t) this.enter(next, t, step);
      }
      [live, next] = [next, live];
    }
    for (const s of live) for (const v of s.accepts) found(v);
    this.live = live;
    this.spare = next;
  }

  private enter(set: State<V>[], s: State<V>, step: number): void {
    // A state joins with the star state after it: `*` may match no characters at all.
    for (let cur: State<V> | undefined = s; cur && cur.mark !== step; cur = cur.star) {
      cur.mark = step;
      set.push(cur);
    }
  }
}
