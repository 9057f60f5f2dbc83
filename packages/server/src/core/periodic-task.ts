/**
 * Background upkeep run every `intervalMs` (the first time after `firstDelayMs`), one pass at a
 * time: the next pass is scheduled only after the previous one ends. `stop()` cancels the next
 * pass and waits for the one under way; passes check `stopped` to end early.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopRequested = false;

  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly options: { intervalMs: number; firstDelayMs: number; onError: (err: unknown) => void },
  ) {}

  get stopped(): boolean {
    return this.stopRequested;
  }

  start(): void {
    this.stopRequested = false;
    const tick = () => {
      this.running = this.pass()
        .then(() => undefined)
        .catch(this.options.onError)
        .finally(() => {
          this.running = undefined;
          if (!this.stopRequested) this.timer = setTimeout(tick, this.options.intervalMs);
        });
    };
    this.timer = setTimeout(tick, this.options.firstDelayMs);
  }

  async stop(): Promise<void> {
    this.stopRequested = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
