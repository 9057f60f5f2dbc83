import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';

/**
 * Print a benchmark table and record it in docs/benchmarks.md under its own section, replacing
 * the previous run's table for that benchmark and leaving the others alone.
 */
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const docsFile = join(repoRoot, 'docs', 'benchmarks.md');

export function markdownTable(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Replace (or append) the section `id` of docs/benchmarks.md with `markdown`, whose first line is its `## ` heading. */
export function recordSection(id: string, markdown: string): void {
  const section = `<!-- bench:${id} -->\n${markdown.trim()}\n<!-- /bench:${id} -->`;
  const current = existsSync(docsFile) ? readFileSync(docsFile, 'utf8') : '# Benchmarks\n\nEach section is written by its benchmark under `bench/`; rerun it to update.\n';
  const re = new RegExp(`<!-- bench:${id} -->[\\s\\S]*?<!-- /bench:${id} -->`);
  writeFileSync(docsFile, re.test(current) ? current.replace(re, () => section) : `${current.trimEnd()}\n\n${section}\n`);
}

export function recordTable(id: string, title: string, headers: string[], rows: string[][], notes = ''): void {
  const table = markdownTable(headers, rows);
  console.log(`\n${title}\n${table}\n`);
  const when = new Date().toISOString().slice(0, 10);
  const machine = `${cpus().length} cores, Node ${process.version}`;
  const script = process.argv[1] ? relative(repoRoot, process.argv[1]) : 'bench/dist';
  recordSection(id, `## ${title}\n\n_Recorded ${when} on ${machine} by \`node ${script}\`._\n\n${table}\n${notes ? `\n${notes}\n` : ''}`);
}
