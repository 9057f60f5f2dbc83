// Reads event JSON text for a compiled machine without building it: only subtrees that lead to a
// field some rule names are descended, everything else is skipped by scanning for its end. This
// is event-ruler's trick of letting the machine's field names steer the parse (rulesForJSONEvent)
// and is most of why matching costs little more than reading the event once.

export const T_STR = 0;
export const T_NUM = 1;
export const T_TRUE = 2;
export const T_FALSE = 3;
export const T_NULL = 4;

/** What the scanner reports to: one call per leaf at a path of interest. */
export interface LeafSink<F> {
  leaf(field: F, type: number, text: string, membership: readonly number[]): void;
}

const EMPTY: readonly number[] = [];

export class EventScanner<F> {
  private src = '';
  private p = 0;
  private nextArray = 0;
  /** Set when a key of interest repeats in one object; the caller then rescans in dupAware mode. */
  duplicate = false;
  private dupAware = false;

  constructor(
    private readonly fields: Map<string, F>,
    private readonly prefixes: Set<string>,
  ) {}

  scan(src: string, sink: LeafSink<F>, dupAware = false): void {
    this.src = src;
    this.p = 0;
    this.nextArray = 0;
    this.duplicate = false;
    this.dupAware = dupAware;
    this.ws();
    if (src.charCodeAt(this.p) !== 123) throw new SyntaxError('Event is not a JSON object');
    this.object('', EMPTY, sink);
  }

  private object(prefix: string, membership: readonly number[], sink: LeafSink<F>): void {
    const s = this.src;
    this.p++;
    let seen: string[] | undefined;
    let counts: Map<string, number> | undefined;
    this.ws();
    if (s.charCodeAt(this.p) === 125) {
      this.p++;
      return;
    }
    for (;;) {
      this.ws();
      if (s.charCodeAt(this.p) !== 34) throw new SyntaxError(`Expected field name at ${this.p}`);
      const key = this.string();
      this.ws();
      if (s.charCodeAt(this.p) !== 58) throw new SyntaxError(`Expected ':' at ${this.p}`);
      this.p++;
      this.ws();
      const path = prefix === '' ? key : prefix + '.' + key;
      const field = this.fields.get(path);
      const isPrefix = this.prefixes.has(path);
      if (field === undefined && !isPrefix) this.skip();
      else {
        let m = membership;
        if (this.dupAware) {
          // A repeated key behaves like an array of its values: each occurrence is an element.
          counts ??= new Map();
          const n = counts.get(key) ?? 0;
          counts.set(key, n + 1);
          m = [...membership, this.dupId(path), n];
        } else {
          seen ??= [];
          if (seen.includes(key)) this.duplicate = true;
          else seen.push(key);
        }
        this.value(path, field, isPrefix, m, sink);
      }
      this.ws();
      const c = s.charCodeAt(this.p++);
      if (c === 125) return;
      if (c !== 44) throw new SyntaxError(`Expected ',' or '}' at ${this.p - 1}`);
    }
  }

  private dupIds = new Map<string, number>();
  private dupId(path: string): number {
    // Negative ids cannot collide with array ids; one id per path is enough because an
    // occurrence index is only compared between leaves under the same key of the same object.
    let id = this.dupIds.get(path);
    if (id === undefined) {
      id = -1 - this.dupIds.size;
      this.dupIds.set(path, id);
    }
    return id;
  }

  private value(path: string, field: F | undefined, isPrefix: boolean, membership: readonly number[], sink: LeafSink<F>): void {
    const s = this.src;
    const c = s.charCodeAt(this.p);
    if (c === 123) {
      if (isPrefix) this.object(path, membership, sink);
      else this.skip();
    } else if (c === 91) {
      this.array(path, field, isPrefix, membership, sink);
    } else if (field === undefined) {
      this.skip();
    } else if (c === 34) {
      sink.leaf(field, T_STR, this.string(), membership);
    } else {
      const start = this.p;
      this.scalarEnd();
      const text = s.slice(start, this.p);
      if (c === 116) sink.leaf(field, T_TRUE, text, membership);
      else if (c === 102) sink.leaf(field, T_FALSE, text, membership);
      else if (c === 110) sink.leaf(field, T_NULL, text, membership);
      else sink.leaf(field, T_NUM, text, membership);
    }
  }

  private array(path: string, field: F | undefined, isPrefix: boolean, membership: readonly number[], sink: LeafSink<F>): void {
    const s = this.src;
    const id = this.nextArray++;
    this.p++;
    this.ws();
    if (s.charCodeAt(this.p) === 93) {
      this.p++;
      return;
    }
    for (let i = 0; ; i++) {
      this.ws();
      const c = s.charCodeAt(this.p);
      if (c === 123 || c === 91) {
        if (c === 123 && !isPrefix) this.skip();
        else this.value(path, field, isPrefix, [...membership, id, i], sink);
      } else this.value(path, field, isPrefix, membership, sink);
      this.ws();
      const d = s.charCodeAt(this.p++);
      if (d === 93) return;
      if (d !== 44) throw new SyntaxError(`Expected ',' or ']' at ${this.p - 1}`);
    }
  }

  /** Reads a string at p (on its opening quote), decoding escapes only when there are any. */
  private string(): string {
    const s = this.src;
    const start = this.p + 1;
    let q = s.indexOf('"', start);
    if (q < 0) throw new SyntaxError('Unterminated string');
    const b = s.indexOf('\\', start);
    if (b < 0 || b > q) {
      this.p = q + 1;
      return s.slice(start, q);
    }
    q = this.stringEnd(start);
    this.p = q + 1;
    return JSON.parse(s.slice(start - 1, q + 1)) as string;
  }

  /** Index of the closing quote of a string whose content starts at `from`. */
  private stringEnd(from: number): number {
    const s = this.src;
    let q = s.indexOf('"', from);
    for (;;) {
      if (q < 0) throw new SyntaxError('Unterminated string');
      let k = q - 1;
      while (s.charCodeAt(k) === 92) k--;
      if ((q - 1 - k) % 2 === 0) return q;
      q = s.indexOf('"', q + 1);
    }
  }

  private scalarEnd(): void {
    const s = this.src;
    let p = this.p;
    for (;;) {
      const c = s.charCodeAt(p);
      if (c === 44 || c === 125 || c === 93 || c === 32 || c === 10 || c === 13 || c === 9 || p >= s.length) break;
      p++;
    }
    this.p = p;
  }

  /** Skips one value of any kind. */
  private skip(): void {
    const s = this.src;
    let c = s.charCodeAt(this.p);
    if (c === 34) {
      this.p = this.stringEnd(this.p + 1) + 1;
      return;
    }
    if (c !== 123 && c !== 91) return this.scalarEnd();
    let depth = 0;
    let p = this.p;
    const n = s.length;
    for (; p < n; p++) {
      c = s.charCodeAt(p);
      if (c === 34) p = this.stringEnd(p + 1);
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (--depth === 0) {
          this.p = p + 1;
          return;
        }
      }
    }
    throw new SyntaxError('Unterminated value');
  }

  private ws(): void {
    const s = this.src;
    let p = this.p;
    for (;;) {
      const c = s.charCodeAt(p);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
      p++;
    }
    this.p = p;
  }
}
