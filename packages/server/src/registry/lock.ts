/**
 * A shared/exclusive lock between pushes and the garbage collector. Pushes hold it shared from
 * "these blobs exist" to "the manifest or link that references them is committed"; the collector
 * holds it exclusively while it re-marks and sweeps, so it never deletes a blob a push is about to
 * reference. A waiting exclusive holder blocks new shared holders (no starvation) but gives up after
 * its timeout, letting them through.
 */
export class SharedExclusiveLock {
  private shared = 0;
  private exclusive = false;
  private exclusiveWaiting = 0;
  private readonly waiters: (() => void)[] = [];

  async withShared<T>(fn: () => Promise<T>): Promise<T> {
    while (this.exclusive || this.exclusiveWaiting > 0) await this.wait();
    this.shared += 1;
    try {
      return await fn();
    } finally {
      this.shared -= 1;
      this.wake();
    }
  }

  /** Runs fn exclusively, or returns undefined if the lock was not free within timeoutMs. */
  async withExclusive<T>(fn: () => Promise<T>, timeoutMs: number): Promise<{ value: T } | undefined> {
    this.exclusiveWaiting += 1;
    const deadline = Date.now() + timeoutMs;
    try {
      while (this.exclusive || this.shared > 0) {
        const left = deadline - Date.now();
        if (left <= 0) return undefined;
        await Promise.race([this.wait(), new Promise((r) => setTimeout(r, Math.min(left, 1000)))]);
      }
      this.exclusive = true;
    } finally {
      this.exclusiveWaiting -= 1;
      if (!this.exclusive) this.wake();
    }
    try {
      return { value: await fn() };
    } finally {
      this.exclusive = false;
      this.wake();
    }
  }

  private wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
