interface Entry {
  due: number;
  expire: () => void;
}

/**
 * Timeouts for many concurrent attempts without a timer each: one coarse sweep (every
 * `resolutionMs`, only while something is pending) expires what is overdue. Attempts time out
 * on real time — they wait on real I/O — not on the injected Clock.
 */
export class Deadlines {
  private readonly pending = new Set<Entry>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly resolutionMs = 200) {}

  /** `p`'s result, or `onTimeout()`'s once `ms` have passed (give or take the resolution). */
  race<T>(p: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const entry: Entry = {
        due: performance.now() + ms,
        expire: () => {
          if (done) return;
          done = true;
          resolve(onTimeout());
        },
      };
      this.pending.add(entry);
      this.arm();
      p.then(
        (v) => {
          this.pending.delete(entry);
          if (!done) (done = true), resolve(v);
        },
        (e: unknown) => {
          this.pending.delete(entry);
          if (!done) (done = true), reject(e);
        },
      );
    });
  }

  private arm(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      const now = performance.now();
      for (const e of this.pending) {
        if (e.due <= now) {
          this.pending.delete(e);
          e.expire();
        }
      }
      if (this.pending.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    }, this.resolutionMs);
    this.timer.unref();
  }
}
