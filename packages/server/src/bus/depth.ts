/**
 * Pending deliveries per target queue, counted in memory (the store's count would cost a query per
 * event). The matcher adds, the worker subtracts on ack, a purge resets; `seed` starts a queue
 * from the store's count after a restart. Used to bound queue depth per target.
 */
export class QueueDepths {
  private readonly depths = new Map<string, number>();

  get(queue: string): number {
    return this.depths.get(queue) ?? 0;
  }

  seed(queue: string, depth: number): void {
    this.depths.set(queue, depth);
  }

  add(queue: string, n = 1): void {
    this.depths.set(queue, this.get(queue) + n);
  }

  remove(queue: string, n = 1): void {
    const d = this.get(queue) - n;
    if (d > 0) this.depths.set(queue, d);
    else this.depths.delete(queue);
  }

  reset(queue: string): void {
    this.depths.delete(queue);
  }
}
