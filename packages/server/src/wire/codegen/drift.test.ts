import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateAll, modelsSourceDir } from './generate.js';

describe('generated wire models', () => {
  it('match what the AWS models generate today (run `npm run gen:models` after updating them)', () => {
    const generated = generateAll();
    const dir = modelsSourceDir();
    const checkedIn = readdirSync(dir).filter((f) => f.endsWith('.model.ts') || f.endsWith('.types.ts'));
    assert.deepEqual(checkedIn.sort(), [...generated.keys()].sort());
    for (const [name, text] of generated) {
      assert.ok(readFileSync(join(dir, name), 'utf8') === text, `${name} drifted from the AWS models`);
    }
  });
});
