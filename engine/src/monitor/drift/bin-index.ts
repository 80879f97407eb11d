/**
 * Which bin of ascending edges a number falls in, the same answer as a binary search but in O(1) for
 * the edges baselines have. A grid of equal cells over [first edge, last edge] remembers the bin at
 * each cell's start; a value's cell is one multiply away, and a short walk against the actual edges
 * fixes any difference (a cell holding several edges, floating-point rounding at a cell border), so
 * the grid only ever changes the speed, never the answer.
 *
 * Answers: -1 below the first edge, `bins` above the last, NaN for NaN; otherwise the largest i with
 * edges[i] ≤ x, clamped to the last bin (a value equal to the last edge belongs to the last bin).
 */
export class BinIndex {
  readonly bins: number;
  readonly edges: Float64Array;
  private readonly lo: number;
  private readonly hi: number;
  private readonly scale: number;
  private readonly cells: Uint8Array | Uint16Array | Uint32Array;

  constructor(edges: ArrayLike<number>) {
    this.edges = Float64Array.from(edges);
    this.bins = this.edges.length - 1;
    this.lo = this.edges[0]!;
    this.hi = this.edges[this.bins]!;
    // 8 cells per bin: a decile grid of a normal or skewed feature (quantile edges) walks ≤ ~2 steps.
    // Edges spanning more than a double can hold (±Infinity, ±1e308) get no grid: the walk does it all.
    const wanted = Math.min(8 * this.bins, 65_536);
    const scale = wanted / (this.hi - this.lo);
    const count = Number.isFinite(scale) && scale > 0 ? wanted : 0;
    this.scale = count > 0 ? scale : 0;
    this.cells =
      this.bins < 256
        ? new Uint8Array(count)
        : this.bins < 65_536
          ? new Uint16Array(count)
          : new Uint32Array(count);
    for (let c = 0, bin = 0; c < count; c += 1) {
      const start = this.lo + c / this.scale;
      while (bin < this.bins - 1 && this.edges[bin + 1]! <= start) bin += 1;
      this.cells[c] = bin;
    }
  }

  locate(x: number): number {
    // NaN fails both comparisons and comes out as NaN below, matching the caller's missing-value check.
    if (x < this.lo) return -1;
    if (x > this.hi) return this.bins;
    if (x !== x) return Number.NaN;
    const edges = this.edges;
    const last = this.bins - 1;
    let i = 0;
    const count = this.cells.length;
    if (count > 0) {
      const cell = Math.floor((x - this.lo) * this.scale);
      i = this.cells[cell < count ? cell : count - 1]!;
    }
    while (i > 0 && x < edges[i]!) i -= 1;
    while (i < last && x >= edges[i + 1]!) i += 1;
    return i;
  }

  /** Bytes of the edges and the grid. */
  get byteLength(): number {
    return this.edges.byteLength + this.cells.byteLength;
  }
}

/** The reference answer (binary search), for tests and the benchmark. */
export function binarySearchBin(edges: ArrayLike<number>, x: number): number {
  const last = edges.length - 1;
  if (x !== x) return Number.NaN;
  if (x < edges[0]!) return -1;
  if (x > edges[last]!) return last;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}
