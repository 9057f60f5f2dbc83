// All `numeric` ranges of one field in a structure that answers "which ranges hold n?" in
// O(log ranges + hits), where checking each range costs O(ranges). event-ruler gets this by
// compiling ranges into its byte machine over a fixed-width number encoding; here the distinct
// range ends are sorted, cut the line into elementary pieces (each end is a piece of its own, so
// open and closed ends are exact), and a segment tree over the pieces stores each range in the
// O(log) nodes that cover it. A value is located by binary search and collects the ranges on its
// leaf-to-root path. Built lazily after rules change.

export interface NumericRange {
  readonly lo: number;
  readonly loOpen: boolean;
  readonly hi: number;
  readonly hiOpen: boolean;
}

export class NumericIndex<V> {
  private readonly ranges: Array<{ readonly r: NumericRange; readonly v: V }> = [];
  private ends: number[] = [];
  private leaves = 1;
  private nodes: (V[] | undefined)[] = [];
  private built = true;

  get size(): number {
    return this.ranges.length;
  }

  add(r: NumericRange, v: V): void {
    this.ranges.push({ r, v });
    this.built = false;
  }

  /** Calls found(v) for every range holding n (n finite, as comparable numbers are). */
  stab(n: number, found: (v: V) => void): void {
    if (!this.built) this.build();
    for (let i = this.leaves + this.piece(n); i >= 1; i >>= 1) {
      const here = this.nodes[i];
      if (here) for (const v of here) found(v);
    }
  }

  /**
   * Piece numbering: 2j is the open stretch just below ends[j] (2·ends.length is the stretch
   * above the last end) and 2j+1 is the point ends[j] itself.
   */
  private piece(n: number): number {
    const ends = this.ends;
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ends[mid] as number) < n) lo = mid + 1;
      else hi = mid;
    }
    return ends[lo] === n ? 2 * lo + 1 : 2 * lo;
  }

  private build(): void {
    this.built = true;
    const all = this.ranges.flatMap(({ r }) => [r.lo, r.hi]).sort((a, b) => a - b);
    this.ends = all.filter((x, i) => i === 0 || x !== all[i - 1]);
    const pieces = 2 * this.ends.length + 1;
    let leaves = 1;
    while (leaves < pieces) leaves *= 2;
    this.leaves = leaves;
    this.nodes = new Array<V[] | undefined>(2 * leaves);
    for (const { r, v } of this.ranges) {
      const first = this.piece(r.lo) + (r.loOpen ? 1 : 0);
      const last = this.piece(r.hi) - (r.hiOpen ? 1 : 0);
      if (first <= last) this.cover(first, last + 1, v);
    }
  }

  /** Stores v in the canonical nodes covering pieces [from, to). */
  private cover(from: number, to: number, v: V): void {
    for (let l = from + this.leaves, r = to + this.leaves; l < r; l >>= 1, r >>= 1) {
      if (l & 1) this.push(l++, v);
      if (r & 1) this.push(--r, v);
    }
  }

  private push(node: number, v: V): void {
    const here = this.nodes[node];
    if (here) here.push(v);
    else this.nodes[node] = [v];
  }
}
