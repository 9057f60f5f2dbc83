import type { Clock, IdSource } from '../core/index.js';
import { ConditionFailedError, type Batch, type Storage } from '../storage/interfaces.js';
import type { SharedExclusiveLock } from './lock.js';

/** What every registry operation works with; built once by the Registry facade. */
export interface RegistryContext {
  storage: Storage;
  clock: Clock;
  ids: IdSource;
  lock: SharedExclusiveLock;
  options: RegistryOptions;
}

export interface RegistryOptions {
  /** Create a repository on the first push to it instead of failing like ECR does. */
  createOnPush: boolean;
}

/**
 * Read-decide-commit with optimistic concurrency: `attempt` reads what it needs and returns a
 * batch whose writes carry `ifVersion`; when another writer got there first, read again.
 */
export async function commitWithRetry<T>(storage: Storage, attempt: () => Promise<{ batch: Batch; result: T }>, tries = 8): Promise<T> {
  for (let i = 1; ; i++) {
    const { batch, result } = await attempt();
    if (!batch.writes?.length && !batch.events?.length) return result;
    try {
      await storage.commit(batch);
      return result;
    } catch (e) {
      if (!(e instanceof ConditionFailedError) || i >= tries) throw e;
    }
  }
}
