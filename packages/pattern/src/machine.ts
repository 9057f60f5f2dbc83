// Many rules compiled into one shared structure, event-ruler style: each rule is expanded into
// alternatives, every condition of every alternative is registered with the FieldIndex of its
// path, and an event is read once (EventScanner), each leaf looking up the conditions it
// satisfies. An alternative matches when all its conditions are met — counted, not re-evaluated —
// and the leaves that met them come from compatible array elements. Cost grows with what the event
// touches, not with the number of rules.
import { compilePattern } from './compile.js';
import { FieldIndex } from './field-index.js';
import { exactDouble } from './numbers.js';
import { EventScanner, T_NUM, type LeafSink } from './scanner.js';
import { compatible, type CompiledPattern, type Condition } from './types.js';

interface Cond {
  readonly sub: number;
  readonly field: FieldIndex;
  readonly absenceOk: boolean;
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

export class RuleMachine {
  private rules = new Map<string, Rule>();
  private ruleList: Rule[] = [];
  private subs: Sub[] = [];
  private conds: Cond[] = [];
  private fields = new Map<string, FieldIndex>();
  private prefixes = new Set<string>();
  private alwaysCheck: number[] = [];
  private dead = 0;
  private scanner = new EventScanner<FieldIndex>(this.fields, this.prefixes);

  // Per-event scratch, stamped with the event's epoch instead of being cleared.
  private epoch = 0;
  private cidStamp = new Int32Array(16);
  private cidFree = new Int32Array(16);
  private cidMembers: (Array<readonly number[]> | undefined)[] = [];
  private subStamp = new Int32Array(16);
  private subCount = new Int32Array(16);
  private ruleStamp = new Int32Array(16);
  private touched: number[] = [];
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
      }
    }
    if (this.dead > 64 && this.dead > this.subs.length / 2) this.rebuild();
  }

  get size(): number {
    return this.rules.size;
  }

  /** Names of the rules the event (JSON text) matches, each once, in the order rules were added. */
  match(event: string): string[] {
    if (++this.epoch === 0x7fffffff) this.resetStamps();
    this.touched.length = 0;
    this.scanner.scan(event, this.sink);
    if (this.scanner.duplicate) {
      // A repeated key of interest: rescan treating repeats as array elements.
      if (++this.epoch === 0x7fffffff) this.resetStamps();
      this.touched.length = 0;
      this.scanner.scan(event, this.sink, true);
    }
    const e = this.epoch;
    const out: number[] = [];
    const consider = (s: number): void => {
      const sub = this.subs[s] as Sub;
      if (sub.dead || this.ruleStamp[sub.rule] === e) return;
      if (this.subMatches(sub, s)) {
        this.ruleStamp[sub.rule] = e;
        out.push(sub.rule);
      }
    };
    for (const s of this.touched) consider(s);
    for (const s of this.alwaysCheck) if (this.subStamp[s] !== e) consider(s);
    out.sort((a, b) => a - b);
    return out.map((r) => (this.ruleList[r] as Rule).name);
  }

  private readonly hit = (cid: number): void => {
    const e = this.epoch;
    if (this.cidStamp[cid] !== e) {
      this.cidStamp[cid] = e;
      this.cidMembers[cid] = undefined;
      const s = (this.conds[cid] as Cond).sub;
      if (this.subStamp[s] !== e) {
        this.subStamp[s] = e;
        this.subCount[s] = 0;
        this.touched.push(s);
      }
      this.subCount[s]++;
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

  private subMatches(sub: Sub, s: number): boolean {
    const e = this.epoch;
    if (!sub.needsAbsenceCheck) {
      if (this.subStamp[s] !== e || this.subCount[s] !== sub.cids.length) return false;
    } else {
      for (const cid of sub.cids) {
        if (this.cidStamp[cid] === e) continue;
        const c = this.conds[cid] as Cond;
        if (!c.absenceOk || c.field.seen === e) return false;
      }
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

  private register(rule: Rule, ruleIndex: number): void {
    for (const alt of rule.compiled.alternatives) {
      const s = this.subs.length;
      const cids: number[] = [];
      let absence = false;
      let allAbsence = true;
      for (const c of alt) {
        const cid = this.addCondition(c, s);
        cids.push(cid);
        const ok = (this.conds[cid] as Cond).absenceOk;
        absence ||= ok;
        allAbsence &&= ok;
      }
      this.subs.push({ rule: ruleIndex, cids, needsAbsenceCheck: absence, dead: false });
      rule.subs.push(s);
      if (allAbsence) this.alwaysCheck.push(s);
    }
    this.grow();
  }

  private addCondition(c: Condition, sub: number): number {
    let field = this.fields.get(c.path);
    if (!field) {
      field = new FieldIndex();
      this.fields.set(c.path, field);
      // Every dotted prefix of the path leads to it (a key may itself contain dots, so all are kept).
      for (let i = c.path.indexOf('.'); i >= 0; i = c.path.indexOf('.', i + 1)) this.prefixes.add(c.path.slice(0, i));
    }
    const cid = this.conds.length;
    const absenceOk = c.matchers.some((m) => m.k === 'exists' && !m.v);
    this.conds.push({ sub, field, absenceOk });
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
    this.subCount = need(this.subCount, this.subs.length);
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
    this.dead = 0;
    for (const r of live) {
      const rule: Rule = { name: r.name, compiled: r.compiled, subs: [] };
      this.rules.set(r.name, rule);
      this.ruleList.push(rule);
      this.register(rule, this.ruleList.length - 1);
    }
  }
}
