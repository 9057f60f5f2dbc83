// A full, exact JSON reader for events: keeps number text (so 2^53+1 is not rounded), keeps
// duplicate keys (event-ruler sees every occurrence; a repeated key behaves like an array), and
// decodes strings. Used by the reference interpreter, `matches`, explanations and transforms.

export type JsonNode =
  | { readonly t: 'obj'; readonly entries: ReadonlyArray<readonly [string, JsonNode]> }
  | { readonly t: 'arr'; readonly items: readonly JsonNode[] }
  | { readonly t: 'str'; readonly s: string }
  | { readonly t: 'num'; readonly raw: string }
  | { readonly t: 'true' | 'false' | 'null' };

export class EventSyntaxError extends Error {
  constructor(message: string) {
    super(`Event is not valid JSON: ${message}`);
    this.name = 'EventSyntaxError';
  }
}

const NUM = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function parseEvent(src: string): JsonNode {
  let p = 0;
  const ws = (): void => {
    while (p < src.length) {
      const c = src.charCodeAt(p);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      p++;
    }
  };
  const fail = (what: string): never => {
    throw new EventSyntaxError(`${what} at offset ${p}`);
  };
  const str = (): string => {
    p++;
    const start = p;
    let out = '';
    let run = start;
    for (;;) {
      if (p >= src.length) fail('unterminated string');
      const c = src.charCodeAt(p);
      if (c === 34) break;
      if (c < 32) fail('control character in string');
      if (c === 92) {
        out += src.slice(run, p);
        const e = src[p + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && map[e] !== undefined) {
          out += map[e];
          p += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(p + 2, p + 6))) {
          out += String.fromCharCode(parseInt(src.slice(p + 2, p + 6), 16));
          p += 6;
        } else fail('bad escape');
        run = p;
        continue;
      }
      p++;
    }
    out += src.slice(run, p);
    p++;
    return out;
  };
  const value = (depth: number): JsonNode => {
    if (depth > 1000) fail('nesting too deep');
    ws();
    const c = src.charCodeAt(p);
    if (c === 123) {
      p++;
      const entries: [string, JsonNode][] = [];
      ws();
      if (src.charCodeAt(p) === 125) {
        p++;
        return { t: 'obj', entries };
      }
      for (;;) {
        ws();
        if (src.charCodeAt(p) !== 34) fail('expected field name');
        const k = str();
        ws();
        if (src.charCodeAt(p) !== 58) fail("expected ':'");
        p++;
        entries.push([k, value(depth + 1)]);
        ws();
        const d = src.charCodeAt(p++);
        if (d === 125) return { t: 'obj', entries };
        if (d !== 44) fail("expected ',' or '}'");
      }
    }
    if (c === 91) {
      p++;
      const items: JsonNode[] = [];
      ws();
      if (src.charCodeAt(p) === 93) {
        p++;
        return { t: 'arr', items };
      }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        const d = src.charCodeAt(p++);
        if (d === 93) return { t: 'arr', items };
        if (d !== 44) fail("expected ',' or ']'");
      }
    }
    if (c === 34) return { t: 'str', s: str() };
    for (const w of ['true', 'false', 'null'] as const) {
      if (src.startsWith(w, p)) {
        p += w.length;
        return { t: w };
      }
    }
    NUM.lastIndex = p;
    const m = NUM.exec(src);
    if (!m) return fail('unexpected character');
    p += m[0].length;
    return { t: 'num', raw: m[0] };
  };
  const root = value(0);
  ws();
  if (p !== src.length) fail('trailing characters');
  return root;
}

/** Plain JS form of a node (numbers as JS numbers; duplicate keys: last wins). */
export function toPlain(n: JsonNode): unknown {
  switch (n.t) {
    case 'obj':
      return Object.fromEntries(n.entries.map(([k, v]) => [k, toPlain(v)]));
    case 'arr':
      return n.items.map(toPlain);
    case 'str':
      return n.s;
    case 'num':
      return Number(n.raw);
    case 'true':
      return true;
    case 'false':
      return false;
    case 'null':
      return null;
  }
}
