// The JSONPath subset EventBridge evaluates for InputPath and InputPathsMap: `$`, dot notation
// (names with letters, digits, `_`, `-`, `/` and other non-special characters), array indices
// `[n]` and the wildcard `*` (eb-transform-target-input: "dot notation, dashes, underscores,
// alphanumeric characters, array indices, wildcards, forward slashes").
import type { JsonNode } from './event-json.js';

export type Step = { readonly key: string } | { readonly index: number } | { readonly wildcard: true };

const STEP = /^(?:\.([^.[\]*\s]+)|\.\*|\[(\d+)\]|\[\*\])/;

/** Parses a path; undefined when it is outside the supported subset. */
export function parsePath(path: string): Step[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: Step[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const m = STEP.exec(rest);
    if (!m) return undefined;
    if (m[1] !== undefined) steps.push({ key: m[1] });
    else if (m[2] !== undefined) steps.push({ index: Number(m[2]) });
    else steps.push({ wildcard: true });
    rest = rest.slice(m[0].length);
  }
  return steps;
}

function member(node: JsonNode, key: string): JsonNode | undefined {
  if (node.t !== 'obj') return undefined;
  let found: JsonNode | undefined;
  for (const [k, v] of node.entries) if (k === key) found = v; // last duplicate wins, as JSON.parse
  return found;
}

/** Evaluates a path; undefined when it selects nothing. A wildcard step yields an array. */
export function evaluate(root: JsonNode, steps: readonly Step[]): JsonNode | undefined {
  let cur: JsonNode[] = [root];
  let multi = false;
  for (const s of steps) {
    const next: JsonNode[] = [];
    for (const n of cur) {
      if ('key' in s) {
        const v = member(n, s.key);
        if (v) next.push(v);
      } else if ('index' in s) {
        const v = n.t === 'arr' ? n.items[s.index] : undefined;
        if (v) next.push(v);
      } else {
        multi = true;
        if (n.t === 'arr') next.push(...n.items);
        else if (n.t === 'obj') next.push(...n.entries.map(([, v]) => v));
      }
    }
    cur = next;
  }
  if (multi) return cur.length === 0 ? undefined : { t: 'arr', items: cur };
  return cur[0];
}

/** JSON text of a node, keeping number text exactly. */
export function stringify(n: JsonNode): string {
  switch (n.t) {
    case 'obj':
      return `{${n.entries.map(([k, v]) => `${JSON.stringify(k)}:${stringify(v)}`).join(',')}}`;
    case 'arr':
      return `[${n.items.map(stringify).join(',')}]`;
    case 'str':
      return JSON.stringify(n.s);
    case 'num':
      return n.raw;
    default:
      return n.t;
  }
}
