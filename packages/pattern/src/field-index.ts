// Everything the rules of one machine ask of one field path, indexed so that a value finds the
// conditions it satisfies without trying each rule: exact values in hash maps (numbers by their
// double), prefixes and suffixes in maps keyed by the value's own prefix/suffix of each length a
// rule uses, equals-ignore-case by a case-fold key, wildcards by their literal lead. What is left
// (numeric ranges, CIDR blocks, case-insensitive affixes, anything-but) is checked per condition.
import { foldKey } from './case-fold.js';
import { valueMatches } from './predicates.js';
import { parseIp, type IpAddress } from './ip.js';
import { wildcardLead } from './wildcard.js';
import { T_FALSE, T_NULL, T_NUM, T_STR, T_TRUE } from './scanner.js';
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

export class FieldIndex {
  /** Epoch of the last event that had a leaf here (for exists:false). */
  seen = 0;
  readonly str = new Map<string, Ids>();
  readonly num = new Map<number, Ids>();
  readonly raw = new Map<string, Ids>();
  readonly lits: [Ids, Ids, Ids] = [[], [], []];
  readonly anyLeaf: Ids = [];
  readonly prefix = new AffixIndex<number>();
  readonly suffix = new AffixIndex<number>();
  readonly eic = new Map<string, Checked[]>();
  readonly wild = new AffixIndex<Checked>();
  readonly strChecked: Checked[] = [];
  readonly ips: Checked[] = [];
  readonly numChecked: Checked[] = [];
  readonly allChecked: Checked[] = [];
  needsDouble = false;

  add(cid: number, m: Matcher): void {
    switch (m.k) {
      case 'str':
        return push(this.str, m.s, cid);
      case 'num':
        push(this.raw, m.raw, cid);
        if (m.n !== undefined) {
          push(this.num, m.n, cid);
          this.needsDouble = true;
        }
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
        return this.wild.add(wildcardLead(m.prog), { cid, m });
      case 'numeric':
        this.needsDouble = true;
        this.numChecked.push({ cid, m });
        return;
      case 'ip':
        this.ips.push({ cid, m });
        return;
      case 'prefix-ic':
      case 'suffix-ic':
        this.strChecked.push({ cid, m });
        return;
      default:
        if (m.k === 'ab-num') this.needsDouble = true;
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
      if (this.wild.lens.length > 0) {
        value ??= { t: 'str', s: text };
        for (const len of this.wild.lens) {
          if (len > text.length) break;
          const cands = this.wild.byLen.get(len)?.get(len === 0 ? '' : text.slice(0, len));
          if (cands) for (const c of cands) if (valueMatches(c.m, value)) hit(c.cid);
        }
      }
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
        if (this.numChecked.length > 0) {
          value = { t: 'num', raw: text, n };
          for (const c of this.numChecked) if (valueMatches(c.m, value)) hit(c.cid);
        }
      }
    } else {
      const ids = this.lits[type === T_TRUE ? 0 : type === T_FALSE ? 1 : 2];
      for (const cid of ids) hit(cid);
    }
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

export { T_NULL };
