// Many rules compiled into one shared structure, event-ruler style: each rule is expanded into
// alternatives, every condition of every alternative is registered with the FieldSlot of its
// path, and an event is read once (EventScanner). Identical conditions are shared between rules
// (most rules repeat `source`). Each alternative is woken only by its key — its most selective
// condition (key-choice.ts) — and only key conditions sit in the field indexes, so a leaf finds
// the keys it meets by lookup. A woken alternative then checks its other conditions against the
// leaves the event had at their paths (once per condition per event), and matches when all are
// met by leaves from compatible array elements. Cost grows with what the event touches and what
// it wakes, not with the number of rules.
import { compilePattern } from './compile.js';
import { ExactValues } from './exact-values.js';
import { FieldSlot } from './field-slot.js';
import { KeyAssignment, type IndexedCondition } from './key-assignment.js';
import { countLoads, loadTerms, type Load } from './key-choice.js';
import { exactDouble } from './numbers.js';
import { leafAccepted } from './predicates.js';
import { EventScanner, T_NUM, type LeafSink } from './scanner.js';
import { consistent, type CompiledPattern, type Condition, type Matcher } from './types.js';

interface Cond extends IndexedCondition {
  /**
   * For a plain value list, a check that needs no Values; null for other conditions. Made when
   * the condition is first checked lazily (undefined until then), as key conditions never are.
   */
  exact: ExactValues | null | undefined;
}

interface Sub {
  readonly rule: number;
  readonly cids: readonly number[];
  dead: boolean;
}

interface Rule {
  readonly name: string;
  readonly compiled: CompiledPattern;
  subs: number[];
}

const NEEDS_DOUBLE = new Set<Matcher['k']>(['num', 'numeric', 'ab-num']);

export class RuleMachine {
  private rules = new Map<string, Rule>();
  private ruleList: Rule[] = [];
  /** ruleList's names, apart so that collecting results touches one array. */
  private names: string[] = [];
  private subs: Sub[] = [];
  private conds: Cond[] = [];
  private fields = new Map<string, FieldSlot>();
  private prefixes = new Set<string>();
  private alwaysCheck: number[] = [];
  private condByKey = new Map<string, number>();
  private keys = new KeyAssignment();
  private loads = new Map<string, Load>();
  private keysDirty = false;
  private hitKeys: number[] = [];
  /** Indexes of the rules the current event matched; reused, as it can hold thousands. */
  private out: number[] = [];
  private dead = 0;
  private scanner = new EventScanner<FieldSlot>(this.fields, this.prefixes);

  // Per-event scratch, stamped with the event's epoch instead of being cleared. cidStamp: met by
  // some leaf; cidFree: met by a leaf outside any array element; cidChecked: a non-key condition
  // has been checked against the event's leaves.
  private epoch = 0;
  private cidStamp = new Int32Array(16);
  private cidFree = new Int32Array(16);
  private cidChecked = new Int32Array(16);
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
    this.names.push(name);
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
        countLoads(sub, this.conds, -1);
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
    if (this.keysDirty) {
      this.keysDirty = false;
      this.keys.update(this.subs, this.conds);
    }
    this.scan(event, false);
    if (this.scanner.duplicate) this.scan(event, true); // a repeated key: its values act as an array
    const out = this.out;
    out.length = 0;
    for (const k of this.hitKeys) for (const s of this.keys.keyed[k] as number[]) this.consider(s, out);
    for (const s of this.alwaysCheck) this.consider(s, out);
    // Alternatives behind one key are listed in the order rules were added, so results often
    // arrive in rule order already.
    if (!ascending(out)) out.sort((a, b) => a - b);
    const names = new Array<string>(out.length);
    for (let i = 0; i < out.length; i++) names[i] = this.names[out[i] as number] as string;
    return names;
  }

  /** Checks a woken alternative unless it, or another alternative of its rule, already was. */
  private consider(s: number, out: number[]): void {
    const e = this.epoch;
    const sub = this.subs[s] as Sub;
    if (sub.dead || this.ruleStamp[sub.rule] === e || this.subStamp[s] === e) return;
    this.subStamp[s] = e;
    if (this.subMatches(sub)) {
      this.ruleStamp[sub.rule] = e;
      out.push(sub.rule);
    }
  }

  private scan(event: string, dupAware: boolean): void {
    if (++this.epoch === 0x7fffffff) this.resetStamps();
    this.hitKeys.length = 0;
    this.scanner.scan(event, this.sink, dupAware);
  }

  /** Records that a leaf with the current membership meets the condition. */
  private meet(cid: number, m: readonly number[]): void {
    const e = this.epoch;
    if (this.cidStamp[cid] !== e) {
      this.cidStamp[cid] = e;
      this.cidMembers[cid] = undefined;
    }
    if (m.length === 0) this.cidFree[cid] = e;
    else if (this.cidFree[cid] !== e) {
      const list = this.cidMembers[cid];
      if (list) list.push(m);
      else this.cidMembers[cid] = [m];
    }
  }

  /** Index callback: a key condition met by the leaf being read. */
  private readonly hit = (cid: number): void => {
    if (this.cidStamp[cid] !== this.epoch) this.hitKeys.push(cid);
    this.meet(cid, this.membership);
  };

  private readonly sink: LeafSink<FieldSlot> = {
    leaf: (field, type, text, membership) => {
      field.record(this.epoch, type, text, membership);
      this.membership = membership;
      const n = type === T_NUM && field.needsDouble ? exactDouble(text) : undefined;
      field.index.match(type, text, n, this.hit);
    },
  };

  /** Checks a non-key condition against the event's leaves at its path, once per event. */
  private check(cid: number): void {
    const e = this.epoch;
    this.cidChecked[cid] = e;
    const c = this.conds[cid] as Cond;
    const f = c.field;
    const n = f.leaves(e);
    const exact = c.exact === undefined ? (c.exact = ExactValues.of(c.matchers) ?? null) : c.exact;
    for (let i = 0; i < n; i++) {
      const ok = exact ? exact.accepts(f.type(i), f.text(i)) : leafAccepted(c.matchers, f.value(i));
      if (ok) this.meet(cid, f.membership(i));
    }
  }

  private subMatches(sub: Sub): boolean {
    const e = this.epoch;
    const cids = sub.cids;
    let constrained = 0;
    for (let i = 0; i < cids.length; i++) {
      const cid = cids[i] as number;
      if (this.keys.isKey[cid] === 0 && this.cidChecked[cid] !== e) this.check(cid);
      if (this.cidStamp[cid] === e) {
        if (this.cidFree[cid] !== e) constrained++;
        continue;
      }
      const c = this.conds[cid] as Cond;
      if (!c.absenceOk || c.field.seen === e) return false;
    }
    // Array consistency: only conditions met solely inside array elements constrain each other.
    if (constrained < 2) return true;
    const lists: Array<Array<readonly number[]>> = [];
    for (const cid of cids) {
      if (this.cidStamp[cid] === e && this.cidFree[cid] !== e) lists.push(this.cidMembers[cid] ?? []);
    }
    return consistent(lists);
  }

  private register(rule: Rule, ruleIndex: number): void {
    for (const alt of rule.compiled.alternatives) {
      const s = this.subs.length;
      const cids = alt.map((c) => this.addCondition(c));
      const sub: Sub = { rule: ruleIndex, cids, dead: false };
      this.subs.push(sub);
      countLoads(sub, this.conds, 1);
      rule.subs.push(s);
      if (cids.every((cid) => (this.conds[cid] as Cond).absenceOk)) this.alwaysCheck.push(s);
    }
    this.keysDirty = true;
    this.grow();
  }

  private addCondition(c: Condition): number {
    const key = c.path + '\u0000' + JSON.stringify(c.matchers, (k, v: unknown) =>
      k === 'prog' || k === 'progs' ? undefined : typeof v === 'bigint' ? v.toString() : v);
    const existing = this.condByKey.get(key);
    if (existing !== undefined) return existing;
    let field = this.fields.get(c.path);
    if (!field) {
      field = new FieldSlot();
      this.fields.set(c.path, field);
      // Every dotted prefix of the path leads to it (a key may itself contain dots, so all are kept).
      for (let i = c.path.indexOf('.'); i >= 0; i = c.path.indexOf('.', i + 1)) this.prefixes.add(c.path.slice(0, i));
    }
    const cid = this.conds.length;
    const absenceOk = c.matchers.some((m) => m.k === 'exists' && !m.v);
    this.conds.push({ field, matchers: c.matchers, absenceOk, terms: loadTerms(c.path, c.matchers, this.loads), exact: undefined });
    this.condByKey.set(key, cid);
    field.cids.push(cid);
    if (c.matchers.some((m) => NEEDS_DOUBLE.has(m.k))) field.needsDouble = true;
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
    this.cidChecked = need(this.cidChecked, this.conds.length);
    this.subStamp = need(this.subStamp, this.subs.length);
    this.ruleStamp = need(this.ruleStamp, this.ruleList.length);
    this.keys.grow(this.conds.length);
    while (this.cidMembers.length < this.conds.length) this.cidMembers.push(undefined); // dense, see KeyAssignment.grow
  }

  private resetStamps(): void {
    this.epoch = 1;
    for (const a of [this.cidStamp, this.cidFree, this.cidChecked, this.subStamp, this.ruleStamp]) a.fill(0);
    for (const f of this.fields.values()) f.seen = 0;
  }

  /** Drops removed rules' conditions by re-registering the live rules from scratch. */
  private rebuild(): void {
    const live = [...this.rules.values()];
    this.rules.clear();
    this.ruleList = [];
    this.names = [];
    this.subs = [];
    this.conds = [];
    this.fields.clear();
    this.prefixes.clear();
    this.alwaysCheck = [];
    this.condByKey.clear();
    this.keys.clear();
    this.loads.clear();
    this.dead = 0;
    for (const r of live) {
      const rule: Rule = { name: r.name, compiled: r.compiled, subs: [] };
      this.rules.set(r.name, rule);
      this.ruleList.push(rule);
      this.names.push(r.name);
      this.register(rule, this.ruleList.length - 1);
    }
  }
}

function ascending(xs: readonly number[]): boolean {
  for (let i = 1; i < xs.length; i++) if ((xs[i] as number) < (xs[i - 1] as number)) return false;
  return true;
}
