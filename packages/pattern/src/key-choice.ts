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

export interface LoadTerm {
  /** Field and matcher; alternatives with equal keys are woken by the same values. */
  readonly key: string;
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

export function loadTerms(path: string, matchers: readonly Matcher[]): LoadTerm[] {
  return matchers.map((m) => ({ key: `${path}\u0000${matcherKey(m)}`, breadth: BREADTH[m.k] }));
}

/**
 * For each alternative, the id of its key condition, or -1 for a dead alternative or one whose
 * conditions can all be met by absence (those are checked on every event).
 */
export function chooseKeys(subs: readonly KeyedAlternative[], conds: readonly KeyedCondition[]): Int32Array {
  const load = new Map<string, number>();
  for (const sub of subs) {
    if (sub.dead) continue;
    for (const cid of sub.cids) for (const t of (conds[cid] as KeyedCondition).terms) load.set(t.key, (load.get(t.key) ?? 0) + 1);
  }
  const score = new Float64Array(conds.length).fill(-1);
  const keys = new Int32Array(subs.length).fill(-1);
  subs.forEach((sub, s) => {
    if (sub.dead) return;
    let bestScore = Infinity;
    for (const cid of sub.cids) {
      const c = conds[cid] as KeyedCondition;
      if (c.absenceOk) continue;
      if (score[cid] === -1) score[cid] = c.terms.reduce((sum, t) => sum + (load.get(t.key) ?? 0) * t.breadth, 0);
      if ((score[cid] as number) < bestScore) {
        bestScore = score[cid] as number;
        keys[s] = cid;
      }
    }
  });
  return keys;
}
