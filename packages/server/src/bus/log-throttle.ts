/**
 * One log line per key and interval: a target that fails every event would otherwise write a
 * line per event. Every event is still counted in the metrics; the line says how many similar
 * ones it stands for since the last.
 */
export class LogThrottle {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly intervalMs = 10_000,
    private readonly maxKeys = 10_000,
  ) {}

  /** undefined: stay quiet; a number: log now, with that many lines suppressed since the last. */
  admit(key: string, now: number): number | undefined {
    const entry = this.last.get(key);
    if (entry && now - entry.at < this.intervalMs) {
      entry.suppressed++;
      return undefined;
    }
    if (!entry && this.last.size >= this.maxKeys) this.last.clear();
    this.last.set(key, { at: now, suppressed: 0 });
    return entry?.suppressed ?? 0;
  }
}
