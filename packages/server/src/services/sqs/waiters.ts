/**
 * Long-poll waiters of one queue. A ReceiveMessage with WaitTimeSeconds parks here until a
 * message may be available (a send, a visibility change) or its timer fires. Every wait is
 * bounded by its timer, and `close` releases all of them at once.
 */
export class Waiters {
  private readonly waiting = new Set<() => void>();
  private closed = false;
  /** Grows with every wake, so a caller can tell whether one happened since it last looked. */
  private generation = 0;

  get size(): number {
    return this.waiting.size;
  }

  /** The current generation: pass it to `wait` to not miss a wake that comes before the wait starts. */
  get current(): number {
    return this.generation;
  }

  /**
   * Resolves after `ms`, on `wake`, or on `close`, whichever comes first — at once if a wake
   * happened since generation `since`.
   */
  wait(ms: number, since = this.generation): Promise<void> {
    if (this.closed || ms <= 0 || since !== this.generation) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiting.add(done);
    });
  }

  /** Release every waiter; each one looks at the queue again. */
  wake(): void {
    this.generation += 1;
    if (this.waiting.size === 0) return;
    for (const done of [...this.waiting]) done();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }
}
