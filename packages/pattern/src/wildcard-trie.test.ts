// The wildcard automaton finds exactly the operands the plain matcher accepts, for many operands
// at once over a small alphabet (so literal runs overlap, share states and backtrack).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseWildcard, wildcardMatches } from './wildcard.js';
import { WildcardTrie } from './wildcard-trie.js';

const text = fc.string({ unit: fc.constantFrom('x', 'y', '*', '\\'), maxLength: 7 });
const escape = (s: string): string => s.replace(/[\\*]/g, (c) => `\\${c}`);
// Literal runs joined by stars; only the first and last run may be empty (`**` is invalid).
const operand = fc
  .array(fc.string({ unit: fc.constantFrom('x', 'y', '*', '\\'), maxLength: 3 }), { minLength: 1, maxLength: 4 })
  .filter((parts) => parts.every((p, i) => i === 0 || i === parts.length - 1 || p.length > 0))
  .map((parts) => parts.map(escape).join('*'));

test('WildcardTrie agrees with wildcardMatches', () => {
  fc.assert(
    fc.property(fc.array(operand, { minLength: 1, maxLength: 12 }), fc.array(text, { maxLength: 8 }), (ops, values) => {
      const trie = new WildcardTrie<number>();
      const progs = ops.map(parseWildcard);
      progs.forEach((p, i) => trie.add(p, i));
      for (const v of values) {
        const found = new Set<number>();
        trie.match(v, (i) => {
          assert.ok(!found.has(i), 'each operand reported once');
          found.add(i);
        });
        const want = progs.flatMap((p, i) => (wildcardMatches(p, v) ? [i] : []));
        assert.deepEqual([...found].sort((a, b) => a - b), want, `value ${JSON.stringify(v)} ops ${JSON.stringify(ops)}`);
      }
    }),
    { numRuns: 1000 },
  );
});

test('WildcardTrie examples', () => {
  const trie = new WildcardTrie<string>();
  for (const op of ['arn:*:repo/app-1*', 'arn:*:repo/app-1', '*', '', 'a*b*c', 'a\\*b']) trie.add(parseWildcard(op), op);
  const run = (v: string): string[] => {
    const out: string[] = [];
    trie.match(v, (op) => out.push(op));
    return out.sort();
  };
  assert.deepEqual(run('arn:x:y:repo/app-12'), ['*', 'arn:*:repo/app-1*']);
  assert.deepEqual(run('arn::repo/app-1'), ['*', 'arn:*:repo/app-1', 'arn:*:repo/app-1*']);
  assert.deepEqual(run(''), ['', '*']);
  assert.deepEqual(run('abcabc'), ['*', 'a*b*c']);
  assert.deepEqual(run('a*b'), ['*', 'a\\*b']);
});
