import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { missingBlobs, putBlob } from './blobs.js';
import { deleteImages } from './delete.js';
import { isFailure } from './failures.js';
import { listImages, listReferrers, listTags, resolveImage } from './images.js';
import { MediaTypes } from './manifest.js';
import { putManifest } from './push.js';
import { createRepository, updateRepository } from './repositories.js';
import { eventsOf, imageManifest, indexManifest, repo, sha256, testContext } from './testing/fixtures.js';

const config = Buffer.from('{"architecture":"amd64","os":"linux"}');
const layer = Buffer.from('layer bytes');

async function withBlobs() {
  const ctx = testContext();
  const ref = repo();
  await createRepository(ctx, ref);
  await putBlob(ctx, ref, config, sha256(config));
  await putBlob(ctx, ref, layer, sha256(layer));
  return { ctx, ref };
}

const put = (ctx: ReturnType<typeof testContext>, ref = repo(), bytes = imageManifest(config, [layer]), tag?: string) =>
  putManifest(ctx, ref, { bytes, contentType: MediaTypes.ociManifest, tag });

describe('pushing manifests', () => {
  it('stores the image and its tag and journals one PUSH event in the same commit', async () => {
    const { ctx, ref } = await withBlobs();
    const commitsBefore = ctx.storage.commits;
    const r = await put(ctx, ref, undefined, 'v1');
    assert.equal(ctx.storage.commits, commitsBefore + 1);
    assert.equal(r.digest, sha256(imageManifest(config, [layer])));
    assert.deepEqual(eventsOf(ctx.storage), [{ result: 'SUCCESS', 'repository-name': 'team/app', 'image-digest': r.digest, 'action-type': 'PUSH', 'image-tag': 'v1' }]);
    assert.equal(ctx.storage.events[0].stream, 'arn:aws:events:us-east-1:123456789012:event-bus/default');
    assert.equal((await resolveImage(ctx, ref, { tag: 'v1' }))?.imageSize, layer.length);
    assert.deepEqual(await listTags(ctx, ref, undefined, undefined), ['v1']);
  });

  it('pushes without a tag emit an untagged PUSH; repeating an identical push emits nothing', async () => {
    const { ctx, ref } = await withBlobs();
    await put(ctx, ref);
    await put(ctx, ref);
    assert.equal(eventsOf(ctx.storage).length, 1);
    assert.equal(eventsOf(ctx.storage)[0]['image-tag'], undefined);
  });

  it('refuses a push to a repository that does not exist, unless create-on-push is on', async () => {
    const ctx = testContext();
    await assert.rejects(put(ctx, repo('nope')), (e) => isFailure(e, 'RepositoryNotFound'));
    assert.equal(ctx.storage.events.length, 0);
    const lenient = testContext({ createOnPush: true });
    await putBlob(lenient, repo('new'), config, sha256(config));
    await putBlob(lenient, repo('new'), layer, sha256(layer));
    await put(lenient, repo('new'), undefined, 'x');
    assert.equal(eventsOf(lenient.storage).length, 1);
  });

  it('refuses manifests whose blobs are not in the repository, and leaves nothing behind', async () => {
    const { ctx, ref } = await withBlobs();
    const other = Buffer.from('never uploaded');
    await assert.rejects(put(ctx, ref, imageManifest(config, [layer, other]), 'v1'), (e) => isFailure(e, 'LayersMissing') && e.failure.digests[0] === sha256(other));
    assert.deepEqual(await listImages(ctx, ref), []);
    assert.equal(ctx.storage.events.length, 0);
  });

  it('refuses invalid manifests and mismatched digests', async () => {
    const { ctx, ref } = await withBlobs();
    await assert.rejects(put(ctx, ref, Buffer.from('{not json'), 'v1'), (e) => isFailure(e, 'ManifestInvalid'));
    await assert.rejects(putManifest(ctx, ref, { bytes: imageManifest(config, [layer]), contentType: undefined, digest: sha256('other') }), (e) => isFailure(e, 'DigestMismatch'));
    assert.equal(ctx.storage.events.length, 0);
  });

  it('moves a mutable tag, and refuses to move an immutable one', async () => {
    const { ctx, ref } = await withBlobs();
    const first = await put(ctx, ref, undefined, 'latest');
    const second = await put(ctx, ref, imageManifest(config, [layer], { annotations: { v: '2' } }), 'latest');
    assert.notEqual(first.digest, second.digest);
    assert.equal((await resolveImage(ctx, ref, { tag: 'latest' }))?.digest, second.digest);
    assert.equal((await listImages(ctx, ref)).length, 2, 'the old image stays, untagged');
    await updateRepository(ctx, ref, (r) => ({ ...r, imageTagMutability: 'IMMUTABLE' }));
    await assert.rejects(put(ctx, ref, imageManifest(config, [layer], { annotations: { v: '3' } }), 'latest'), (e) => isFailure(e, 'TagImmutable'));
    await assert.rejects(put(ctx, ref, undefined, 'latest'), (e) => isFailure(e, 'TagImmutable'));
    assert.equal(eventsOf(ctx.storage).length, 2);
  });

  it('accepts an index only when its children are images of the repository', async () => {
    const { ctx, ref } = await withBlobs();
    const child = imageManifest(config, [layer]);
    await assert.rejects(putManifest(ctx, ref, { bytes: indexManifest([child]), contentType: undefined, tag: 'multi' }), (e) => isFailure(e, 'ImagesMissing'));
    await put(ctx, ref, child);
    const index = await putManifest(ctx, ref, { bytes: indexManifest([child]), contentType: MediaTypes.ociIndex, tag: 'multi' });
    assert.equal((await resolveImage(ctx, ref, { digest: index.digest }))?.imageSize, layer.length);
    const outcomes = await deleteImages(ctx, ref, [{ imageDigest: sha256(child) }]);
    assert.deepEqual(outcomes[0], { ok: false, failure: { imageId: { imageDigest: sha256(child) }, failureCode: 'ImageReferencedByManifestList', failureReason: `Requested image referenced by manifest list: [${index.digest}]` } });
    await deleteImages(ctx, ref, [{ imageTag: 'multi' }]);
    assert.ok((await deleteImages(ctx, ref, [{ imageDigest: sha256(child) }]))[0].ok);
  });

  it('records referrers of a subject', async () => {
    const { ctx, ref } = await withBlobs();
    const subject = await put(ctx, ref, undefined, 'v1');
    const sbom = imageManifest(config, [layer], { artifactType: 'application/spdx+json', subject: { mediaType: MediaTypes.ociManifest, digest: subject.digest, size: 1 } });
    const r = await put(ctx, ref, sbom);
    assert.deepEqual((await listReferrers(ctx, ref, subject.digest)).map((x) => [x.digest, x.artifactType]), [[r.digest, 'application/spdx+json']]);
    assert.deepEqual(await listReferrers(ctx, ref, subject.digest, 'application/other'), []);
  });
});

describe('deleting images, as BatchDeleteImage does', () => {
  it('by tag untags while other tags remain, then deletes the image with its last tag', async () => {
    const { ctx, ref } = await withBlobs();
    const { digest } = await put(ctx, ref, undefined, 'a');
    await put(ctx, ref, undefined, 'b');
    assert.deepEqual(await deleteImages(ctx, ref, [{ imageTag: 'a' }]), [{ ok: true, deleted: [{ imageDigest: digest, imageTag: 'a' }] }]);
    assert.equal((await listImages(ctx, ref)).length, 1);
    assert.deepEqual(await deleteImages(ctx, ref, [{ imageTag: 'b' }]), [{ ok: true, deleted: [{ imageDigest: digest, imageTag: 'b' }] }]);
    assert.equal((await listImages(ctx, ref)).length, 0);
    assert.deepEqual(eventsOf(ctx.storage).map((e) => `${e['action-type']} ${e['image-tag']}`), ['PUSH a', 'PUSH b', 'DELETE a', 'DELETE b']);
  });

  it('by digest removes every tag, one DELETE event each', async () => {
    const { ctx, ref } = await withBlobs();
    const { digest } = await put(ctx, ref, undefined, 'a');
    await put(ctx, ref, undefined, 'b');
    const [outcome] = await deleteImages(ctx, ref, [{ imageDigest: digest }]);
    assert.deepEqual(outcome, { ok: true, deleted: [{ imageDigest: digest, imageTag: 'a' }, { imageDigest: digest, imageTag: 'b' }] });
    assert.deepEqual(await listTags(ctx, ref, undefined, undefined), []);
  });

  it('reports per-image failures and leaves the rest alone', async () => {
    const { ctx, ref } = await withBlobs();
    const { digest } = await put(ctx, ref, undefined, 'a');
    const outcomes = await deleteImages(ctx, ref, [{}, { imageDigest: 'latest' }, { imageTag: 'nope' }, { imageDigest: digest, imageTag: 'zzz' }]);
    assert.deepEqual(
      outcomes.map((o) => (o.ok ? 'ok' : o.failure.failureCode)),
      ['MissingDigestAndTag', 'InvalidImageDigest', 'ImageNotFound', 'ImageNotFound'],
    );
    assert.deepEqual(await missingBlobs(ctx, ref, [sha256(layer)]), []);
    assert.equal((await listImages(ctx, ref)).length, 1);
  });
});
