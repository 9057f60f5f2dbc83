import { invalidFilterPattern } from '../errors.js';

/** Tokens of the expression part of JSON (`{ … }`) and space-delimited (`[ … ]`) filter patterns. */
export type Token =
  | { type: 'op'; text: '=' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | '(' | ')' | ',' }
  | { type: 'string'; text: string }
  | { type: 'regex'; text: string }
  | { type: 'word'; text: string };

const TWO = ['!=', '<=', '>=', '&&', '||'] as const;
const ONE = ['=', '<', '>', '(', ')', ','] as const;

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if ((TWO as readonly string[]).includes(two)) {
      out.push({ type: 'op', text: two as Extract<Token, { type: 'op' }>['text'] });
      i += 2;
      continue;
    }
    if ((ONE as readonly string[]).includes(c)) {
      out.push({ type: 'op', text: c as Extract<Token, { type: 'op' }>['text'] });
      i++;
      continue;
    }
    if (c === '"') {
      let text = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) i++;
        text += src[i];
        i++;
      }
      if (i >= src.length) throw invalidFilterPattern();
      i++;
      out.push({ type: 'string', text });
      continue;
    }
    if (c === '%') {
      const end = src.indexOf('%', i + 1);
      if (end < 0) throw invalidFilterPattern();
      out.push({ type: 'regex', text: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < src.length && !/[\s=!<>&|(),"%]/.test(src[j]!)) j++;
    if (j === i) throw invalidFilterPattern();
    const word = src.slice(i, j);
    // Bare words are ASCII; a stray smart quote or other symbol is AWS's "invalid character".
    if (!/^[\x21-\x7e]+$/.test(word)) throw invalidFilterPattern(`Invalid character(s) in term '${word}'`);
    out.push({ type: 'word', text: word });
    i = j;
  }
  return out;
}

/** A cursor over tokens for the recursive-descent parsers. */
export class TokenStream {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}
  peek(): Token | undefined {
    return this.tokens[this.i];
  }
  next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw invalidFilterPattern();
    return t;
  }
  isOp(text: string): boolean {
    const t = this.peek();
    return t?.type === 'op' && t.text === text;
  }
  expectOp(text: string): void {
    if (!this.isOp(text)) throw invalidFilterPattern();
    this.i++;
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }
}
