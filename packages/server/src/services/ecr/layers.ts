import { UploadOffsetError, UploadUnknownError } from '../../storage/interfaces.js';
import { completeUpload, isDigest, isFailure, requireRepository, statLinkedBlob } from '../../registry/index.js';
import type { OperationHandler, RequestContext } from '../provider.js';
import * as E from './errors.js';
import type * as M from './model.js';
import { ecr, refOf, type EcrDeps } from './support.js';

/**
 * The ECR layer API (what the ECR credential helper's pushers and AWS tooling use instead of
 * OCI uploads) and GetAuthorizationToken. Uploads are the blob store's, so an upload started here
 * is the same kind of thing as an OCI upload session.
 */

/** ECR tells clients to send parts of this size (the last may be smaller). */
const PART_SIZE = 10 * 1024 * 1024;
/** GetDownloadUrlForLayer URLs stay valid this long, like a presigned S3 URL. */
const DOWNLOAD_URL_TTL_SECONDS = 3600;

export function layerOperations(deps: EcrDeps): Record<string, OperationHandler> {
  const r = deps.registry;
  return {
    GetAuthorizationToken: (input: M.GetAuthorizationTokenRequest, ctx: RequestContext): M.GetAuthorizationTokenResponse => {
      const accounts = input.registryIds?.length ? input.registryIds : [ctx.accountId];
      return {
        authorizationData: accounts.map((account) => {
          const token = deps.issueToken(account, ctx.region);
          return { authorizationToken: token.authorizationToken, expiresAt: new Date(token.expiresAt), proxyEndpoint: ctx.baseUrl };
        }),
      };
    },

    BatchCheckLayerAvailability: (input: M.BatchCheckLayerAvailabilityRequest, ctx: RequestContext): Promise<M.BatchCheckLayerAvailabilityResponse> =>
      ecr(async () => {
        const ref = refOf(ctx, input);
        await requireRepository(r, ref);
        const layers: M.Layer[] = [];
        const failures: M.LayerFailure[] = [];
        for (const layerDigest of input.layerDigests) {
          if (!isDigest(layerDigest)) {
            failures.push({ layerDigest, failureCode: 'InvalidLayerDigest', failureReason: 'Invalid layer digest' });
            continue;
          }
          const info = await statLinkedBlob(r, ref, layerDigest);
          if (info) layers.push({ layerDigest, layerAvailability: 'AVAILABLE', layerSize: info.size });
          else failures.push({ layerDigest, failureCode: 'MissingLayerDigest', failureReason: 'Could not find layer' });
        }
        return { layers, failures };
      }),

    GetDownloadUrlForLayer: (input: M.GetDownloadUrlForLayerRequest, ctx: RequestContext): Promise<M.GetDownloadUrlForLayerResponse> =>
      ecr(async () => {
        const ref = refOf(ctx, input);
        await requireRepository(r, ref);
        if (!isDigest(input.layerDigest) || !(await statLinkedBlob(r, ref, input.layerDigest))) throw E.layerNotFound(input.layerDigest, ref.name, ref.account);
        const password = Buffer.from(deps.issueToken(ref.account, ref.region, DOWNLOAD_URL_TTL_SECONDS).authorizationToken, 'base64').toString('utf8').slice('AWS:'.length);
        const url = new URL(`/v2/${ref.name}/blobs/${input.layerDigest}`, ctx.baseUrl);
        url.searchParams.set('X-Amz-Security-Token', password);
        return { downloadUrl: url.toString(), layerDigest: input.layerDigest };
      }),

    InitiateLayerUpload: (input: M.InitiateLayerUploadRequest, ctx: RequestContext): Promise<M.InitiateLayerUploadResponse> =>
      ecr(async () => {
        await requireRepository(r, refOf(ctx, input));
        return { uploadId: await r.storage.blobs.createUpload(), partSize: PART_SIZE };
      }),

    UploadLayerPart: (input: M.UploadLayerPartRequest, ctx: RequestContext): Promise<M.UploadLayerPartResponse> =>
      ecr(async () => {
        const ref = refOf(ctx, input);
        await requireRepository(r, ref);
        const blob = input.layerPartBlob;
        const current = await r.storage.blobs.uploadSize(input.uploadId);
        if (current === undefined) throw E.uploadNotFound(input.uploadId, ref.name, ref.account);
        if (input.partFirstByte !== current || input.partLastByte - input.partFirstByte + 1 !== blob.length) throw E.invalidLayerPart(input.uploadId, ref.name, ref.account, current - 1);
        try {
          const size = await r.storage.blobs.appendUpload(input.uploadId, blob, input.partFirstByte);
          return { registryId: ref.account, repositoryName: ref.name, uploadId: input.uploadId, lastByteReceived: size - 1 };
        } catch (e) {
          if (e instanceof UploadUnknownError) throw E.uploadNotFound(input.uploadId, ref.name, ref.account);
          if (e instanceof UploadOffsetError) throw E.invalidLayerPart(input.uploadId, ref.name, ref.account, e.actual - 1);
          throw e;
        }
      }),

    CompleteLayerUpload: (input: M.CompleteLayerUploadRequest, ctx: RequestContext): Promise<M.CompleteLayerUploadResponse> =>
      ecr(async () => {
        const ref = refOf(ctx, input);
        await requireRepository(r, ref);
        const digest = input.layerDigests[0];
        if (input.layerDigests.length !== 1 || !isDigest(digest)) throw E.invalidParameterAt('layerDigests', 'exactly one valid layer digest is required');
        const size = await r.storage.blobs.uploadSize(input.uploadId);
        if (size === undefined) throw E.uploadNotFound(input.uploadId, ref.name, ref.account);
        if (size === 0) throw E.emptyUpload(input.uploadId);
        if (await statLinkedBlob(r, ref, digest)) {
          await r.storage.blobs.abortUpload(input.uploadId);
          throw E.layerAlreadyExists(digest, ref.name, ref.account);
        }
        try {
          await completeUpload(r, ref, input.uploadId, digest);
        } catch (e) {
          if (isFailure(e, 'DigestMismatch')) throw E.invalidLayer(`The layer digest '${digest}' does not match the digest '${e.failure.actual}' calculated for the upload with id '${input.uploadId}'`);
          if (e instanceof UploadUnknownError) throw E.uploadNotFound(input.uploadId, ref.name, ref.account);
          throw e;
        }
        return { registryId: ref.account, repositoryName: ref.name, uploadId: input.uploadId, layerDigest: digest };
      }),
  };
}
