import type { WireTensor } from "../../serving/index.js";
import { cell } from "./columns.js";

interface Entry {
  version: string;
  /**
   * The predicted value(s) only, read out of the output tensor when recorded: a single request's value, or
   * a batch's column (numbers in a typed array). Keeping the tensor instead kept the whole output
   * of every pending request alive (all its columns, and with a view the buffer under it) for up to the
   * quality window, which grew the old generation and the cost of every major GC.
   */
  value: unknown;
  values?: Float64Array | Float32Array | Int32Array | unknown[];
  rows: number;
  t: number;
  /** Rows already labelled (batches only). */
  labelled?: Uint8Array;
  left: number;
}

/**
 * Predictions waiting for ground truth, one entry per request (a batch keeps its predicted column, not one
 * entry per row), bounded by count and age. Feedback names a request by its id, a batch row by `id#row`.
 *
 * O(1) per request on the serving path: the oldest entry is found through a ring of insertion slots, not
 * by iterating the map (deleting a Map's first key over and over leaves tombstones that `keys().next()`
 * scans, which made eviction O(n) under load). Entries older than the quality window are dropped when
 * feedback asks for them.
 */
export class PredictionStore {
  private readonly entries = new Map<string, Entry & { seq: number }>();
  private readonly ringIds: (string | undefined)[];
  private readonly ringSeqs: Float64Array;
  private next = 0;
  evicted = 0;

  constructor(
    private readonly capacity: number,
    private readonly ttlMs: number,
  ) {
    this.ringIds = new Array<string | undefined>(Math.max(1, capacity));
    this.ringSeqs = new Float64Array(Math.max(1, capacity));
  }

  record(id: string, version: string, tensor: WireTensor, column: number, rows: number, t: number): void {
    const seq = this.next++;
    const slot = seq % this.ringIds.length;
    const old = this.ringIds[slot];
    if (old !== undefined && this.entries.get(old)?.seq === this.ringSeqs[slot]) {
      this.entries.delete(old);
      this.evicted += 1;
    }
    this.ringIds[slot] = id;
    this.ringSeqs[slot] = seq;
    let value: unknown;
    let values: Float64Array | Float32Array | Int32Array | unknown[] | undefined;
    if (rows > 1) {
      const data = tensor.data;
      const width = data.length / rows;
      if (data instanceof Float32Array || data instanceof Float64Array || data instanceof Int32Array) {
        // A one-column tensor that owns its whole buffer holds nothing but the predictions: kept as is (no
        // copy on the request path). Otherwise the column is copied out, so no other column or shared
        // buffer stays alive.
        if (width === 1 && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) values = data;
        else {
          const col = column < width ? column : 0;
          const numbers = new Float64Array(rows);
          for (let r = 0; r < rows; r += 1) numbers[r] = data[r * width + col]!;
          values = numbers;
        }
      } else values = Array.from({ length: rows }, (_, r) => cell(tensor, r, column));
    } else value = cell(tensor, 0, column);
    this.entries.set(id, { version, value, values, rows, t, left: rows, seq });
  }

  /** The version and prediction for `id` (or `id#row`), removed once taken; undefined when unknown or too old. */
  take(key: string, now: number): { version: string; prediction: unknown } | undefined {
    let entry = this.entries.get(key);
    let id = key;
    let row = 0;
    if (!entry || entry.rows > 1) {
      const hash = key.lastIndexOf("#");
      if (hash <= 0) return undefined;
      id = key.slice(0, hash);
      row = Number(key.slice(hash + 1));
      entry = this.entries.get(id);
      if (!entry || entry.rows < 2 || !Number.isInteger(row) || row < 0 || row >= entry.rows)
        return undefined;
    }
    if (now - entry.t > this.ttlMs) {
      this.entries.delete(id);
      return undefined;
    }
    if (entry.rows > 1) {
      entry.labelled ??= new Uint8Array(entry.rows);
      if (entry.labelled[row]) return undefined;
      entry.labelled[row] = 1;
    }
    entry.left -= 1;
    if (entry.left <= 0) this.entries.delete(id);
    return { version: entry.version, prediction: entry.values ? entry.values[row] : entry.value };
  }

  get size(): number {
    return this.entries.size;
  }
}
