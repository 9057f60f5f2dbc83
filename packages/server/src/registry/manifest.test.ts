import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageSize, MediaTypes, parseManifest, referrerArtifactType, requiredBlobs } from './manifest.js';

const d = (c: string) => `sha256:${c.repeat(64)}`;
const bytes = (v: unknown) => Buffer.from(JSON.stringify(v));

const dockerImage = {
  schemaVersion: 2,
  mediaType: MediaTypes.dockerManifest,
  config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 10, digest: d('c') },
  layers: [
    { mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: 100, digest: d('1') },
    { mediaType: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip', size: 7, digest: d('2'), urls: ['https://example.com/l'] },
  ],
};
const ociArtifact = {
  schemaVersion: 2,
  mediaType: MediaTypes.ociManifest,
  artifactType: 'application/vnd.example.sbom',
  config: { mediaType: MediaTypes.ociEmpty, size: 2, digest: d('e') },
  layers: [{ mediaType: 'application/json', size: 5, digest: d('3') }],
  subject: { mediaType: MediaTypes.ociManifest, size: 9, digest: d('f') },
  annotations: { 'org.example': 'yes' },
};
const ociIndex = {
  schemaVersion: 2,
  mediaType: MediaTypes.ociIndex,
  manifests: [{ mediaType: MediaTypes.ociManifest, size: 300, digest: d('4'), platform: { architecture: 'amd64', os: 'linux' } }],
};

describe('manifest parsing', () => {
  it('reads a Docker schema 2 image, requiring its config and distributable layers', () => {
    const r = parseManifest(bytes(dockerImage), MediaTypes.dockerManifest);
    assert.ok(r.ok);
    assert.equal(r.manifest.kind, 'image');
    assert.deepEqual(requiredBlobs(r.manifest).map((b) => b.digest), [d('c'), d('1')]);
    assert.equal(imageSize(r.manifest), 107);
  });

  it('reads an OCI artifact with subject and artifactType', () => {
    const r = parseManifest(bytes(ociArtifact), MediaTypes.ociManifest);
    assert.ok(r.ok);
    assert.equal(r.manifest.subject?.digest, d('f'));
    assert.equal(referrerArtifactType(r.manifest), 'application/vnd.example.sbom');
    assert.deepEqual(r.manifest.annotations, { 'org.example': 'yes' });
  });

  it("reports an image's config media type as its artifact type", () => {
    const r = parseManifest(bytes({ ...ociArtifact, artifactType: undefined, config: { mediaType: 'application/vnd.example.config', size: 1, digest: d('e') } }), undefined);
    assert.ok(r.ok);
    assert.equal(referrerArtifactType(r.manifest), 'application/vnd.example.config');
  });

  it('reads indexes and manifest lists, which need no blobs', () => {
    for (const mt of [MediaTypes.ociIndex, MediaTypes.dockerManifestList]) {
      const r = parseManifest(bytes({ ...ociIndex, mediaType: mt }), mt);
      assert.ok(r.ok, mt);
      assert.equal(r.manifest.kind, 'index');
      assert.equal(r.manifest.manifests.length, 1);
      assert.deepEqual(requiredBlobs(r.manifest), []);
    }
  });

  it('infers the media type from the mediaType field or the shape when Content-Type is generic', () => {
    const noField = { ...ociIndex, mediaType: undefined };
    const r1 = parseManifest(bytes(noField), undefined);
    assert.ok(r1.ok && r1.manifest.mediaType === MediaTypes.ociIndex);
    const r2 = parseManifest(bytes(dockerImage), 'application/json');
    assert.ok(r2.ok && r2.manifest.mediaType === MediaTypes.dockerManifest);
  });

  const invalid: [string, Uint8Array, string | undefined, RegExp][] = [
    ['invalid JSON', Buffer.from('{"schemaVersion": 2,'), MediaTypes.ociManifest, /not valid JSON/],
    ['a JSON array', bytes([]), MediaTypes.ociManifest, /JSON object/],
    ['schema version 1', bytes({ ...dockerImage, schemaVersion: 1 }), MediaTypes.dockerManifest, /schemaVersion/],
    ['an unknown media type', bytes({ ...dockerImage, mediaType: undefined }), 'application/vnd.example.unknown+json', /unsupported manifest media type/],
    ['a known manifest under an unknown Content-Type', bytes(dockerImage), 'application/vnd.example.unknown+json', /unsupported manifest media type/],
    ['an unknown mediaType field', bytes({ ...dockerImage, mediaType: 'application/x-nope' }), undefined, /unsupported manifest media type/],
    ['a mediaType that contradicts Content-Type', bytes(dockerImage), MediaTypes.ociManifest, /does not match/],
    ['a bad layer digest', bytes({ ...dockerImage, layers: [{ ...dockerImage.layers[0], digest: 'sha256:zz' }] }), undefined, /layers\[0\]\.digest/],
    ['a negative size', bytes({ ...dockerImage, config: { ...dockerImage.config, size: -1 } }), undefined, /config\.size/],
    ['a missing config', bytes({ ...dockerImage, config: undefined }), undefined, /config must be/],
    ['an index without manifests', bytes({ schemaVersion: 2, mediaType: MediaTypes.ociIndex }), undefined, /manifests must be a list/],
    ['non-string annotations', bytes({ ...ociArtifact, annotations: { a: 1 } }), undefined, /annotations/],
  ];
  for (const [what, body, contentType, reason] of invalid) {
    it(`rejects ${what}`, () => {
      const r = parseManifest(body, contentType);
      assert.ok(!r.ok);
      assert.match(r.reason, reason);
    });
  }
});
