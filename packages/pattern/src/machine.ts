// Many rules compiled into one shared structure, event-ruler style: each rule is expanded into
// alternatives, every condition of every alternative is registered with the FieldIndex of its
// path, and an event is read once (EventScanner), each leaf looking up the conditions it
// satisfies. Identical conditions are shared between rules (most rules repeat `source`), and each
// alternative is woken only by its most selective condition — its key — so a condition common to
// thousands of rules costs one lookup, not thousands. A woken alternative matches when all its
// conditions are met and the leaves that met them come from compatible array elements. Cost grows
// with what the event touches and what it matches, not with the number of rules.
import { compilePattern } from './compile.js';
import { FieldIndex } from './field-index.js';
import { exactDouble } from './numbers.js';
import { EventScanner, T_NUM, type LeafSink } from './scanner.js';
import { compatible, type CompiledPattern, type Condition } from './types.js';

interface Cond {
  readonly field: FieldIndex;
  readonly absenceOk: boolean;
  /** How well this condition picks out few alternatives; lower is better (see chooseKeys). */
  readonly rank: number;
  users: number;
}

interface Sub {
  readonly rule: number;
  readonly cids: readonly number[];
  readonly needsAbsenceCheck: boolean;
  dead: boolean;
}

interface Rule {
  readonly name: string;
  readonly compiled: CompiledPattern;
  subs: number[];
}

const RANK: Partial<Record<string, number>> = { str: 0, num: 0, lit: 0, prefix: 1, suffix: 1, eic: 1, wildcard: 2, numeric: 2, ip: 2 };

export class RuleMachine {
  private rules = new Map<string, Rule>();
  private ruleList: Rule[] = [];
  private subs: Sub[] = [];
  private conds: Cond[] = [];
  private fields = new Map<string, FieldIndex>();
  private prefixes = new Set<string>();
  private alwaysCheck: number[] = [];
  private condByKey = new Map<string, number>();
  private keyed: (number[] | undefined)[] = [];
  private keysDirty = false;
  private hitKeys: number[] = [];
  private dead = 0;
  private scanner = new EventScanner<FieldIndex>(this.fields, this.prefixes);

  // Per-event scratch, stamped with the event's epoch instead of being cleared.
  private epoch = 0;
  private cidStamp = new Int32Array(16);
  private cidFree = new Int32Array(16);
  private cidMembers: (Array<readonly number[]> | undefined)[] = [];
  private subStamp = new Int32Array(16);
  private ruleStamp = new Int32Array(16);
  private membership: readonly number[] = [];

  /** Adds (or replaces) a rule; throws PatternError for an invalid pattern. */
  add(name: string, pattern: string): void {
    const compiled = compilePattern(pattern);
    if (this.rules.has(name)) this.remove(name);
    const rule: Rule = { name, compiled, subs: [] };
    this.rules.set(name, rule);
    this.ruleList.push(rule);
    this.register(rule, this.ruleList.length - 1);
  }

  remove(name: string): void {
    const rule = this.rules.get(name);
    if (!rule) return;
    this.rules.delete(name);
    for (const s of rule.subs) {
      const sub = this.subs[s];
      if (sub && !sub.dead) {
        sub.dead = true;
        this.dead++;
        this.keysDirty = true;
      }
    }
    if (this.dead > 64 && this.dead > this.subs.length / 2) this.rebuild();
  }

  get size(): number {
    return this.rules.size;
  }

  /** Names of the rules the event (JSON text) matches, each once, in the order rules were added. */
  match(event: string): string[] {
    if (this.keysDirty) this.chooseKeys();
    if (++this.epoch === 0x7fffffff) this.resetStamps();
    this.hitKeys.length = 0;
    this.scanner.scan(event, this.sink);
    if (this.scanner.duplicate) {
      // A repeated key of interest: rescan treating repeats as array elements.
      if (++this.epoch === 0x7fffffff) this.resetStamps();
      this.hitKeys.length = 0;
      this.scanner.scan(event, this.sink, true);
    }
    const e = this.epoch;
    const out: number[] = [];
    const consider = (s: number): void => {
      const sub = this.subs[s] as Sub;
      if (sub.dead || this.ruleStamp[sub.rule] === e || this.subStamp[s] === e) return;
      this.subStamp[s] = e;
      if (this.subMatches(sub)) {
        this.ruleStamp[sub.rule] = e;
        out.push(sub.rule);
      }
    };
    for (const k of this.hitKeys) for (const s of this.keyed[k] as number[]) consider(s);
    for (const s of this.alwaysCheck) consider(s);
    out.sort((a, b) => a - b);
    return out.map((r) => (this.ruleList[r] as Rule).name);
  }

  private readonly hit = (cid: number): void => {
    const e = this.epoch;
    if (this.cidStamp[cid] !== e) {
      this.cidStamp[cid] = e;
      this.cidMembers[cid] = undefined;
      if (this.keyed[cid] !== undefined) this.hitKeys.push(cid);
    }
    const m = this.membership;
    if (m.length === 0) this.cidFree[cid] = e;
    else if (this.cidFree[cid] !== e) {
      const list = this.cidMembers[cid];
      if (list) list.push(m);
      else this.cidMembers[cid] = [m];
    }
  };

  private readonly sink: LeafSink<FieldIndex> = {
    leaf: (field, type, text, membership) => {
      field.seen = this.epoch;
      this.membership = membership;
      const n = type === T_NUM && field.needsDouble ? exactDouble(text) : undefined;
      field.match(type, text, n, this.hit);
    },
  };

  private subMatches(sub: Sub): boolean {
    const e = this.epoch;
    for (const cid of sub.cids) {
      if (this.cidStamp[cid] === e) continue;
      const c = this.conds[cid] as Cond;
      if (!c.absenceOk || c.field.seen === e) return false;
    }
    // Array consistency: only conditions met solely inside array elements constrain each other.
    const constrained: Array<Array<readonly number[]>> = [];
    for (const cid of sub.cids) {
      if (this.cidStamp[cid] === e && this.cidFree[cid] !== e) constrained.push(this.cidMembers[cid] ?? []);
    }
    if (constrained.length < 2) return true;
    const chosen: (readonly number[])[] = [];
    const pick = (i: number): boolean => {
      if (i === constrained.length) return true;
      for (const m of constrained[i] ?? []) {
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

  /**
   * Picks each live alternative's key: the condition that must be met by a leaf (not by absence)
   * and is shared by the fewest alternatives, preferring exact values over broad operators.
   */
  private chooseKeys(): void {
    this.keysDirty = false;
    this.keyed = [];
    this.subs.forEach((sub, s) => {
      if (sub.dead) return;
      let best = -1;
      let bestScore = Infinity;
      for (const cid of sub.cids) {
        const c = this.conds[cid] as Cond;
        if (c.absenceOk) continue;
        const score = c.users * 4 + c.rank;
        if (score < bestScore) {
          bestScore = score;
          best = cid;
        }
      }
      if (best < 0) return; // all-absence alternatives are in alwaysCheck
      const list = this.keyed[best];
      if (list) list.push(s);
      else this.keyed[best] = [s];
    });
  }

  private register(rule: Rule, ruleIndex: number): void {
    for (const alt of rule.compiled.alternatives) {
      const s = this.subs.length;
      const cids: number[] = [];
      let absence = false;
      let allAbsence = true;
      for (const c of alt) {
        const cid = this.addCondition(c);
        cids.push(cid);
        const ok = (this.conds[cid] as Cond).absenceOk;
        absence ||= ok;
        allAbsence &&= ok;
      }
      this.subs.push({ rule: ruleIndex, cids, needsAbsenceCheck: absence, dead: false });
      this.keysDirty = true;
      rule.subs.push(s);
      if (allAbsence) this.alwaysCheck.push(s);
    }
    this.grow();
  }

  private addCondition(c: Condition): number {
    const key = c.path + '\u0000' + JSON.stringify(c.matchers, (k, v: unknown) =>
      k === 'prog' || k === 'progs' ? undefined : typeof v === 'bigint' ? v.toString() : v);
    const existing = this.condByKey.get(key);
    if (existing !== undefined) {
      (this.conds[existing] as Cond).users++;
      return existing;
    }
    this.keysDirty = true;
    let field = this.fields.get(c.path);
    if (!field) {
      field = new FieldIndex();
      this.fields.set(c.path, field);
      // Every dotted prefix of the path leads to it (a key may itself contain dots, so all are kept).
      for (let i = c.path.indexOf('.'); i >= 0; i = c.path.indexOf('.', i + 1)) this.prefixes.add(c.path.slice(0, i));
    }
    const cid = this.conds.length;
    const absenceOk = c.matchers.some((m) => m.k === 'exists' && !m.v);
    const rank = Math.max(...c.matchers.map((m) => RANK[m.k] ?? 3));
    this.conds.push({ field, absenceOk, rank, users: 1 });
    this.condByKey.set(key, cid);
    for (const m of c.matchers) field.add(cid, m);
    return cid;
  }

  private grow(): void {
    const need = (arr: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> => {
      if (arr.length >= n) return arr;
      const next = new Int32Array(Math.max(n, arr.length * 2));
      next.set(arr);
      return next;
    };
    this.cidStamp = need(this.cidStamp, this.conds.length);
    this.cidFree = need(this.cidFree, this.conds.length);
    this.subStamp = need(this.subStamp, this.subs.length);
    this.ruleStamp = need(this.ruleStamp, this.ruleList.length);
  }

  private resetStamps(): void {
    this.epoch = 1;
    for (const a of [this.cidStamp, this.cidFree, this.subStamp, this.ruleStamp]) a.fill(0);
    for (const f of this.fields.values()) f.seen = 0;
  }

  /** Drops removed rules' conditions by re-registering the live rules from scratch. */
  private rebuild(): void {
    const live = [...this.rules.values()];
    this.rules.clear();
    this.ruleList = [];
    this.subs = [];
    this.conds = [];
    this.fields.clear();
    this.prefixes.clear();
    this.alwaysCheck = [];
    this.condByKey.clear();
    this.keyed = [];
    this.dead = 0;
    for (const r of live) {
      const rule: Rule = { name: r.name, compiled: r.compiled, subs: [] };
      this.rules.set(r.name, rule);
      this.ruleList.push(rule);
      this.register(rule, this.ruleList.length - 1);
    }
  }
}
