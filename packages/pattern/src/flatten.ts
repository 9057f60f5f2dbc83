// An event as event-ruler sees it: leaves (scalars, including null) under dotted paths. Arrays
// are transparent, except that every leaf remembers which element of which array it came from;
// a key repeated in one object counts as an array of its values. Objects and empty arrays are not
// leaves, which is why `exists` treats `{}` and `[]` as absent.
import type { JsonNode } from './event-json.js';
import { exactDouble } from './numbers.js';
import type { Leaf, Value } from './types.js';

export function toValue(n: JsonNode): Value | undefined {
  switch (n.t) {
    case 'str':
      return { t: 'str', s: n.s };
    case 'num':
      return { t: 'num', raw: n.raw, n: exactDouble(n.raw) };
    case 'true':
    case 'false':
    case 'null':
      return { t: n.t };
    default:
      return undefined;
  }
}

export function flatten(root: JsonNode): Leaf[] {
  const leaves: Leaf[] = [];
  let nextArray = 0;
  const walkItems = (items: readonly JsonNode[], path: string, membership: number[]): void => {
    const id = nextArray++;
    items.forEach((item, i) => walk(item, path, [...membership, id, i]));
  };
  const walk = (node: JsonNode, path: string, membership: number[]): void => {
    if (node.t === 'arr') return walkItems(node.items, path, membership);
    if (node.t === 'obj') {
      const groups = new Map<string, JsonNode[]>();
      for (const [k, v] of node.entries) {
        const g = groups.get(k);
        if (g) g.push(v);
        else groups.set(k, [v]);
      }
      for (const [k, vs] of groups) {
        const p = path === '' ? k : `${path}.${k}`;
        if (vs.length === 1 && vs[0]) walk(vs[0], p, membership);
        else walkItems(vs, p, membership);
      }
      return;
    }
    const value = toValue(node);
    if (value) leaves.push({ path, value, membership });
  };
  walk(root, '', []);
  return leaves;
}
