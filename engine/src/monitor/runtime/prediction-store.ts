import type { WireTensor } from "../../serving/index.js";
import { cell } from "./columns.js";

interface Entry {
  version: string;
  tensor: WireTensor;
  column: number;
  rows: number;
  t: number;
  /** Rows already labelled (batches only). */
  labelled?: Uint8Array;
  left: number;
}

/**
 * Predictions waiting for ground truth, one entry per request (a batch keeps its output tensor, not one
 * entry per row), bounded by count (oldest evicted) and age. Feedback names a request by its id, a
 * batch row by `id#row`. O(1) per request on the serving path.
 */
export class PredictionStore {
  private readonly entries = new Map<string, Entry>();
  evicted = 0;

  constructor(
    private readonly capacity: number,
    private readonly ttlMs: number,
  ) {}

  record(id: string, version: string, tensor: WireTensor, column: number, rows: number, t: number): void {
    this.entries.delete(id);
    this.entries.set(id, { version, tensor, column, rows, t, left: rows });
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as string);
      this.evicted += 1;
    }
  }

  /** The version and prediction for `id` (or `id#row`), removed once taken; undefined when unknown. */
  take(key: string, now: number): { version: string; prediction: unknown } | undefined {
    this.expire(now);
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
      entry.labelled ??= new Uint8Array(entry.rows);
      if (entry.labelled[row]) return undefined;
      entry.labelled[row] = 1;
    }
    entry.left -= 1;
    if (entry.left <= 0) this.entries.delete(id);
    return { version: entry.version, prediction: cell(entry.tensor, row, entry.column) };
  }

  get size(): number {
    return this.entries.size;
  }

  private expire(now: number): void {
    for (const [id, entry] of this.entries) {
      if (now - entry.t <= this.ttlMs) break;
      this.entries.delete(id);
    }
  }
}
