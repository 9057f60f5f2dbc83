import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Images for registry tests: hand-made OCI layouts, and skopeo run without blocking the test's event loop. */

export const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** Run skopeo asynchronously (a synchronous spawn would stop the test from serving anything else meanwhile). */
export function skopeo(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('skopeo', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`skopeo ${args.join(' ')}: ${err}`))));
  });
}

/** A one-layer OCI layout tagged `latest` (the layer need not be a real tar for a registry-to-registry copy). */
export function ociLayout(dir: string, layerContent: string): void {
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = (b: Buffer) => (writeFileSync(join(dir, 'blobs', 'sha256', sha256(b).slice(7)), b), { digest: sha256(b), size: b.length });
  const config = put(Buffer.from('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}'));
  const layer = put(Buffer.from(layerContent));
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config }, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layer }] }));
  const top = put(manifest);
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...top, annotations: { 'org.opencontainers.image.ref.name': 'latest' } }] }));
}
