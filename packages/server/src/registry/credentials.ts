import type { Clock, IdSource } from '../core/index.js';
import type { Storage } from '../storage/interfaces.js';
import { authorizationToken, issuePassword, verifyPassword, type TokenCheck } from './auth-token.js';
import { Tables } from './records.js';

/**
 * The registry's token authority: one HMAC key, made on first start and kept in the metadata store
 * so tokens survive restarts (as ECR's survive a client's reconnects) for their whole 12 hours.
 */
export class RegistryCredentials {
  private constructor(
    private readonly key: Buffer,
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
  ) {}

  static async open(storage: Storage, clock: Clock, ids: IdSource, ttlSeconds: number): Promise<RegistryCredentials> {
    const key = 'token-hmac';
    let item = await storage.metadata.get<{ hex: string }>(Tables.keys, key);
    if (!item) {
      try {
        await storage.commit({ writes: [{ op: 'put', table: Tables.keys, key, value: { hex: ids.hex(32) }, ifVersion: 0 }] });
      } catch {
        // another process made it first; read theirs
      }
      item = await storage.metadata.get<{ hex: string }>(Tables.keys, key);
    }
    if (!item) throw new Error('registry token key missing after creation');
    return new RegistryCredentials(Buffer.from(item.value.hex, 'hex'), clock, ttlSeconds);
  }

  /** GetAuthorizationToken's `authorizationToken` and `expiresAt`. */
  issue(account: string, region: string, ttlSeconds = this.ttlSeconds): { authorizationToken: string; expiresAt: number } {
    const expiresAt = this.clock.now() + ttlSeconds * 1000;
    return { authorizationToken: authorizationToken(issuePassword(this.key, { account, region, expiresAt })), expiresAt };
  }

  verify(password: string): TokenCheck {
    return verifyPassword(this.key, password, this.clock.now());
  }
}
