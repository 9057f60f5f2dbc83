// Why a pattern does not match an event, in words a person can act on: for each alternative
// (one per `$or` combination) the first condition that fails and what the event had there.
import { compilePattern } from './compile.js';
import { parseEvent } from './event-json.js';
import { flatten } from './flatten.js';
import { describe } from './predicates.js';
import { absenceSatisfies, alternativeMatches, indexLeaves, leafSatisfies } from './reference.js';
import type { Condition, Leaf, Value } from './types.js';

export interface Explanation {
  readonly matches: boolean;
  /** One line per failed alternative, naming the field that failed. Empty when it matches. */
  readonly failures: readonly { readonly field: string; readonly reason: string }[];
}

function show(v: Value): string {
  if (v.t === 'str') return JSON.stringify(v.s);
  if (v.t === 'num') return v.raw;
  return v.t;
}

function why(c: Condition, leaves: readonly Leaf[]): string | undefined {
  const wanted = c.matchers.map(describe).join(' or ');
  if (leaves.length === 0) return absenceSatisfies(c) ? undefined : `field is absent; pattern wants ${wanted}`;
  if (leaves.some((l) => leafSatisfies(c, l))) return undefined;
  const had = leaves.map((l) => show(l.value)).join(', ');
  return `event has ${had}; pattern wants ${wanted}`;
}

export function explainMatch(pattern: string, event: string): Explanation {
  const compiled = compilePattern(pattern);
  const byPath = indexLeaves(flatten(parseEvent(event)));
  const failures: { field: string; reason: string }[] = [];
  for (const alt of compiled.alternatives) {
    if (alternativeMatches(alt, byPath)) return { matches: true, failures: [] };
    let found = false;
    for (const c of alt) {
      const r = why(c, byPath.get(c.path) ?? []);
      if (r !== undefined) {
        failures.push({ field: c.path, reason: r });
        found = true;
        break;
      }
    }
    if (!found) {
      const fields = alt.map((c) => c.path).join(', ');
      failures.push({ field: fields, reason: 'each field matches, but not within the same array element' });
    }
  }
  return { matches: false, failures };
}
