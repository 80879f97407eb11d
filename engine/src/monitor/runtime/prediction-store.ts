import type { WireTensor } from "../../serving/index.js";
import { cell } from "./columns.js";

/**
 * Predictions waiting for ground truth, one slot per request (a batch keeps its predicted column, not one
 * entry per row), bounded by count and age. Feedback names a request by its id, a batch row by `id#row`.
 *
 * Built for a full store on the request path (production: every request has an id, so all 100,000 slots
 * are live) with nothing per request for the garbage collector to trace: a Map of 100,000 live id strings
 * cost ~3.5 µs of server CPU per request at batch 1, most of it the collector tracing and moving them.
 * - Ids are not kept: each is hashed to 64 bits (two independent 32-bit hashes) plus its length, in an
 *   open-addressing table (linear probing, backward-shift deletion: no tombstones) of slot numbers in an
 *   Int32Array. Two different ids answer for each other only if both hashes and the length agree: with
 *   100,000 live ids, about 100,000 / 2⁶⁴ ≈ 5·10⁻¹⁵ per feedback.
 * - Slots are a FIFO ring: a request takes the next slot, evicting the oldest when all are taken, so
 *   eviction never searches.
 * - Predicted values go into one Float64Array used as a ring of rows (each slot owns a contiguous run,
 *   its batch's column; one row for a single request), taken flags beside them in a Uint8Array. The ring
 *   of rows grows by half again up to `maxRows` (default 64 rows per slot on average), beyond which the
 *   oldest slots are evicted too. Non-numeric predictions (string labels) go to a plain array per slot.
 * Entries older than the quality window are dropped when feedback asks for them.
 */
export class PredictionStore {
  private readonly capacity: number;
  /** Open-addressing table: slot + 1, 0 for empty. Length a power of two ≥ 2 × capacity. */
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly hashA: Uint32Array;
  private readonly hashB: Uint32Array;
  private readonly idLength: Int32Array;
  /** 1 while the slot is in the table (not taken, expired, or recorded again under its id). */
  private readonly live: Uint8Array;
  private readonly versionOf: Int32Array;
  private readonly versionNames: string[] = [];
  private readonly rows: Int32Array;
  private readonly left: Int32Array;
  private readonly times: Float64Array;
  /** First position in the row ring and the positions reserved (max(1, rows)). */
  private readonly start: Int32Array;
  private readonly reserved: Int32Array;
  private readonly numeric: Uint8Array;
  /** Non-numeric predictions: the value of a single request, or a batch's column as an array. */
  private readonly other: unknown[];
  private values: Float64Array;
  private taken: Uint8Array;
  private readonly maxRows: number;
  /** Next slot, slots in the ring (live or not), next row position. */
  private head = 0;
  private count = 0;
  private rowHead = 0;
  private liveCount = 0;
  private lastVersion = "";
  private lastVersionIndex = -1;
  evicted = 0;

  constructor(
    capacity: number,
    private readonly ttlMs: number,
    options: { maxRows?: number } = {},
  ) {
    const n = Math.max(1, capacity);
    this.capacity = n;
    let size = 2;
    while (size < 2 * n) size *= 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
    this.hashA = new Uint32Array(n);
    this.hashB = new Uint32Array(n);
    this.idLength = new Int32Array(n);
    this.live = new Uint8Array(n);
    this.versionOf = new Int32Array(n);
    this.rows = new Int32Array(n);
    this.left = new Int32Array(n);
    this.times = new Float64Array(n);
    this.start = new Int32Array(n);
    this.reserved = new Int32Array(n);
    this.numeric = new Uint8Array(n);
    this.other = new Array<unknown>(n).fill(undefined);
    this.maxRows = Math.max(n, options.maxRows ?? n * 64);
    // One row per slot to begin with (batch 1); batches grow it.
    this.values = new Float64Array(n);
    this.taken = new Uint8Array(n);
  }

  record(id: string, version: string, tensor: WireTensor, column: number, rows: number, t: number): void {
    hashInto(id, id.length, this.scratch);
    const a = this.scratch[0]!;
    const b = this.scratch[1]!;
    // Oldest first: when the id recorded again is itself the oldest, that counts as an eviction (as it did
    // in the Map-based store); otherwise its earlier slot stays in the ring, dead.
    if (this.count === this.capacity) this.evictOldest();
    const found = this.find(a, b, id.length);
    if (found >= 0) this.unlink(found);
    const need = rows > 1 ? rows : 1;
    let at = this.room(need);
    while (at < 0) {
      if (this.count > 0 && this.values.length >= this.maxRows) this.evictOldest();
      else this.grow(need);
      at = this.room(need);
    }
    const slot = this.head;
    this.head = slot + 1 === this.capacity ? 0 : slot + 1;
    this.count += 1;
    this.rowHead = at + need;
    this.start[slot] = at;
    this.reserved[slot] = need;
    this.hashA[slot] = a;
    this.hashB[slot] = b;
    this.idLength[slot] = id.length;
    this.versionOf[slot] = this.versionIndex(version);
    this.rows[slot] = rows;
    this.left[slot] = rows;
    this.times[slot] = t;
    this.taken.fill(0, at, at + need);
    this.other[slot] = undefined;
    this.numeric[slot] = 1;
    if (rows > 1) {
      const data = tensor.data;
      const width = data.length / rows;
      const col = column < width ? column : 0;
      if (typeof data[0] === "number" && Number.isInteger(width)) {
        const values = this.values;
        for (let r = 0; r < rows; r += 1) values[at + r] = data[r * width + col] as number;
      } else {
        this.numeric[slot] = 0;
        this.other[slot] = Array.from({ length: rows }, (_, r) => cell(tensor, r, column));
      }
    } else {
      const value = cell(tensor, 0, column);
      if (typeof value === "number") this.values[at] = value;
      else {
        this.numeric[slot] = 0;
        this.other[slot] = value;
      }
    }
    this.insert(slot);
  }

  /** The version and prediction for `id` (or `id#row`), removed once taken; undefined when unknown or too old. */
  take(key: string, now: number): { version: string; prediction: unknown } | undefined {
    const scratch = this.scratch;
    hashInto(key, key.length, scratch);
    let index = this.find(scratch[0]!, scratch[1]!, key.length);
    let row = 0;
    if (index < 0 || this.rows[this.table[index]! - 1]! > 1) {
      const hash = key.lastIndexOf("#");
      if (hash <= 0) return undefined;
      row = Number(key.slice(hash + 1));
      hashInto(key, hash, scratch);
      index = this.find(scratch[0]!, scratch[1]!, hash);
      if (index < 0) return undefined;
      const rows = this.rows[this.table[index]! - 1]!;
      if (rows < 2 || !Number.isInteger(row) || row < 0 || row >= rows) return undefined;
    }
    const slot = this.table[index]! - 1;
    if (now - this.times[slot]! > this.ttlMs) {
      this.unlink(index);
      return undefined;
    }
    const rows = this.rows[slot]!;
    const at = this.start[slot]! + row;
    if (rows > 1) {
      if (this.taken[at]) return undefined;
      this.taken[at] = 1;
    }
    const version = this.versionNames[this.versionOf[slot]!]!;
    const prediction = this.numeric[slot]
      ? this.values[at]
      : rows < 2
        ? this.other[slot]
        : (this.other[slot] as unknown[])[row];
    const left = this.left[slot]! - 1;
    this.left[slot] = left;
    if (left <= 0) this.unlink(index);
    return { version, prediction };
  }

  /** Pending requests (live slots). */
  get size(): number {
    return this.liveCount;
  }

  /** Positions the row ring holds (grows with batch sizes, up to `maxRows`). */
  get rowCapacity(): number {
    return this.values.length;
  }

  private readonly scratch = new Uint32Array(2);

  /** Where `need` contiguous rows fit without touching a slot still in the ring, or -1. */
  private room(need: number): number {
    const size = this.values.length;
    if (this.count === 0) {
      this.rowHead = 0;
      return need <= size ? 0 : -1;
    }
    const tail = this.tail();
    const first = this.start[tail]!;
    const head = this.rowHead;
    if (head > first) {
      // Occupied [first, head): free after head, or from 0 up to first.
      if (size - head >= need) return head;
      return first >= need ? 0 : -1;
    }
    // Wrapped (occupied [first, size) and [0, head)); head === first means full.
    return first - head >= need ? head : -1;
  }

  /** Doubles the row ring (at least `need` more), the slots in the ring copied in order from position 0. */
  private grow(need: number): void {
    // ×1.5, not ×2: a full store at batch 32 needs 3.2M rows, and doubling from 100,000 would land on 6.4M.
    const size = Math.min(Math.max(Math.ceil(this.values.length * 1.5), need), Math.max(this.maxRows, need));
    const values = new Float64Array(size);
    const taken = new Uint8Array(size);
    let at = 0;
    for (
      let k = 0, slot = this.tail();
      k < this.count;
      k += 1, slot = slot + 1 === this.capacity ? 0 : slot + 1
    ) {
      const from = this.start[slot]!;
      const n = this.reserved[slot]!;
      values.set(this.values.subarray(from, from + n), at);
      taken.set(this.taken.subarray(from, from + n), at);
      this.start[slot] = at;
      at += n;
    }
    this.values = values;
    this.taken = taken;
    this.rowHead = at;
  }

  private tail(): number {
    const tail = this.head - this.count;
    return tail < 0 ? tail + this.capacity : tail;
  }

  /** Drops the oldest slot from the ring; a live one counts as evicted. */
  private evictOldest(): void {
    const slot = this.tail();
    if (this.live[slot]) {
      this.unlink(this.find(this.hashA[slot]!, this.hashB[slot]!, this.idLength[slot]!));
      this.evicted += 1;
    }
    this.other[slot] = undefined;
    this.count -= 1;
  }

  private versionIndex(version: string): number {
    if (version === this.lastVersion && this.lastVersionIndex >= 0) return this.lastVersionIndex;
    let index = this.versionNames.indexOf(version);
    if (index < 0) {
      // Versions of one model served over the store's life: a handful, so a linear search is enough.
      index = this.versionNames.push(version) - 1;
    }
    this.lastVersion = version;
    this.lastVersionIndex = index;
    return index;
  }

  /** The table index holding this key, or -1. */
  private find(a: number, b: number, length: number): number {
    const table = this.table;
    const mask = this.mask;
    for (let i = a & mask; ; i = (i + 1) & mask) {
      const entry = table[i]!;
      if (entry === 0) return -1;
      const slot = entry - 1;
      if (this.hashA[slot] === a && this.hashB[slot] === b && this.idLength[slot] === length) return i;
    }
  }

  private insert(slot: number): void {
    const table = this.table;
    const mask = this.mask;
    let i = this.hashA[slot]! & mask;
    while (table[i] !== 0) i = (i + 1) & mask;
    table[i] = slot + 1;
    this.live[slot] = 1;
    this.liveCount += 1;
  }

  /** Removes the table entry at `index` by shifting its probe run back (linear probing keeps no tombstones). */
  private unlink(index: number): void {
    const table = this.table;
    const mask = this.mask;
    const slot = table[index]! - 1;
    this.live[slot] = 0;
    this.liveCount -= 1;
    this.other[slot] = undefined;
    let hole = index;
    for (let j = (index + 1) & mask; table[j] !== 0; j = (j + 1) & mask) {
      const home = this.hashA[table[j]! - 1]! & mask;
      // The entry at j may move back to the hole only if its home is not in (hole, j] (cyclically).
      const between = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (!between) {
        table[hole] = table[j]!;
        hole = j;
      }
    }
    table[hole] = 0;
  }
}

/** Two 32-bit hashes of `s[0, length)` (FNV-1a and a multiply-xorshift, each finalised with murmur3's fmix32). */
function hashInto(s: string, length: number, out: Uint32Array): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ length;
  for (let i = 0; i < length; i += 1) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  out[0] = fmix32(a);
  out[1] = fmix32(b);
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
