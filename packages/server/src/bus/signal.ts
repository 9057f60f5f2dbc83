/**
 * A wake-up flag for a worker loop: `wait` resolves at the next `notify` or after a timeout,
 * whichever comes first; a notify with nobody waiting is remembered for the next wait.
 */
export class Signal {
  private pending = false;
  private waiter: (() => void) | undefined;

  notify(): void {
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      w();
    } else this.pending = true;
  }

  wait(timeoutMs: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve();
      }, timeoutMs);
      timer.unref();
      this.waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
