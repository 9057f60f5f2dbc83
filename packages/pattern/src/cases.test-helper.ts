// Loads the conformance cases kept as data next to the tests (test helper; uses node:fs).
import { readFileSync } from 'node:fs';

export interface MatchCase {
  readonly name: string;
  readonly pattern: unknown;
  readonly event: unknown;
  readonly expected: boolean;
}

export interface ErrorCase {
  readonly pattern: string;
  readonly reason: string;
  readonly column: number | null;
  readonly located: boolean;
}

function load<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`./cases/${file}`, import.meta.url), 'utf8')) as T;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

export const matchCases = (): Array<MatchCase & { patternText: string; eventText: string }> =>
  load<MatchCase[]>('matching.cases.json').map((c) => ({ ...c, patternText: text(c.pattern), eventText: text(c.event) }));

export const errorCases = (): ErrorCase[] => load<ErrorCase[]>('errors.cases.json');
