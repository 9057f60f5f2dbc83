// Which condition of an alternative wakes it. Only key conditions are indexed and found eagerly
// while the event is read; the others are checked lazily, and only for alternatives that woke.
// So the key should be the condition that is met least often *together with many others*: an
// exact value that a thousand rules share (`source: aws.ecr`), or an anything-but that almost
// every value satisfies, would wake its alternatives on nearly every event. event-ruler reaches
// the same effect structurally — rules sharing a step share its state, and the walk continues
// only where a value led — while here the estimate is explicit: for every matcher, how many live
// alternatives ask the same thing of the same field (its load), weighted by how broad that kind
// of matcher is.
import type { Matcher } from './types.js';

/** How many live alternatives ask one thing (a matcher) of one field; kept up to date by the machine. */
export interface Load {
  n: number;
}

export interface LoadTerm {
  /** Shared by every condition that asks the same thing of the same field. */
  readonly load: Load;
  readonly breadth: number;
}

export interface KeyedCondition {
  readonly absenceOk: boolean;
  readonly terms: readonly LoadTerm[];
}

export interface KeyedAlternative {
  readonly cids: readonly number[];
  readonly dead: boolean;
}

/** Rough share of values a matcher kind accepts, relative to an exact value. */
const BREADTH: Record<Matcher['k'], number> = {
  str: 1,
  num: 1,
  lit: 1,
  eic: 2,
  prefix: 8,
  suffix: 8,
  wildcard: 16,
  numeric: 16,
  ip: 16,
  'prefix-ic': 16,
  'suffix-ic': 16,
  // Satisfied by nearly every value: a key of last resort.
  exists: 1024,
  'ab-str': 1024,
  'ab-num': 1024,
  'ab-prefix': 1024,
  'ab-suffix': 1024,
  'ab-eic': 1024,
  'ab-wildcard': 1024,
};

function matcherKey(m: Matcher): string {
  switch (m.k) {
    case 'str':
      return `s${m.s}`;
    case 'num':
      return m.n === undefined ? `r${m.raw}` : `n${m.n}`;
    case 'lit':
      return m.v;
    case 'wildcard':
      return `w${m.s}`;
    case 'ab-wildcard':
      return `aw${JSON.stringify(m.values)}`;
    case 'ip':
      return `i${m.text}`;
    default:
      return JSON.stringify(m);
  }
}

/** The terms of a condition, sharing Load counters through `loads` (field + matcher -> Load). */
export function loadTerms(path: string, matchers: readonly Matcher[], loads: Map<string, Load>): LoadTerm[] {
  return matchers.map((m) => {
    const key = `${path}\u0000${matcherKey(m)}`;
    let load = loads.get(key);
    if (!load) loads.set(key, (load = { n: 0 }));
    return { load, breadth: BREADTH[m.k] };
  });
}

/** Counts a live alternative in (+1) or out (-1) of the loads of its conditions. */
export function countLoads(sub: KeyedAlternative, conds: readonly KeyedCondition[], delta: 1 | -1): void {
  for (const cid of sub.cids) for (const t of (conds[cid] as KeyedCondition).terms) t.load.n += delta;
}

/**
 * For each alternative, the id of its key condition, or -1 for a dead alternative or one whose
 * conditions can all be met by absence (those are checked on every event). Ties go to the
 * condition written first.
 */
export function chooseKeys(subs: readonly KeyedAlternative[], conds: readonly KeyedCondition[]): Int32Array {
  const score = new Float64Array(conds.length).fill(-1);
  const keys = new Int32Array(subs.length).fill(-1);
  for (let s = 0; s < subs.length; s++) {
    const sub = subs[s] as KeyedAlternative;
    if (sub.dead) continue;
    let bestScore = Infinity;
    for (const cid of sub.cids) {
      const c = conds[cid] as KeyedCondition;
      if (c.absenceOk) continue;
      let sc = score[cid] as number;
      if (sc === -1) {
        sc = 0;
        for (const t of c.terms) sc += t.load.n * t.breadth;
        score[cid] = sc;
      }
      if (sc < bestScore) {
        bestScore = sc;
        keys[s] = cid;
      }
    }
  }
  return keys;
}
