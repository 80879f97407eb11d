import type { FeatureBaseline } from "../../registry/types.js";
import { BinIndex } from "./bin-index.js";

/**
 * Bounded per-feature counts for one window. A numerical feature keeps one counter per baseline bin
 * plus two overflow counters (below the first edge, above the last); a categorical feature keeps one
 * counter per baseline category plus one for unseen categories (and up to a few unseen names as
 * evidence). Memory is fixed by the baseline, never by traffic.
 */
export interface FeatureCounter {
  readonly kind: "numerical" | "categorical";
  /** Bin or category labels, in baseline order (bin labels are built on demand, not stored). */
  labels(): string[];
  /** Baseline proportions, in the same order as `labels` (sum 1). */
  readonly expected: Float64Array;
  observe(value: unknown): void;
  /**
   * Counts `count` values of a column, `data[offset + k·step]` for k < count — one column of a row-major
   * tensor, read in place (no per-row record), with the same result as `observe` on each value.
   */
  observeColumn(data: ArrayLike<unknown>, offset: number, step: number, count: number): void;
  /** Counts per baseline bin/category for the current window. */
  counts(): Float64Array;
  /** Observations outside the baseline: out of range (numerical) or unseen categories. */
  outside(): number;
  /** Missing values (null, undefined, NaN, wrong type). */
  missing(): number;
  /** Up to `maxExamples` distinct unseen category names (categorical only). */
  unseenExamples(): string[];
  reset(): void;
  /** Bytes held by this counter's typed arrays and strings (approximate, excludes object headers). */
  approxBytes(): number;
}

export function isNumericBaseline(b: FeatureBaseline): b is { edges: number[]; proportions: number[] } {
  return "edges" in b;
}

/** Throws a descriptive error when a baseline is malformed (edges not ascending, shares not summing to 1). */
export function checkBaseline(name: string, b: FeatureBaseline): void {
  if (isNumericBaseline(b)) {
    if (b.edges.length < 2 || b.proportions.length !== b.edges.length - 1) {
      throw new Error(`baseline ${name}: needs n+1 edges for n proportions`);
    }
    for (let i = 1; i < b.edges.length; i += 1) {
      if (!(b.edges[i]! > b.edges[i - 1]!))
        throw new Error(`baseline ${name}: edges must be strictly ascending`);
    }
    checkShares(name, b.proportions);
  } else {
    checkShares(name, Object.values(b.frequencies));
  }
}

function checkShares(name: string, shares: number[]): void {
  if (shares.length === 0 || shares.some((s) => !(s >= 0))) {
    throw new Error(`baseline ${name}: shares must be non-negative numbers`);
  }
  const total = shares.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-3) throw new Error(`baseline ${name}: shares sum to ${total}, not 1`);
}

const MAX_UNSEEN_EXAMPLES = 5;

class NumericalCounter implements FeatureCounter {
  readonly kind = "numerical" as const;
  readonly expected: Float64Array;
  private readonly bins: BinIndex;
  /** [below, bin 0 … bin n−1, above, missing] */
  private readonly slots: Float64Array;

  constructor(edges: readonly number[], proportions: readonly number[]) {
    this.bins = new BinIndex(edges);
    this.expected = normalise(proportions);
    this.slots = new Float64Array(proportions.length + 3);
  }

  labels(): string[] {
    const e = this.bins.edges;
    const n = e.length - 1;
    return Array.from({ length: n }, (_, i) => `[${e[i]}, ${e[i + 1]}${i === n - 1 ? "]" : ")"}`);
  }

  observe(value: unknown): void {
    const x = typeof value === "number" ? value : typeof value === "bigint" ? Number(value) : Number.NaN;
    this.count(x);
  }

  observeColumn(data: ArrayLike<unknown>, offset: number, step: number, count: number): void {
    // The typed loop needs whole indices inside the array (a fractional or past-the-end one reads
    // undefined, which `observe` counts as missing).
    const last = offset + (count - 1) * step;
    if (isNumberArray(data) && Number.isInteger(offset) && Number.isInteger(step) && last < data.length) {
      for (let k = 0, i = offset; k < count; k += 1, i += step) this.count(data[i]!);
    } else {
      for (let k = 0, i = offset; k < count; k += 1, i += step) this.observe(data[i]);
    }
  }

  private count(x: number): void {
    // locate: -1 below, 0…n−1 a bin, n above, NaN missing → slots 0, 1…n, n+1, n+2.
    const bin = this.bins.locate(x);
    this.slots[bin === bin ? bin + 1 : this.slots.length - 1]! += 1;
  }

  counts(): Float64Array {
    return this.slots.subarray(1, this.slots.length - 2);
  }
  outside(): number {
    return this.slots[0]! + this.slots[this.slots.length - 2]!;
  }
  missing(): number {
    return this.slots[this.slots.length - 1]!;
  }
  unseenExamples(): string[] {
    return [];
  }
  reset(): void {
    this.slots.fill(0);
  }
  approxBytes(): number {
    return this.bins.byteLength + this.expected.byteLength + this.slots.byteLength;
  }
}

class CategoricalCounter implements FeatureCounter {
  readonly kind = "categorical" as const;
  private readonly names: string[];
  readonly expected: Float64Array;
  private readonly index: Map<string, number>;
  /** [category 0 … n−1, unseen, missing] */
  private readonly slots: Float64Array;
  private readonly examples: string[] = [];

  constructor(frequencies: Record<string, number>) {
    this.names = Object.keys(frequencies);
    this.expected = normalise(Object.values(frequencies));
    this.index = new Map(this.names.map((c, i) => [c, i]));
    this.slots = new Float64Array(this.names.length + 2);
  }

  labels(): string[] {
    return [...this.names];
  }

  observe(value: unknown): void {
    if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) {
      this.slots[this.slots.length - 1]! += 1;
      return;
    }
    const key = typeof value === "string" ? value : String(value);
    const i = this.index.get(key);
    if (i !== undefined) {
      this.slots[i]! += 1;
      return;
    }
    this.slots[this.names.length]! += 1;
    if (this.examples.length < MAX_UNSEEN_EXAMPLES && !this.examples.includes(key)) {
      this.examples.push(key.length > 64 ? `${key.slice(0, 61)}...` : key);
    }
  }

  observeColumn(data: ArrayLike<unknown>, offset: number, step: number, count: number): void {
    for (let k = 0, i = offset; k < count; k += 1, i += step) {
      const value = data[i];
      // As `cell` reads a tensor: 64-bit integers become numbers before they become category names.
      this.observe(typeof value === "bigint" ? Number(value) : value);
    }
  }

  counts(): Float64Array {
    return this.slots.subarray(0, this.names.length);
  }
  outside(): number {
    return this.slots[this.names.length]!;
  }
  missing(): number {
    return this.slots[this.slots.length - 1]!;
  }
  unseenExamples(): string[] {
    return [...this.examples];
  }
  reset(): void {
    this.slots.fill(0);
    this.examples.length = 0;
  }
  approxBytes(): number {
    // Strings: ~2 bytes per UTF-16 unit plus ~16 bytes of header, counted once in names (the index
    // map shares them) plus ~24 bytes per map entry; room for the unseen examples.
    const strings = this.names.reduce((s, l) => s + 16 + 2 * l.length + 24, 0);
    const examples = MAX_UNSEEN_EXAMPLES * (16 + 2 * 64);
    return this.expected.byteLength + this.slots.byteLength + strings + examples;
  }
}

/** Typed arrays whose elements are plain numbers (not the 64-bit integer arrays, whose elements are bigints). */
function isNumberArray(data: ArrayLike<unknown>): data is ArrayLike<number> {
  return ArrayBuffer.isView(data) && !(data instanceof BigInt64Array) && !(data instanceof BigUint64Array);
}

function normalise(shares: readonly number[]): Float64Array {
  const total = shares.reduce((a, b) => a + b, 0);
  return Float64Array.from(shares, (s) => s / total);
}

export function createFeatureCounter(baseline: FeatureBaseline): FeatureCounter {
  return isNumericBaseline(baseline)
    ? new NumericalCounter(baseline.edges, baseline.proportions)
    : new CategoricalCounter(baseline.frequencies);
}
