import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import deleteSample from './samples/ecr-image-delete.json' with { type: 'json' };
import pushSample from './samples/ecr-image-push.json' with { type: 'json' };
import { eventTime, imageActionAppend, imageActionEvent } from './events.js';

/** The samples are the ECR User Guide's, copied verbatim from /work/shared/samples. */
function fromSample(sample: typeof pushSample) {
  return imageActionEvent({
    id: sample.id,
    time: Date.parse(sample.time),
    account: sample.account,
    region: sample.region,
    repositoryName: sample.detail['repository-name'],
    imageDigest: sample.detail['image-digest'],
    actionType: sample.detail['action-type'] as 'PUSH' | 'DELETE',
    imageTag: sample.detail['image-tag'],
  });
}

describe('ECR Image Action events, as the ECR User Guide documents them', () => {
  for (const [name, sample] of [['push', pushSample], ['delete', deleteSample]] as const) {
    it(`rebuilds the documented ${name} event field for field, in the documented key order`, () => {
      const event = fromSample(sample);
      assert.deepEqual(event, sample);
      assert.equal(JSON.stringify(event), JSON.stringify(sample));
      assert.deepEqual(Object.keys(event.detail), Object.keys(sample.detail));
    });
  }

  it('leaves out image-tag for an untagged image', () => {
    const event = imageActionEvent({ id: 'i', time: 0, account: '1', region: 'r', repositoryName: 'n', imageDigest: 'sha256:x', actionType: 'PUSH' });
    assert.deepEqual(Object.keys(event.detail), ['result', 'repository-name', 'image-digest', 'action-type']);
  });

  it('writes times in UTC with whole seconds', () => {
    assert.equal(eventTime(Date.UTC(2019, 10, 16, 1, 54, 34, 999)), '2019-11-16T01:54:34Z');
  });

  it('publishes on the default bus of the account and region', () => {
    const append = imageActionAppend({ id: 'i', time: 0, account: '123456789012', region: 'eu-west-1', repositoryName: 'n', imageDigest: 'sha256:x', actionType: 'DELETE', imageTag: 't' });
    assert.equal(append.stream, 'arn:aws:events:eu-west-1:123456789012:event-bus/default');
    assert.equal(JSON.parse(append.body)['detail-type'], 'ECR Image Action');
  });
});
