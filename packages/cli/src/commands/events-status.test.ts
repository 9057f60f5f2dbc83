import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatStatus, type StatusDocument } from './events-status.js';

const doc: StatusDocument = {
  journal: { lastSeq: 10, matcherCursor: 10 },
  rules: [
    {
      name: 'placed',
      eventBusName: 'shop',
      state: 'ENABLED',
      counters: { MatchedEvents: 3 },
      targets: [
        {
          id: 'q',
          arn: 'arn:aws:sqs:us-east-1:1:q',
          pendingDeliveries: 1,
          counters: { Invocations: 2, FailedInvocations: 1, InvocationsSentToDlq: 1 },
          lastError: { at: '2026-01-01T00:00:00.000Z', errorCode: 'NO_RESOURCE', errorMessage: 'The specified queue does not exist.', eventId: 'e1', attempts: 1 },
        },
      ],
    },
    { name: 'idle', eventBusName: 'default', state: 'DISABLED', counters: {}, targets: [] },
  ],
};

test('one line per target with the counters, then the last errors in full', () => {
  const text = formatStatus(doc);
  assert.match(text, /^journal: 10 events, matcher up to date\n/);
  assert.match(text, /shop\s+placed\s+ENABLED\s+3\s+q\s+1\s+2\s+1\s+1\s+0\s+2026-01-01T00:00:00.000Z NO_RESOURCE/);
  assert.match(text, /default\s+idle\s+DISABLED\s+0\s+-/);
  assert.match(text, /shop\/placed → q \(arn:aws:sqs:us-east-1:1:q\), 2026-01-01T00:00:00.000Z, event e1, attempt 1:\n {2}NO_RESOURCE: The specified queue does not exist\./);
});

test('filters by rule and bus', () => {
  assert.doesNotMatch(formatStatus(doc, { rule: 'placed' }), /idle/);
  assert.match(formatStatus(doc, { bus: 'nope' }), /no rules match the filter/);
});
