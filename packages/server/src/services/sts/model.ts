export type {
  GetCallerIdentityRequest,
  GetCallerIdentityResponse,
  GetSessionTokenRequest,
  GetSessionTokenResponse,
  AssumeRoleRequest,
  AssumeRoleResponse,
} from '../../wire/models/sts.types.js';
