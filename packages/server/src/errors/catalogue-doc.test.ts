import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { AwsError } from './aws-error.js';
import { catalogueRows, errorsDocPath, renderErrorsDoc } from './catalogue-doc.js';

describe('the error catalogue document', () => {
  it('lists each catalogue function with its code, status and message template', () => {
    const rows = catalogueRows('x.js', {
      queueMissing: (name: string) => new AwsError('QueueDoesNotExist', `The queue ${name} does not exist.`, { queryCode: 'AWS.SimpleQueueService.NonExistentQueue' }),
      notAnError: () => 42,
    });
    assert.deepEqual(rows, [
      { module: 'x.js', name: 'queueMissing', code: 'QueueDoesNotExist', status: 400, message: 'The queue {name} does not exist.', queryCode: 'AWS.SimpleQueueService.NonExistentQueue' },
    ]);
  });

  it('docs/errors.md is current (run `npm run gen:errors-doc` after changing a catalogue)', async () => {
    assert.equal(readFileSync(errorsDocPath, 'utf8'), await renderErrorsDoc());
  });
});
