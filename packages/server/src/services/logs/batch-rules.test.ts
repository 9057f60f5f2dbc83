import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isAwsError } from '../../errors/index.js';
import { judgeBatch, MAX_BATCH_BYTES } from './batch-rules.js';

interface Case {
  name: string;
  now: number;
  retention?: number;
  events: [number, string][];
  accepted?: number[];
  rejected?: Record<string, number>;
  error?: string;
}

const cases = JSON.parse(readFileSync(new URL('./batch-rules.cases.json', import.meta.url), 'utf8')) as Case[];

describe('PutLogEvents batch rules', () => {
  for (const c of cases) {
    it(c.name, () => {
      const events = c.events.map(([timestamp, message]) => ({ timestamp, message }));
      if (c.error) {
        assert.throws(() => judgeBatch(events, c.now, c.retention), (e: unknown) => isAwsError(e) && e.code === 'InvalidParameterException' && e.message === c.error);
        return;
      }
      const verdict = judgeBatch(events, c.now, c.retention);
      assert.deepEqual(verdict.accepted, c.accepted);
      assert.deepEqual(verdict.rejected, c.rejected);
    });
  }

  it('counts 26 bytes per event and UTF-8 bytes of the message', () => {
    const message = 'é'.repeat(1000);
    const n = Math.floor(MAX_BATCH_BYTES / (2000 + 26));
    const fits = Array.from({ length: n }, () => ({ timestamp: 1, message }));
    assert.doesNotThrow(() => judgeBatch(fits, 1));
    assert.throws(() => judgeBatch([...fits, { timestamp: 1, message }], 1), /Upload too large: 1049468 bytes exceeds limit of 1048576/);
  });

  it('rejects one event over the limit by its size', () => {
    assert.throws(() => judgeBatch([{ timestamp: 1, message: 'x'.repeat(MAX_BATCH_BYTES) }], 1), /Log event too large: 1048602 bytes exceeds limit of 1048576/);
  });
});
