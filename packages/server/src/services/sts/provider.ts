import type { IdSource, Clock } from '../../core/index.js';
import type { RequestContext, ServiceProvider } from '../provider.js';
import { malformedPolicyDocument } from './errors.js';
import type {
  AssumeRoleRequest,
  AssumeRoleResponse,
  GetCallerIdentityResponse,
  GetSessionTokenRequest,
  GetSessionTokenResponse,
} from './model.js';

/**
 * STS: the first call the aws CLI, SDKs and Terraform make. Bosun has no IAM, so every caller is
 * the configured account's root, and issued credentials are accepted like any other key.
 */
export function stsProvider(deps: { clock: Clock; ids: IdSource }): ServiceProvider {
  const credentials = (seconds: number) => ({
    AccessKeyId: `ASIA${deps.ids.hex(8).toUpperCase()}`,
    SecretAccessKey: deps.ids.hex(20),
    SessionToken: Buffer.from(deps.ids.hex(48), 'hex').toString('base64'),
    Expiration: new Date(deps.clock.now() + seconds * 1000),
  });
  return {
    service: 'sts',
    operations: {
      GetCallerIdentity: (_input: unknown, ctx: RequestContext): GetCallerIdentityResponse => ({
        UserId: ctx.accountId,
        Account: ctx.accountId,
        Arn: `arn:aws:iam::${ctx.accountId}:root`,
      }),
      GetSessionToken: (input: GetSessionTokenRequest): GetSessionTokenResponse => ({
        Credentials: credentials(input.DurationSeconds ?? 43200),
      }),
      AssumeRole: (input: AssumeRoleRequest, ctx: RequestContext): AssumeRoleResponse => {
        if (input.Policy !== undefined) {
          try {
            JSON.parse(input.Policy);
          } catch {
            throw malformedPolicyDocument('The policy is not in the valid JSON format.');
          }
        }
        const roleName = input.RoleArn.split('/').pop() ?? input.RoleArn;
        const roleId = `AROA${deps.ids.hex(8).toUpperCase()}`;
        return {
          Credentials: credentials(input.DurationSeconds ?? 3600),
          AssumedRoleUser: {
            AssumedRoleId: `${roleId}:${input.RoleSessionName}`,
            Arn: `arn:aws:sts::${ctx.accountId}:assumed-role/${roleName}/${input.RoleSessionName}`,
          },
          PackedPolicySize: input.Policy ? 6 : undefined,
        };
      },
    },
  };
}
