/**
 * A ring of fixed-width time buckets, each holding a few counters (columns). Adding is O(1); summing a
 * window is O(window / bucket). A bucket is recycled when time comes round to its slot again, so
 * memory is fixed: buckets × (columns + 1) × 8 bytes. A window of w covers the current (partial)
 * bucket and the ⌈w / bucket⌉ − 1 before it, so its span is accurate to one bucket.
 */
export class BucketRing {
  readonly bucketMs: number;
  readonly size: number;
  readonly columns: number;
  private readonly ids: Float64Array;
  private readonly values: Float64Array;

  constructor(options: { bucketMs: number; spanMs: number; columns: number }) {
    if (!(options.bucketMs > 0) || !(options.spanMs >= options.bucketMs)) {
      throw new Error(`bucket ring needs 0 < bucket (${options.bucketMs}) ≤ span (${options.spanMs})`);
    }
    this.bucketMs = options.bucketMs;
    this.size = Math.ceil(options.spanMs / options.bucketMs);
    this.columns = options.columns;
    this.ids = new Float64Array(this.size).fill(-1);
    this.values = new Float64Array(this.size * this.columns);
  }

  /** Adds `deltas` (one per column) to the bucket holding time `t` (ms). */
  add(t: number, deltas: readonly number[]): void {
    const id = Math.floor(t / this.bucketMs);
    const slot = id % this.size;
    const base = slot * this.columns;
    if (this.ids[slot] !== id) {
      if (this.ids[slot]! > id) return; // older than the ring remembers
      this.ids[slot] = id;
      this.values.fill(0, base, base + this.columns);
    }
    for (let c = 0; c < this.columns && c < deltas.length; c += 1) this.values[base + c]! += deltas[c]!;
  }

  /** Column sums over the window of `windowMs` ending at `now` (clamped to the ring's span). */
  sum(now: number, windowMs: number): number[] {
    const out = new Array<number>(this.columns).fill(0);
    const last = Math.floor(now / this.bucketMs);
    const n = Math.min(this.size, Math.max(1, Math.ceil(windowMs / this.bucketMs)));
    for (let k = 0; k < n; k += 1) {
      const id = last - k;
      if (id < 0) break;
      const slot = id % this.size;
      if (this.ids[slot] !== id) continue;
      const base = slot * this.columns;
      for (let c = 0; c < this.columns; c += 1) out[c]! += this.values[base + c]!;
    }
    return out;
  }

  byteLength(): number {
    return this.ids.byteLength + this.values.byteLength;
  }
}
