// The Map-based prediction store as of 48f4088 (id string → slot), kept as the reference the typed-array
// store must answer like (prediction-store.test.ts).
import type { WireTensor } from "../../../src/serving/index.js";
import { cell } from "../../../src/monitor/runtime/columns.js";

/**
 * Predictions waiting for ground truth, one slot per request (a batch keeps its predicted column, not one
 * entry per row), bounded by count and age. Feedback names a request by its id, a batch row by `id#row`.
 *
 * Built for a full store on the request path (production: every request has an id, so all 100,000 slots
 * are live): O(1) per request, and nothing the garbage collector has to trace per request beyond the id
 * string and a batch's small array of numbers.
 * - Slots are a ring: the next request takes the oldest slot (evicting its entry if still there), so the
 *   oldest entry is never searched for (deleting a Map's first key over and over leaves tombstones that
 *   `keys().next()` scans: O(n) eviction under load).
 * - The map holds id → slot number, and each slot's fields live in parallel arrays, not one object per
 *   request, so the old generation holds 100,000 small integers instead of 100,000 objects.
 * - A batch's numeric predicted column is copied into the slot's own array of numbers, which the slot
 *   keeps and reuses when the ring comes round: once the ring has gone round, the store allocates nothing
 *   per request. Keeping the output tensor instead held one ArrayBuffer per pending request (off-heap
 *   memory the collector tracks one by one, and every other column of the output), and a fresh copy per
 *   request made as much garbage as it saved.
 * Entries older than the quality window are dropped when feedback asks for them.
 */
export class ReferencePredictionStore {
  private readonly slotOf = new Map<string, number>();
  private readonly ids: (string | undefined)[];
  private readonly versions: string[];
  /** A single request's value, or a batch's non-numeric column (one value per row). */
  private readonly values: unknown[];
  /** Per slot, the array its last numeric batch column went into: reused, never shrunk. */
  private readonly columns: (number[] | undefined)[];
  /** 1 when the slot's prediction is in `columns` (a numeric batch). */
  private readonly numeric: Uint8Array;
  private readonly rows: Int32Array;
  private readonly left: Int32Array;
  private readonly times: Float64Array;
  /** Rows already labelled, per batch slot (made on a batch's first feedback). */
  private readonly labelled: (Uint8Array | undefined)[];
  private next = 0;
  evicted = 0;

  constructor(
    capacity: number,
    private readonly ttlMs: number,
  ) {
    const n = Math.max(1, capacity);
    this.ids = new Array<string | undefined>(n).fill(undefined);
    this.versions = new Array<string>(n).fill("");
    this.values = new Array<unknown>(n).fill(undefined);
    this.columns = new Array<number[] | undefined>(n).fill(undefined);
    this.numeric = new Uint8Array(n);
    this.rows = new Int32Array(n);
    this.left = new Int32Array(n);
    this.times = new Float64Array(n);
    this.labelled = new Array<Uint8Array | undefined>(n).fill(undefined);
  }

  record(id: string, version: string, tensor: WireTensor, column: number, rows: number, t: number): void {
    const slot = this.next;
    this.next = slot + 1 === this.ids.length ? 0 : slot + 1;
    const old = this.ids[slot];
    if (old !== undefined) {
      // Still this slot's entry (not taken, and the id not recorded again since): evicted.
      if (this.slotOf.get(old) === slot) {
        this.slotOf.delete(old);
        this.evicted += 1;
      }
      this.labelled[slot] = undefined;
    }
    this.ids[slot] = id;
    this.versions[slot] = version;
    this.rows[slot] = rows;
    this.left[slot] = rows;
    this.times[slot] = t;
    if (rows > 1) {
      const data = tensor.data;
      const width = data.length / rows;
      const col = column < width ? column : 0;
      if (typeof data[0] === "number" && Number.isInteger(width)) {
        let values = this.columns[slot];
        if (values === undefined || values.length < rows)
          values = this.columns[slot] = new Array<number>(rows).fill(0);
        for (let r = 0; r < rows; r += 1) values[r] = data[r * width + col] as number;
        this.numeric[slot] = 1;
        this.values[slot] = undefined;
        this.slotOf.set(id, slot);
        return;
      }
      this.values[slot] = Array.from({ length: rows }, (_, r) => cell(tensor, r, column));
    } else this.values[slot] = cell(tensor, 0, column);
    this.numeric[slot] = 0;
    this.slotOf.set(id, slot);
  }

  /** The version and prediction for `id` (or `id#row`), removed once taken; undefined when unknown or too old. */
  take(key: string, now: number): { version: string; prediction: unknown } | undefined {
    let slot = this.slotOf.get(key);
    let id = key;
    let row = 0;
    if (slot === undefined || this.rows[slot]! > 1) {
      const hash = key.lastIndexOf("#");
      if (hash <= 0) return undefined;
      id = key.slice(0, hash);
      row = Number(key.slice(hash + 1));
      slot = this.slotOf.get(id);
      if (slot === undefined) return undefined;
      const rows = this.rows[slot]!;
      if (rows < 2 || !Number.isInteger(row) || row < 0 || row >= rows) return undefined;
    }
    if (now - this.times[slot]! > this.ttlMs) {
      this.forget(id, slot);
      return undefined;
    }
    const rows = this.rows[slot]!;
    if (rows > 1) {
      const labelled = (this.labelled[slot] ??= new Uint8Array(rows));
      if (labelled[row]) return undefined;
      labelled[row] = 1;
    }
    const version = this.versions[slot]!;
    const prediction =
      rows < 2
        ? this.values[slot]
        : this.numeric[slot]
          ? this.columns[slot]![row]
          : (this.values[slot] as unknown[])[row];
    const left = this.left[slot]! - 1;
    this.left[slot] = left;
    if (left <= 0) this.forget(id, slot);
    return { version, prediction };
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** Drops an entry; its slot's fields are overwritten when the ring comes round. */
  private forget(id: string, slot: number): void {
    this.slotOf.delete(id);
    this.values[slot] = undefined;
    this.labelled[slot] = undefined;
  }
}
