import { describe, expect, it } from "vitest";
import { PredictionStore } from "../../../src/monitor/runtime/prediction-store.js";
import type { WireTensor } from "../../../src/serving/index.js";
import { seededRandom } from "../random.js";
import { ReferencePredictionStore } from "./reference-prediction-store.js";

const numbers = (values: number[], width = 1): WireTensor => ({
  datatype: "FP32",
  dims: [values.length / width, width],
  data: Float32Array.from(values),
});
const labels = (values: string[]): WireTensor => ({
  datatype: "BYTES",
  dims: [values.length, 1],
  data: values,
});

describe("PredictionStore (ids hashed into typed arrays)", () => {
  it("answers like the Map-based reference on random sequences of records and feedback", () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const random = seededRandom(seed);
      const pick = (n: number) => Math.floor(random.uniform() * n);
      const capacity = 1 + pick(40);
      const ttl = 50 + pick(200);
      const store = new PredictionStore(capacity, ttl);
      const reference = new ReferencePredictionStore(capacity, ttl);
      const ids = Array.from({ length: capacity * 2 }, (_, i) => (i % 7 === 0 ? `x#${i}` : `id-${i}`));
      let t = 0;
      for (let step = 0; step < 3000; step += 1) {
        t += pick(5);
        if (random.uniform() < 0.55) {
          const id = ids[pick(ids.length)]!;
          const rows = pick(3) === 0 ? 1 + pick(6) : 1;
          const kind = pick(4);
          const width = 1 + pick(3);
          const tensor =
            kind === 0
              ? labels(Array.from({ length: rows }, () => `l${pick(9)}`))
              : numbers(
                  Array.from({ length: rows * width }, () => pick(1000) / 8),
                  width,
                );
          const column = pick(3);
          const version = `1.${pick(3)}.0`;
          store.record(id, version, tensor, column, rows, t);
          reference.record(id, version, tensor, column, rows, t);
        } else {
          const id = ids[pick(ids.length)]!;
          const key = pick(2) === 0 ? id : `${id}#${pick(7) - 1}`;
          expect(store.take(key, t), `seed ${seed} step ${step} take ${key}`).toEqual(reference.take(key, t));
        }
        expect(store.size).toBe(reference.size);
        expect(store.evicted).toBe(reference.evicted);
      }
    }
  });

  it("evicts the oldest request first, and a request recorded again only under its latest slot", () => {
    const store = new PredictionStore(3, 1000);
    store.record("a", "1", numbers([1]), 0, 1, 0);
    store.record("b", "1", numbers([2]), 0, 1, 0);
    store.record("a", "1", numbers([3]), 0, 1, 0); // a again: its first slot is dead, not evicted later
    store.record("c", "1", numbers([4]), 0, 1, 0); // takes a's dead slot: nothing evicted
    expect(store.evicted).toBe(0);
    store.record("d", "1", numbers([5]), 0, 1, 0); // the oldest live one, b, goes
    expect(store.evicted).toBe(1);
    expect(store.take("b", 1)).toBeUndefined();
    expect(store.take("a", 1)).toEqual({ version: "1", prediction: 3 });
    expect(store.take("c", 1)).toEqual({ version: "1", prediction: 4 });
    expect(store.size).toBe(1);
  });

  it("forgets a prediction older than the window when feedback asks for it", () => {
    const store = new PredictionStore(10, 100);
    store.record("a", "1", numbers([1, 2]), 0, 2, 0);
    store.record("b", "1", numbers([3]), 0, 1, 50);
    expect(store.take("a#0", 100)).toEqual({ version: "1", prediction: 1 }); // exactly the window: kept
    expect(store.take("a#1", 101)).toBeUndefined();
    expect(store.take("a#1", 0)).toBeUndefined(); // gone, not just late
    expect(store.take("b", 150)).toEqual({ version: "1", prediction: 3 });
    expect(store.size).toBe(0);
  });

  it("keeps its memory bounded: slots by count, rows by maxRows, old batches evicted to make room", () => {
    const store = new PredictionStore(100, 1e9, { maxRows: 1000 });
    for (let i = 0; i < 10_000; i += 1) {
      const rows = 1 + (i % 32);
      store.record(`r${i}`, "1", numbers(Array.from({ length: rows }, (_, r) => i + r)), 0, rows, i);
      expect(store.size).toBeLessThanOrEqual(100);
      expect(store.rowCapacity).toBeLessThanOrEqual(1000);
    }
    // The newest requests are still there whole, the oldest are not.
    expect(store.take("r9999#15", 1)).toEqual({ version: "1", prediction: 9999 + 15 });
    expect(store.take("r9998#14", 1)).toEqual({ version: "1", prediction: 9998 + 14 });
    expect(store.take("r0", 1)).toBeUndefined();
    expect(store.size).toBeGreaterThan(20); // ~1000 rows / 16.5 average, the rest evicted
    expect(store.size + store.evicted).toBe(10_000); // every request pending or evicted (none fully taken)
  });

  it("holds 100,000 pending ids in typed arrays: no per-request heap growth once full", () => {
    const store = new PredictionStore(100_000, 1e9);
    const one = numbers([1]);
    for (let i = 0; i < 100_000; i += 1) store.record(`warm-${i}`, "1", one, 0, 1, i);
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 200_000; i += 1) store.record(`bench-${i}`, "1", one, 0, 1, i);
    globalThis.gc?.();
    expect(store.size).toBe(100_000);
    expect(store.evicted).toBe(200_000);
    expect(store.take("bench-199999", 1)).toEqual({ version: "1", prediction: 1 });
    expect(store.take("bench-99999", 1)).toBeUndefined();
    // Without gc exposed the figure includes garbage (the id strings made here), so only a loose bound.
    if (globalThis.gc) expect(process.memoryUsage().heapUsed - before).toBeLessThan(2e6);
  });
});
