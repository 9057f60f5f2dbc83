// The reference interpreter: one pattern, one event, evaluated the obvious way. It is the oracle
// the compiled RuleMachine is property-tested against, and the engine behind explanations.
import { parseEvent } from './event-json.js';
import { flatten } from './flatten.js';
import { compilePattern } from './compile.js';
import { valueMatches } from './predicates.js';
import { compatible, type Alternative, type CompiledPattern, type Condition, type Leaf } from './types.js';

export function leafSatisfies(c: Condition, leaf: Leaf): boolean {
  return c.matchers.some((m) => (m.k === 'exists' ? m.v : valueMatches(m, leaf.value)));
}

export function absenceSatisfies(c: Condition): boolean {
  return c.matchers.some((m) => m.k === 'exists' && !m.v);
}

/** Leaves grouped by path. */
export function indexLeaves(leaves: readonly Leaf[]): Map<string, Leaf[]> {
  const byPath = new Map<string, Leaf[]>();
  for (const l of leaves) {
    const g = byPath.get(l.path);
    if (g) g.push(l);
    else byPath.set(l.path, [l]);
  }
  return byPath;
}

/**
 * Each condition is met by absence (exists:false and no leaf at the path anywhere — even in
 * another array element) or by a leaf; the leaves chosen must come from compatible elements.
 */
export function alternativeMatches(alt: Alternative, byPath: Map<string, Leaf[]>): boolean {
  const options: Leaf[][] = [];
  for (const c of alt) {
    const leaves = byPath.get(c.path) ?? [];
    if (leaves.length === 0 && absenceSatisfies(c)) continue;
    const ok = leaves.filter((l) => leafSatisfies(c, l));
    if (ok.length === 0) return false;
    options.push(ok);
  }
  const chosen: Leaf[] = [];
  const pick = (i: number): boolean => {
    if (i === options.length) return true;
    for (const l of options[i] ?? []) {
      if (chosen.every((o) => compatible(o.membership, l.membership))) {
        chosen.push(l);
        if (pick(i + 1)) return true;
        chosen.pop();
      }
    }
    return false;
  };
  return pick(0);
}

export function compiledMatches(p: CompiledPattern, leaves: readonly Leaf[]): boolean {
  const byPath = indexLeaves(leaves);
  return p.alternatives.some((a) => alternativeMatches(a, byPath));
}

/** Reference `matches`: compiles the pattern (throwing PatternError) and tests the event. */
export function referenceMatches(pattern: string, event: string): boolean {
  return compiledMatches(compilePattern(pattern), flatten(parseEvent(event)));
}

/** Naive many-rule matching: the event is read once, then each compiled rule is tried in turn. */
export function referenceMatchAll(rules: readonly CompiledPattern[], event: string): number[] {
  const byPath = indexLeaves(flatten(parseEvent(event)));
  const out: number[] = [];
  rules.forEach((r, i) => {
    if (r.alternatives.some((a) => alternativeMatches(a, byPath))) out.push(i);
  });
  return out;
}
