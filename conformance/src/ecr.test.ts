import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  BatchCheckLayerAvailabilityCommand,
  BatchDeleteImageCommand,
  BatchGetImageCommand,
  CompleteLayerUploadCommand,
  CreateRepositoryCommand,
  DeleteLifecyclePolicyCommand,
  DeleteRepositoryCommand,
  DescribeImagesCommand,
  DescribeRegistryCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetDownloadUrlForLayerCommand,
  GetLifecyclePolicyCommand,
  GetLifecyclePolicyPreviewCommand,
  GetRepositoryPolicyCommand,
  InitiateLayerUploadCommand,
  ListImagesCommand,
  ListTagsForResourceCommand,
  PutImageCommand,
  PutImageScanningConfigurationCommand,
  PutImageTagMutabilityCommand,
  PutLifecyclePolicyCommand,
  SetRepositoryPolicyCommand,
  StartLifecyclePolicyPreviewCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UploadLayerPartCommand,
} from '@aws-sdk/client-ecr';
import { awsCli, sdkConfig, startBosun, testAccount, testRegion, type BosunProcess } from './harness.js';

/** The ECR API with the aws CLIs and SDK v3: repositories, images, the layer API, lifecycle policies. */

const sha256 = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

async function rejects(p: Promise<unknown>, name: string, message?: string | RegExp): Promise<void> {
  await assert.rejects(p, (e: Error) => {
    assert.equal(e.name, name, e.message);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}

describe('ECR API', () => {
  let bosun: BosunProcess;
  let ecr: ECRClient;

  /** Upload a blob through the layer API (two parts), as AWS tooling does. */
  async function uploadLayer(repositoryName: string, blob: Buffer): Promise<string> {
    const { uploadId, partSize } = await ecr.send(new InitiateLayerUploadCommand({ repositoryName }));
    assert.ok(partSize && partSize > 0);
    const cut = Math.floor(blob.length / 2);
    await ecr.send(new UploadLayerPartCommand({ repositoryName, uploadId, partFirstByte: 0, partLastByte: cut - 1, layerPartBlob: blob.subarray(0, cut) }));
    const last = await ecr.send(new UploadLayerPartCommand({ repositoryName, uploadId, partFirstByte: cut, partLastByte: blob.length - 1, layerPartBlob: blob.subarray(cut) }));
    assert.equal(last.lastByteReceived, blob.length - 1);
    const done = await ecr.send(new CompleteLayerUploadCommand({ repositoryName, uploadId, layerDigests: [sha256(blob)] }));
    assert.equal(done.layerDigest, sha256(blob));
    return sha256(blob);
  }

  async function image(repositoryName: string, seed: string): Promise<string> {
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', seed }));
    const layer = Buffer.from(`${seed} `.repeat(500));
    for (const b of [config, layer]) {
      const check = await ecr.send(new BatchCheckLayerAvailabilityCommand({ repositoryName, layerDigests: [sha256(b)] }));
      if (check.layers?.[0]?.layerAvailability !== 'AVAILABLE') await uploadLayer(repositoryName, b);
    }
    return JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256(layer), size: layer.length }],
    });
  }

  before(async () => {
    bosun = await startBosun({ env: { BOSUN_REGISTRY_LIFECYCLE_INTERVAL_SECONDS: '1' } });
    ecr = new ECRClient(sdkConfig(bosun.url));
  });
  after(async () => {
    await bosun.dispose();
  });

  it('creates, describes and deletes repositories with AWS-format ARNs and URIs', async () => {
    const created = await ecr.send(new CreateRepositoryCommand({ repositoryName: 'ecr/repo', imageTagMutability: 'IMMUTABLE', imageScanningConfiguration: { scanOnPush: true }, encryptionConfiguration: { encryptionType: 'KMS' }, tags: [{ Key: 'team', Value: 'a' }] }));
    const repo = created.repository!;
    assert.equal(repo.repositoryArn, `arn:aws:ecr:${testRegion}:${testAccount}:repository/ecr/repo`);
    assert.equal(repo.repositoryUri, `${new URL(bosun.url).host}/ecr/repo`);
    assert.equal(repo.imageTagMutability, 'IMMUTABLE');
    assert.deepEqual(repo.imageScanningConfiguration, { scanOnPush: true });
    assert.equal(repo.encryptionConfiguration?.encryptionType, 'KMS');
    assert.ok(repo.createdAt instanceof Date);
    await rejects(ecr.send(new CreateRepositoryCommand({ repositoryName: 'ecr/repo' })), 'RepositoryAlreadyExistsException', `The repository with name 'ecr/repo' already exists in the registry with id '${testAccount}'`);
    await rejects(ecr.send(new CreateRepositoryCommand({ repositoryName: 'Bad_Name' })), 'InvalidParameterException', /Invalid parameter at 'repositoryName' failed to satisfy constraint/);
    await rejects(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['ecr/nope'] })), 'RepositoryNotFoundException', `The repository with name 'ecr/nope' does not exist in the registry with id '${testAccount}'`);
    const listed = await ecr.send(new DescribeRepositoriesCommand({}));
    assert.ok(listed.repositories!.some((r) => r.repositoryName === 'ecr/repo'));
    const cli = awsCli('v2', bosun.url, ['ecr', 'describe-repositories', '--repository-names', 'ecr/repo']);
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal((await ecr.send(new DescribeRegistryCommand({}))).registryId, testAccount);
  });

  it('tags repositories by ARN and keeps settings and policies', async () => {
    const arn = `arn:aws:ecr:${testRegion}:${testAccount}:repository/ecr/repo`;
    await ecr.send(new TagResourceCommand({ resourceArn: arn, tags: [{ Key: 'env', Value: 'dev' }] }));
    await ecr.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team'] }));
    assert.deepEqual((await ecr.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, [{ Key: 'env', Value: 'dev' }]);
    const scan = await ecr.send(new PutImageScanningConfigurationCommand({ repositoryName: 'ecr/repo', imageScanningConfiguration: { scanOnPush: false } }));
    assert.deepEqual(scan.imageScanningConfiguration, { scanOnPush: false });
    await rejects(ecr.send(new GetRepositoryPolicyCommand({ repositoryName: 'ecr/repo' })), 'RepositoryPolicyNotFoundException');
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'all', Effect: 'Allow', Principal: '*', Action: 'ecr:*' }] });
    await ecr.send(new SetRepositoryPolicyCommand({ repositoryName: 'ecr/repo', policyText: policy }));
    assert.equal((await ecr.send(new GetRepositoryPolicyCommand({ repositoryName: 'ecr/repo' }))).policyText, policy);
  });

  it('builds an image with the layer API and PutImage, enforcing IMMUTABLE tags', async () => {
    const manifest = await image('ecr/repo', 'one');
    const put = await ecr.send(new PutImageCommand({ repositoryName: 'ecr/repo', imageManifest: manifest, imageTag: 'v1' }));
    assert.equal(put.image?.imageId?.imageDigest, sha256(manifest));
    assert.equal(put.image?.imageManifestMediaType, OCI_MANIFEST);
    await rejects(ecr.send(new PutImageCommand({ repositoryName: 'ecr/repo', imageManifest: await image('ecr/repo', 'two'), imageTag: 'v1' })), 'ImageTagAlreadyExistsException', "The image tag 'v1' already exists in the 'ecr/repo' repository and cannot be overwritten because the repository is immutable.");
    await ecr.send(new PutImageTagMutabilityCommand({ repositoryName: 'ecr/repo', imageTagMutability: 'MUTABLE' }));
    await ecr.send(new PutImageCommand({ repositoryName: 'ecr/repo', imageManifest: await image('ecr/repo', 'two'), imageTag: 'v1' }));
    await rejects(ecr.send(new PutImageCommand({ repositoryName: 'ecr/repo', imageManifest: manifest, imageDigest: sha256('other') })), 'ImageDigestDoesNotMatchException');
    const missingLayer = JSON.stringify({ ...JSON.parse(manifest), layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256('absent'), size: 6 }] });
    await rejects(ecr.send(new PutImageCommand({ repositoryName: 'ecr/repo', imageManifest: missingLayer, imageTag: 'x' })), 'LayersNotFoundException');
  });

  it('lists, describes, gets and deletes images with per-image failures', async () => {
    const listed = await ecr.send(new ListImagesCommand({ repositoryName: 'ecr/repo' }));
    assert.equal(listed.imageIds?.length, 2);
    const untagged = await ecr.send(new ListImagesCommand({ repositoryName: 'ecr/repo', filter: { tagStatus: 'UNTAGGED' } }));
    assert.equal(untagged.imageIds?.length, 1);
    const described = await ecr.send(new DescribeImagesCommand({ repositoryName: 'ecr/repo', imageIds: [{ imageTag: 'v1' }] }));
    const detail = described.imageDetails![0];
    assert.deepEqual(detail.imageTags, ['v1']);
    assert.equal(detail.imageSizeInBytes, 'two '.repeat(500).length);
    assert.equal(detail.imageManifestMediaType, OCI_MANIFEST);
    assert.equal(detail.artifactMediaType, 'application/vnd.oci.image.config.v1+json');
    assert.ok(detail.imagePushedAt instanceof Date);
    await rejects(ecr.send(new DescribeImagesCommand({ repositoryName: 'ecr/repo', imageIds: [{ imageTag: 'nope' }] })), 'ImageNotFoundException', /does not exist within the repository with name 'ecr\/repo'/);
    const got = await ecr.send(new BatchGetImageCommand({ repositoryName: 'ecr/repo', imageIds: [{ imageTag: 'v1' }, { imageTag: 'nope' }] }));
    assert.equal(got.images?.length, 1);
    assert.deepEqual(got.failures, [{ imageId: { imageTag: 'nope' }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' }]);
    const pulled = await ecr.send(new DescribeImagesCommand({ repositoryName: 'ecr/repo', imageIds: [{ imageTag: 'v1' }] }));
    assert.ok(pulled.imageDetails![0].lastRecordedPullTime instanceof Date, 'BatchGetImage counts as a pull');
    const deleted = await ecr.send(new BatchDeleteImageCommand({ repositoryName: 'ecr/repo', imageIds: [{ imageTag: 'v1' }, { imageDigest: 'sha256:0000' }, {}] }));
    assert.deepEqual(deleted.imageIds, [{ imageDigest: detail.imageDigest, imageTag: 'v1' }]);
    assert.deepEqual(deleted.failures?.map((f) => f.failureCode), ['ImageNotFound', 'MissingDigestAndTag']);
    await rejects(ecr.send(new DeleteRepositoryCommand({ repositoryName: 'ecr/repo' })), 'RepositoryNotEmptyException', `The repository with name 'ecr/repo' in registry with id '${testAccount}' cannot be deleted because it still contains images`);
    const forced = awsCli('v1', bosun.url, ['ecr', 'delete-repository', '--repository-name', 'ecr/repo', '--force']);
    assert.equal(forced.status, 0, forced.stderr);
  });

  it('hands out layer download URLs that serve the layer', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'ecr/layers' }));
    const blob = Buffer.from('downloadable layer');
    await uploadLayer('ecr/layers', blob);
    const { downloadUrl } = await ecr.send(new GetDownloadUrlForLayerCommand({ repositoryName: 'ecr/layers', layerDigest: sha256(blob) }));
    const res = await fetch(downloadUrl!);
    assert.equal(res.status, 200);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), blob);
    await rejects(ecr.send(new GetDownloadUrlForLayerCommand({ repositoryName: 'ecr/layers', layerDigest: sha256('none') })), 'LayersNotFoundException');
    const { uploadId } = await ecr.send(new InitiateLayerUploadCommand({ repositoryName: 'ecr/layers' }));
    await rejects(ecr.send(new UploadLayerPartCommand({ repositoryName: 'ecr/layers', uploadId, partFirstByte: 5, partLastByte: 9, layerPartBlob: Buffer.from('12345') })), 'InvalidLayerPartException');
    await ecr.send(new UploadLayerPartCommand({ repositoryName: 'ecr/layers', uploadId, partFirstByte: 0, partLastByte: 4, layerPartBlob: Buffer.from('12345') }));
    await rejects(ecr.send(new CompleteLayerUploadCommand({ repositoryName: 'ecr/layers', uploadId, layerDigests: [sha256('other')] })), 'InvalidLayerException');
  });

  it('previews and applies lifecycle policies, with ECR’s validation errors', async () => {
    const repositoryName = 'ecr/lifecycle';
    await ecr.send(new CreateRepositoryCommand({ repositoryName }));
    for (const tag of ['a', 'b', 'c']) await ecr.send(new PutImageCommand({ repositoryName, imageManifest: await image(repositoryName, tag), imageTag: tag }));
    const policy = JSON.stringify({ rules: [{ rulePriority: 1, description: 'keep two', selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 2 }, action: { type: 'expire' } }] });
    await rejects(ecr.send(new PutLifecyclePolicyCommand({ repositoryName, lifecyclePolicyText: JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 0 }, action: { type: 'expire' } }] }) })), 'InvalidParameterException', /Lifecycle policy validation failure: numeric instance is lower than the required minimum/);
    const started = await ecr.send(new StartLifecyclePolicyPreviewCommand({ repositoryName, lifecyclePolicyText: policy }));
    assert.equal(started.status, 'IN_PROGRESS');
    const preview = await ecr.send(new GetLifecyclePolicyPreviewCommand({ repositoryName }));
    assert.equal(preview.status, 'COMPLETE');
    assert.equal(preview.summary?.expiringImageTotalCount, 1);
    assert.deepEqual(preview.previewResults?.map((r) => [r.imageTags, r.appliedRulePriority, r.action?.type]), [[['a'], 1, 'EXPIRE']]);
    await ecr.send(new PutLifecyclePolicyCommand({ repositoryName, lifecyclePolicyText: policy }));
    const deadline = Date.now() + 10_000;
    let tags: string[] = [];
    while (Date.now() < deadline) {
      tags = ((await ecr.send(new ListImagesCommand({ repositoryName }))).imageIds ?? []).map((i) => i.imageTag!).sort();
      if (tags.length === 2) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.deepEqual(tags, ['b', 'c'], 'the oldest image expired');
    const got = await ecr.send(new GetLifecyclePolicyCommand({ repositoryName }));
    assert.equal(got.lifecyclePolicyText, policy);
    assert.ok(got.lastEvaluatedAt instanceof Date);
    await ecr.send(new DeleteLifecyclePolicyCommand({ repositoryName }));
    await rejects(ecr.send(new GetLifecyclePolicyCommand({ repositoryName })), 'LifecyclePolicyNotFoundException', `Lifecycle policy does not exist for the repository with name '${repositoryName}' in the registry with id '${testAccount}'`);
  });

  it('issues 12-hour tokens for the endpoint the client called', async () => {
    const r = awsCli('v1', bosun.url, ['ecr', 'get-authorization-token']);
    assert.equal(r.status, 0, r.stderr);
    const data = (JSON.parse(r.stdout) as { authorizationData: { authorizationToken: string; expiresAt: string | number; proxyEndpoint: string }[] }).authorizationData[0];
    assert.equal(data.proxyEndpoint, bosun.url.replace('localhost', '127.0.0.1'));
    assert.match(Buffer.from(data.authorizationToken, 'base64').toString(), /^AWS:.+/);
    const expires = typeof data.expiresAt === 'number' ? data.expiresAt * 1000 : Date.parse(data.expiresAt);
    assert.ok(Math.abs(expires - (Date.now() + 12 * 3600_000)) < 60_000);
  });
});
