import { invalidFilterPattern } from '../errors.js';

/**
 * Unstructured filter patterns: terms and "quoted phrases" must all occur (case-sensitive,
 * anywhere in the message), `-term` must not, and of the `?term`s at least one must.
 */

interface Term {
  text: string;
  mode: 'all' | 'not' | 'any';
}

export function parseTerms(pattern: string): Term[] {
  const terms: Term[] = [];
  let i = 0;
  while (i < pattern.length) {
    if (/\s/.test(pattern[i]!)) {
      i++;
      continue;
    }
    let mode: Term['mode'] = 'all';
    if (pattern[i] === '-' || pattern[i] === '?') {
      mode = pattern[i] === '-' ? 'not' : 'any';
      i++;
    }
    if (pattern[i] === '"') {
      const end = pattern.indexOf('"', i + 1);
      if (end < 0) throw invalidFilterPattern();
      terms.push({ text: pattern.slice(i + 1, end), mode });
      i = end + 1;
      if (i < pattern.length && !/\s/.test(pattern[i]!)) throw invalidFilterPattern();
      continue;
    }
    let j = i;
    while (j < pattern.length && !/\s/.test(pattern[j]!)) j++;
    const word = pattern.slice(i, j);
    if (!word) throw invalidFilterPattern();
    if (!/^[\x21-\x7e]+$/.test(word) || /["{}[\]]/.test(word)) throw invalidFilterPattern(`Invalid character(s) in term '${word}'`);
    terms.push({ text: word, mode });
    i = j;
  }
  return terms;
}

export function termsMatcher(pattern: string): (message: string) => boolean {
  const terms = parseTerms(pattern);
  const all = terms.filter((t) => t.mode === 'all').map((t) => t.text);
  const not = terms.filter((t) => t.mode === 'not').map((t) => t.text);
  const any = terms.filter((t) => t.mode === 'any').map((t) => t.text);
  return (message) =>
    all.every((t) => message.includes(t)) && !not.some((t) => t !== '' && message.includes(t)) && (any.length === 0 || any.some((t) => message.includes(t)));
}
