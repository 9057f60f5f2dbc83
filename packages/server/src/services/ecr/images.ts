import {
  deleteImages,
  isEcrImageDigest,
  listImages,
  manifestBytes,
  putManifest,
  recordPull,
  requireRepository,
  resolveImage,
  type ImageView,
} from '../../registry/index.js';
import type { OperationHandler, RequestContext } from '../provider.js';
import * as E from './errors.js';
import type * as M from './model.js';
import { ecr, page, refOf, type EcrDeps } from './support.js';

/** Images: listing, describing, fetching, deleting and putting manifests through the ECR API. */

function matchesTagStatus(image: ImageView, status: M.TagStatus | undefined): boolean {
  if (status === 'TAGGED') return image.tags.length > 0;
  if (status === 'UNTAGGED') return image.tags.length === 0;
  return true;
}

function imageDetail(ref: { account: string; name: string }, i: ImageView): M.ImageDetail {
  const d: M.ImageDetail = {
    registryId: ref.account,
    repositoryName: ref.name,
    imageDigest: i.digest,
    imageSizeInBytes: i.imageSize,
    imagePushedAt: new Date(i.pushedAt),
    imageManifestMediaType: i.mediaType,
  };
  if (i.tags.length) d.imageTags = i.tags;
  if (i.artifactMediaType) d.artifactMediaType = i.artifactMediaType;
  if (i.lastPulledAt !== undefined) d.lastRecordedPullTime = new Date(i.lastPulledAt);
  return d;
}

export function imageOperations(deps: EcrDeps): Record<string, OperationHandler> {
  const r = deps.registry;
  return {
    ListImages: (input: M.ListImagesRequest, ctx: RequestContext): Promise<M.ListImagesResponse> =>
      ecr(async () => {
        const images = (await listImages(r, refOf(ctx, input))).filter((i) => matchesTagStatus(i, input.filter?.tagStatus));
        const ids = images.flatMap((i): M.ImageIdentifier[] => (i.tags.length ? i.tags.map((imageTag) => ({ imageDigest: i.digest, imageTag })) : [{ imageDigest: i.digest }]));
        const listed = page(ids, (id) => `${id.imageDigest}:${id.imageTag ?? ''}`, input.nextToken, input.maxResults, 1000);
        return { imageIds: listed.items, nextToken: listed.nextToken };
      }),

    DescribeImages: (input: M.DescribeImagesRequest, ctx: RequestContext): Promise<M.DescribeImagesResponse> =>
      ecr(async () => {
        const ref = refOf(ctx, input);
        const images = await listImages(r, ref);
        if (input.imageIds?.length) {
          if (input.nextToken !== undefined || input.maxResults !== undefined) throw E.invalidParameter('Cannot specify both imageIds and nextToken or maxResults');
          const found = new Map<string, ImageView>();
          for (const id of input.imageIds) {
            const image = images.find((i) => (id.imageDigest === undefined || i.digest === id.imageDigest) && (id.imageTag === undefined || i.tags.includes(id.imageTag)));
            if (!image || (id.imageDigest === undefined && id.imageTag === undefined)) throw E.imageNotFound(id, ref.name, ref.account);
            found.set(image.digest, image);
          }
          return { imageDetails: [...found.values()].map((i) => imageDetail(ref, i)) };
        }
        const filtered = images.filter((i) => matchesTagStatus(i, input.filter?.tagStatus));
        const listed = page(filtered, (i) => i.digest, input.nextToken, input.maxResults, 1000);
        return { imageDetails: listed.items.map((i) => imageDetail(ref, i)), nextToken: listed.nextToken };
      }),

    BatchGetImage: (input: M.BatchGetImageRequest, ctx: RequestContext): Promise<M.BatchGetImageResponse> =>
      ecr(async () => {
        const ref = refOf(ctx, input);
        await requireRepository(r, ref);
        const images: M.Image[] = [];
        const failures: M.ImageFailure[] = [];
        for (const id of input.imageIds) {
          if (id.imageDigest === undefined && id.imageTag === undefined) {
            failures.push({ imageId: id, failureCode: 'MissingDigestAndTag', failureReason: 'Invalid request parameters: both tag and digest cannot be null' });
            continue;
          }
          if (id.imageDigest !== undefined && !isEcrImageDigest(id.imageDigest)) {
            failures.push({ imageId: id, failureCode: 'InvalidImageDigest', failureReason: "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'" });
            continue;
          }
          const image = await resolveImage(r, ref, { digest: id.imageDigest, tag: id.imageTag });
          if (!image) {
            failures.push({ imageId: id, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' });
            continue;
          }
          const imageId: M.ImageIdentifier = { imageDigest: image.digest };
          if (id.imageTag !== undefined) imageId.imageTag = id.imageTag;
          const manifest = await manifestBytes(r, image.digest);
          images.push({ registryId: ref.account, repositoryName: ref.name, imageId, imageManifest: manifest.toString('utf8'), imageManifestMediaType: image.mediaType });
          await recordPull(r, ref, image.digest);
        }
        return { images, failures };
      }),

    BatchDeleteImage: (input: M.BatchDeleteImageRequest, ctx: RequestContext): Promise<M.BatchDeleteImageResponse> =>
      ecr(async () => {
        const outcomes = await deleteImages(r, refOf(ctx, input), input.imageIds);
        const imageIds: M.ImageIdentifier[] = [];
        const failures: M.ImageFailure[] = [];
        for (const o of outcomes) {
          if (o.ok) imageIds.push(...o.deleted);
          else failures.push(o.failure);
        }
        return { imageIds, failures };
      }),

    PutImage: (input: M.PutImageRequest, ctx: RequestContext): Promise<M.PutImageResponse> =>
      ecr(async () => {
        const ref = refOf(ctx, input);
        const bytes = Buffer.from(input.imageManifest, 'utf8');
        const result = await putManifest(r, ref, { bytes, contentType: input.imageManifestMediaType, tag: input.imageTag, digest: input.imageDigest, refuseUnchanged: true });
        const imageId: M.ImageIdentifier = { imageDigest: result.digest };
        if (input.imageTag !== undefined) imageId.imageTag = input.imageTag;
        return { image: { registryId: ref.account, repositoryName: ref.name, imageId, imageManifest: input.imageManifest, imageManifestMediaType: result.mediaType } };
      }),
  };
}
