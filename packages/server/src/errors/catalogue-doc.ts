import { readdirSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * docs/errors.md is generated from the error catalogues themselves: every function exported by
 * `errors/common.ts`, `services/<api>/errors.ts` and `registry/errors.ts` is called with
 * `{parameter}` placeholders, and the error it builds gives the code, status and message template.
 */

interface CatalogueError {
  code: string;
  status: number;
  message: string;
  queryCode?: string;
}

function isCatalogueError(v: unknown): v is CatalogueError {
  return v instanceof Error && typeof (v as Partial<CatalogueError>).code === 'string' && typeof (v as Partial<CatalogueError>).status === 'number';
}

function parameterNames(fn: (...args: unknown[]) => unknown): string[] {
  const src = fn.toString();
  const m = /^[^(]*\(([^)]*)\)/.exec(src) ?? /^\s*([A-Za-z_$][\w$]*)\s*=>/.exec(src);
  if (!m) return [];
  return m[1]
    .split(',')
    .map((p) => p.trim().split(/[=:\s]/)[0].replace(/^\.\.\./, ''))
    .filter(Boolean);
}

export interface CatalogueRow {
  module: string;
  name: string;
  code: string;
  status: number;
  message: string;
  queryCode?: string;
}

export function catalogueRows(module: string, exports: Record<string, unknown>): CatalogueRow[] {
  const rows: CatalogueRow[] = [];
  for (const [name, value] of Object.entries(exports)) {
    if (typeof value !== 'function' || /^[A-Z]/.test(name)) continue;
    const fn = value as (...args: unknown[]) => unknown;
    const names = parameterNames(fn);
    let built: unknown;
    // Placeholders as strings first; a catalogue function that takes a list gets one-item lists.
    for (const args of [names.map((p) => `{${p}}`), names.map((p) => [`{${p}}`])]) {
      try {
        built = fn(...args);
        break;
      } catch {
        built = undefined;
      }
    }
    if (!isCatalogueError(built)) continue;
    rows.push({ module, name, code: built.code, status: built.status, message: built.message, queryCode: built.queryCode });
  }
  return rows.sort((a, b) => a.code.localeCompare(b.code) || a.name.localeCompare(b.name));
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderCatalogue(sections: { module: string; rows: CatalogueRow[] }[]): string {
  const out = [
    '# Errors',
    '',
    'Every error Bosun answers with, by catalogue. Generated from the catalogues by `npm run gen:errors-doc`; a test fails when this file is stale.',
    '`{name}` marks a value filled in per call.',
    '',
  ];
  for (const s of sections) {
    if (!s.rows.length) continue;
    out.push(`## \`${s.module}\``, '', '| code | HTTP | message | built by |', '| --- | --- | --- | --- |');
    for (const r of s.rows) {
      const code = r.queryCode && r.queryCode !== r.code ? `${r.code} (query: ${r.queryCode})` : r.code;
      out.push(`| ${cell(code)} | ${r.status} | ${cell(r.message) || '_(none)_'} | \`${r.name}\` |`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** The catalogue modules in the built server (dist), by path relative to its root. */
export function catalogueModules(): string[] {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const found = [join(root, 'errors', 'common.js'), join(root, 'registry', 'errors.js')];
  const services = join(root, 'services');
  for (const name of readdirSync(services).sort()) found.push(join(services, name, 'errors.js'));
  return found.filter((f) => existsSync(f)).map((f) => relative(root, f));
}

export async function renderErrorsDoc(): Promise<string> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const sections = [];
  for (const rel of catalogueModules()) {
    const exports = (await import(pathToFileURL(join(root, rel)).href)) as Record<string, unknown>;
    sections.push({ module: rel.replace(/\.js$/, '.ts'), rows: catalogueRows(rel, exports) });
  }
  return renderCatalogue(sections);
}

export const errorsDocPath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'docs', 'errors.md');
