// Runs every compiled test file (`**/dist/**/*.test.js`) with Node's built-in runner.
// Node 20's `--test` takes no globs, so the list is gathered here. Extra args filter by path substring.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = ['packages/pattern', 'packages/server', 'packages/cli', 'conformance', 'bench'];
const filters = process.argv.slice(2);
const files = [];
function walk(dir, inDist) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, inDist || name === 'dist');
    else if (inDist && name.endsWith('.test.js')) files.push(path);
  }
}
for (const root of roots) walk(root, false);
const selected = files.filter((f) => filters.length === 0 || filters.some((s) => f.includes(s))).sort();
if (selected.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...selected], { stdio: 'inherit' });
process.exit(result.status ?? 1);
