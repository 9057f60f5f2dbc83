// The key conditions of one field path (see key-choice.ts), indexed so that a value finds the
// ones it satisfies without trying each: exact values in hash maps (numbers by their double),
// prefixes and suffixes in maps keyed by the value's own prefix/suffix of each length a rule
// uses, equals-ignore-case by a case-fold key, wildcards in one automaton, numeric ranges in an
// interval index, and plain anything-but as "all of them minus those excluding this value".
// What is left (CIDR blocks, case-insensitive affixes, nested anything-but) is checked per
// condition; those are rarely keys, because key choice prefers selective conditions.
import { foldKey } from './case-fold.js';
import { valueMatches } from './predicates.js';
import { parseIp, type IpAddress } from './ip.js';
import { NumericIndex } from './numeric-index.js';
import { WildcardTrie } from './wildcard-trie.js';
import { T_FALSE, T_NUM, T_STR, T_TRUE } from './scanner.js';
import type { Matcher, Value } from './types.js';

type Ids = number[];
type Checked = { readonly cid: number; readonly m: Matcher };

function push<K>(map: Map<K, Ids>, key: K, cid: number): void {
  const ids = map.get(key);
  if (ids) {
    if (!ids.includes(cid)) ids.push(cid);
  } else map.set(key, [cid]);
}

/** Map from a string's prefix (or suffix) of some length to conditions, plus the lengths used. */
class AffixIndex<V> {
  readonly byLen = new Map<number, Map<string, V[]>>();
  lens: number[] = [];
  add(key: string, v: V): void {
    let m = this.byLen.get(key.length);
    if (!m) {
      m = new Map();
      this.byLen.set(key.length, m);
      this.lens = [...this.byLen.keys()].sort((a, b) => a - b);
    }
    const l = m.get(key);
    if (l) l.push(v);
    else m.set(key, [v]);
  }
}

/**
 * anything-but over plain values: every such matcher, and per value the matchers excluding it.
 * Entries are matchers, not conditions: `[{"anything-but": "a"}, {"anything-but": "b"}]` is one
 * condition that "a" still satisfies through its second matcher.
 */
class Exclusions<K> {
  readonly cids: Ids = [];
  private readonly excludedBy = new Map<K, Set<number>>();
  add(cid: number, values: readonly K[]): void {
    const entry = this.cids.length;
    this.cids.push(cid);
    for (const v of values) {
      const s = this.excludedBy.get(v);
      if (s) s.add(entry);
      else this.excludedBy.set(v, new Set([entry]));
    }
  }
  /** A value of the excluded kind (key given) or of another kind (undefined: excluded by none). */
  hits(key: K | undefined, hit: (cid: number) => void): void {
    const ex = key === undefined ? undefined : this.excludedBy.get(key);
    const cids = this.cids;
    if (ex) {
      for (let i = 0; i < cids.length; i++) if (!ex.has(i)) hit(cids[i] as number);
    } else for (const cid of cids) hit(cid);
  }
}

export class FieldIndex {
  readonly str = new Map<string, Ids>();
  readonly num = new Map<number, Ids>();
  readonly raw = new Map<string, Ids>();
  readonly lits: [Ids, Ids, Ids] = [[], [], []];
  readonly anyLeaf: Ids = [];
  readonly prefix = new AffixIndex<number>();
  readonly suffix = new AffixIndex<number>();
  readonly eic = new Map<string, Checked[]>();
  readonly wild = new WildcardTrie<number>();
  readonly ranges = new NumericIndex<number>();
  readonly abStr = new Exclusions<string>();
  readonly abNum = new Exclusions<number>();
  readonly strChecked: Checked[] = [];
  readonly ips: Checked[] = [];
  readonly allChecked: Checked[] = [];

  add(cid: number, m: Matcher): void {
    switch (m.k) {
      case 'str':
        return push(this.str, m.s, cid);
      case 'num':
        push(this.raw, m.raw, cid);
        if (m.n !== undefined) push(this.num, m.n, cid);
        return;
      case 'lit': {
        const ids = this.lits[m.v === 'true' ? 0 : m.v === 'false' ? 1 : 2];
        if (!ids.includes(cid)) ids.push(cid);
        return;
      }
      case 'exists':
        if (m.v && !this.anyLeaf.includes(cid)) this.anyLeaf.push(cid);
        return;
      case 'prefix':
        return this.prefix.add(m.s, cid);
      case 'suffix':
        return this.suffix.add(m.s, cid);
      case 'eic': {
        const k = foldKey(m.s);
        const l = this.eic.get(k);
        if (l) l.push({ cid, m });
        else this.eic.set(k, [{ cid, m }]);
        return;
      }
      case 'wildcard':
        return this.wild.add(m.prog, cid);
      case 'numeric':
        return this.ranges.add(m, cid);
      case 'ab-str':
        return this.abStr.add(cid, m.values);
      case 'ab-num':
        return this.abNum.add(cid, m.values);
      case 'ip':
        this.ips.push({ cid, m });
        return;
      case 'prefix-ic':
      case 'suffix-ic':
        this.strChecked.push({ cid, m });
        return;
      default:
        this.allChecked.push({ cid, m });
    }
  }

  /** Calls hit(cid) for every condition the leaf satisfies (possibly more than once per cid). */
  match(type: number, text: string, n: number | undefined, hit: (cid: number) => void): void {
    for (const cid of this.anyLeaf) hit(cid);
    let value: Value | undefined;
    if (type === T_STR) {
      const ids = this.str.get(text);
      if (ids) for (const cid of ids) hit(cid);
      affixHits(this.prefix, text, true, hit);
      affixHits(this.suffix, text, false, hit);
      if (this.eic.size > 0) {
        const cands = this.eic.get(foldKey(text));
        if (cands) {
          value = { t: 'str', s: text };
          for (const c of cands) if (valueMatches(c.m, value)) hit(c.cid);
        }
      }
      if (this.wild.size > 0) this.wild.match(text, hit);
      if (this.ips.length > 0) {
        // Parse the address once per value, not once per CIDR block.
        const ip: IpAddress | undefined = parseIp(text);
        if (ip) {
          for (const c of this.ips) {
            const r = (c.m as Extract<Matcher, { k: 'ip' }>).range;
            if (r.v6 === ip.v6 && ip.value >= r.lo && ip.value <= r.hi) hit(c.cid);
          }
        }
      }
      if (this.strChecked.length > 0) {
        value ??= { t: 'str', s: text };
        for (const c of this.strChecked) if (valueMatches(c.m, value)) hit(c.cid);
      }
    } else if (type === T_NUM) {
      const ids = this.raw.get(text);
      if (ids) for (const cid of ids) hit(cid);
      if (n !== undefined) {
        const byValue = this.num.get(n);
        if (byValue) for (const cid of byValue) hit(cid);
        if (this.ranges.size > 0) this.ranges.stab(n, hit);
      }
    } else {
      const ids = this.lits[type === T_TRUE ? 0 : type === T_FALSE ? 1 : 2];
      for (const cid of ids) hit(cid);
    }
    if (this.abStr.cids.length > 0) this.abStr.hits(type === T_STR ? text : undefined, hit);
    if (this.abNum.cids.length > 0) this.abNum.hits(type === T_NUM ? n : undefined, hit);
    if (this.allChecked.length > 0) {
      value ??= toValue(type, text, n);
      for (const c of this.allChecked) if (valueMatches(c.m, value)) hit(c.cid);
    }
  }
}

function affixHits(ix: AffixIndex<number>, text: string, front: boolean, hit: (cid: number) => void): void {
  for (const len of ix.lens) {
    if (len > text.length) break;
    const key = front ? text.slice(0, len) : text.slice(text.length - len);
    const ids = ix.byLen.get(len)?.get(key);
    if (ids) for (const cid of ids) hit(cid);
  }
}

function toValue(type: number, text: string, n: number | undefined): Value {
  if (type === T_STR) return { t: 'str', s: text };
  if (type === T_NUM) return { t: 'num', raw: text, n };
  return { t: type === T_TRUE ? 'true' : type === T_FALSE ? 'false' : 'null' };
}
