import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isAwsError } from '../../../errors/index.js';
import { compileFilterPattern } from './pattern.js';
import { splitFields } from './delimited-pattern.js';

const cases = JSON.parse(readFileSync(new URL('./pattern.cases.json', import.meta.url), 'utf8')) as {
  matching: { pattern: string; match: string[]; noMatch: string[] }[];
  invalid: { pattern: string; message: string }[];
};

describe('CloudWatch Logs filter patterns', () => {
  for (const c of cases.matching) {
    it(`${c.pattern || '(empty)'}`, () => {
      const matches = compileFilterPattern(c.pattern);
      for (const m of c.match) assert.equal(matches(m), true, `should match: ${m}`);
      for (const m of c.noMatch) assert.equal(matches(m), false, `should not match: ${m}`);
    });
  }

  for (const c of cases.invalid) {
    it(`rejects ${c.pattern}`, () => {
      assert.throws(
        () => compileFilterPattern(c.pattern),
        (e: unknown) => isAwsError(e) && e.code === 'InvalidParameterException' && e.message === c.message,
      );
    });
  }

  it('splits delimited fields, keeping quoted and bracketed runs whole', () => {
    assert.deepEqual(splitFields('1.2.3.4 - [10/Oct/2000:13:25:15 -0700] "GET / HTTP/1.0" 200'), ['1.2.3.4', '-', '10/Oct/2000:13:25:15 -0700', 'GET / HTTP/1.0', '200']);
  });
});
