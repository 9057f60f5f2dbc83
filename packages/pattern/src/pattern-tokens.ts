// A streaming JSON tokenizer for pattern text. event-ruler compiles patterns straight off
// Jackson's token stream, so the order in which errors surface, duplicate keys (last write wins)
// and the raw text of numbers all follow from reading tokens one at a time; this mirrors that.
import { PatternError, type PatternLocation } from './errors.js';

export const enum Tok {
  StartObject,
  EndObject,
  StartArray,
  EndArray,
  FieldName,
  String,
  Number,
  True,
  False,
  Null,
  End,
}

interface Frame {
  readonly obj: boolean;
  count: number;
  start: number;
}

export class PatternTokens {
  readonly src: string;
  private pos = 0;
  private stack: Frame[] = [];
  private afterField = false;
  /** The current token's kind, text (decoded for strings/names, raw for numbers) and extent. */
  tok: Tok = Tok.End;
  private textValue = '';
  /** Jackson finishes reading a string value only when its text is asked for. */
  private lazyString = false;
  get text(): string {
    this.lazyString = false;
    return this.textValue;
  }
  private tokStart = 0;
  private tokEnd = 0;
  /** Jackson reads one token ahead after a field name; its reported location reflects that. */
  private lookaheadEnd = -1;
  private started = false;

  constructor(src: string) {
    this.src = src;
  }

  /** Location Jackson would report for an error raised now (approximation: see location()). */
  location(): PatternLocation {
    const off =
      this.lookaheadEnd >= 0 ? this.lookaheadEnd : this.tok === Tok.String && this.lazyString ? this.tokStart + 1 : this.tokEnd;
    return offsetToLocation(this.src, off);
  }

  fail(reason: string, repeat = false): never {
    throw new PatternError(reason, this.src, this.location(), repeat);
  }

  next(): Tok {
    if (this.tok === Tok.FieldName && this.lookaheadEnd >= 0) {
      // The value after a field name was already read for the location; now hand it out.
      this.lookaheadEnd = -1;
      this.readValueAfterField();
      return this.tok;
    }
    this.lookaheadEnd = -1;
    this.readToken();
    if (this.tok === Tok.FieldName) {
      const save = { tok: this.tok, text: this.textValue, s: this.tokStart, e: this.tokEnd };
      this.skipWs();
      this.expect(58 /* : */, 'was expecting a colon to separate field name and value');
      this.pos++;
      this.skipWs();
      const p = this.pos;
      const c = this.src.charCodeAt(p);
      // Jackson consumes a scalar value entirely, but only the opening quote or bracket otherwise.
      if (c === 34 || c === 123 || c === 91) this.lookaheadEnd = p + 1;
      else this.lookaheadEnd = this.scanScalarEnd(p);
      this.pos = p;
      this.tok = save.tok;
      this.textValue = save.text;
      this.tokStart = save.s;
      this.tokEnd = save.e;
    }
    return this.tok;
  }

  private readValueAfterField(): void {
    this.afterField = true;
    this.readToken();
  }

  private readToken(): void {
    const top = this.stack[this.stack.length - 1];
    this.skipWs();
    if (!this.started) {
      this.started = true;
      if (this.pos >= this.src.length) return this.set(Tok.End, '', this.pos, this.pos);
      return this.readValue();
    }
    if (!top) return this.set(Tok.End, '', this.pos, this.pos);
    const c = this.src.charCodeAt(this.pos);
    if (this.afterField) {
      this.afterField = false;
      return this.readValue();
    }
    if (c === (top.obj ? 125 : 93)) {
      this.stack.pop();
      return this.set(top.obj ? Tok.EndObject : Tok.EndArray, top.obj ? '}' : ']', this.pos, ++this.pos);
    }
    if (this.pos >= this.src.length) this.eof(top);
    if (top.count > 0) {
      this.expect(44, `was expecting comma to separate ${top.obj ? 'Object' : 'Array'} entries`);
      this.pos++;
      this.skipWs();
    }
    top.count++;
    if (top.obj) {
      if (this.pos >= this.src.length) this.eof(top);
      this.expect(34, 'was expecting double-quote to start field name');
      const start = this.pos;
      const s = this.readString();
      return this.set(Tok.FieldName, s, start, this.pos);
    }
    return this.readValue();
  }

  private readValue(): void {
    const start = this.pos;
    const c = this.src.charCodeAt(start);
    if (start >= this.src.length) {
      const top = this.stack[this.stack.length - 1];
      if (top) this.eof(top);
      return this.set(Tok.End, '', start, start);
    }
    if (c === 123 || c === 91) {
      this.stack.push({ obj: c === 123, count: 0, start });
      this.pos++;
      return this.set(c === 123 ? Tok.StartObject : Tok.StartArray, c === 123 ? '{' : '[', start, this.pos);
    }
    if (c === 34) {
      const s = this.readString();
      return this.set(Tok.String, s, start, this.pos);
    }
    const end = this.scanScalarEnd(start);
    const word = this.src.slice(start, end);
    this.pos = end;
    if (word === 'true') return this.set(Tok.True, word, start, end);
    if (word === 'false') return this.set(Tok.False, word, start, end);
    if (word === 'null') return this.set(Tok.Null, word, start, end);
    if (/^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(word)) return this.set(Tok.Number, word, start, end);
    if (word === '') {
      this.tokEnd = start + 1;
      this.unexpected(c, 'expected a value');
    }
    this.tokEnd = end;
    this.fail(
      `Unrecognized token '${word}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`,
    );
  }

  private scanScalarEnd(p: number): number {
    const s = this.src;
    while (p < s.length) {
      const c = s.charCodeAt(p);
      if (c === 44 || c === 93 || c === 125 || c === 32 || c === 9 || c === 10 || c === 13 || c === 58 || c === 34)
        break;
      p++;
    }
    return p;
  }

  private readString(): string {
    const s = this.src;
    let p = this.pos + 1;
    let out = '';
    let run = p;
    for (;;) {
      if (p >= s.length) {
        this.tokEnd = p;
        this.fail('Unexpected end-of-input: was expecting closing quote for a string value');
      }
      const c = s.charCodeAt(p);
      if (c === 34) break;
      if (c < 32) {
        this.tokEnd = p + 1;
        this.fail(
          `Illegal unquoted character ((CTRL-CHAR, code ${c})): has to be escaped using backslash to be included in string value`,
        );
      }
      if (c === 92) {
        out += s.slice(run, p);
        const e = s.charCodeAt(p + 1);
        const simple: Record<number, string> = { 34: '"', 92: '\\', 47: '/', 98: '\b', 102: '\f', 110: '\n', 114: '\r', 116: '\t' };
        if (simple[e] !== undefined) {
          out += simple[e];
          p += 2;
        } else if (e === 117 && /^[0-9a-fA-F]{4}$/.test(s.slice(p + 2, p + 6))) {
          out += String.fromCharCode(parseInt(s.slice(p + 2, p + 6), 16));
          p += 6;
        } else {
          this.tokEnd = p + 2;
          this.fail(`Unrecognized character escape '${s[p + 1] ?? ''}' (code ${e})`);
        }
        run = p;
        continue;
      }
      p++;
    }
    out += s.slice(run, p);
    this.pos = p + 1;
    return out;
  }

  private skipWs(): void {
    const s = this.src;
    let p = this.pos;
    while (p < s.length) {
      const c = s.charCodeAt(p);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      p++;
    }
    this.pos = p;
  }

  private expect(code: number, what: string): void {
    const c = this.src.charCodeAt(this.pos);
    if (c !== code) {
      const top = this.stack[this.stack.length - 1];
      if (this.pos >= this.src.length && top) this.eof(top);
      this.tokEnd = this.pos + 1;
      this.unexpected(c, what);
    }
  }

  private unexpected(c: number, what: string): never {
    const ch = String.fromCharCode(c);
    this.lookaheadEnd = -1;
    this.fail(`Unexpected character ('${ch}' (code ${c})): ${what}`);
  }

  private eof(top: Frame): never {
    this.tokEnd = this.src.length;
    this.lookaheadEnd = -1;
    const loc = offsetToLocation(this.src, top.start);
    const kind = top.obj ? 'Object' : 'Array';
    this.fail(
      `Unexpected end-of-input: expected close marker for ${kind} (start marker at [Source: (String)"${this.src}"; line: ${loc.line}, column: ${loc.column}])`,
    );
  }

  private set(tok: Tok, text: string, start: number, end: number): void {
    this.tok = tok;
    this.textValue = text;
    this.lazyString = tok === Tok.String;
    this.tokStart = start;
    this.tokEnd = end;
  }
}

export function offsetToLocation(src: string, offset: number): PatternLocation {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < src.length; i++) {
    if (src.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
