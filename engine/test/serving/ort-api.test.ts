import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { allocate, type WireTensor } from "../../src/serving/tensors.js";
import { InferenceError, WorkerPool } from "../../src/serving/worker-pool.js";
import { fixtureBytes, typeNames } from "./helpers.js";

// The workers call onnxruntime-node's native binding directly (no promise, no setImmediate hop per
// run). These tests hold that path to the public InferenceSession API it replaces: same signatures,
// same outputs, same errors, on real sessions in real worker threads.

const template = join(import.meta.dirname, "../../../registry-repo-template");
const models: Record<string, Buffer> = {
  types: fixtureBytes("types.onnx"),
  mixed: fixtureBytes("mixed.onnx"),
  stockout: readFileSync(join(template, "artifacts/stockout-risk/1.0.0/model.onnx")),
};

let native: WorkerPool;
let publicApi: WorkerPool;
beforeAll(async () => {
  native = new WorkerPool({ size: 1 });
  publicApi = new WorkerPool({ size: 1, ortApi: "public" });
  for (const pool of [native, publicApi])
    for (const [key, bytes] of Object.entries(models)) await pool.load(key, bytes);
});
afterAll(async () => {
  await native.close();
  await publicApi.close();
});

/** What a run gave, comparable with toEqual (typed arrays as plain arrays, keyed by output name). */
async function outcome(
  pool: WorkerPool,
  key: string,
  feeds: () => Record<string, WireTensor>,
  fetches: string[] | null = null,
): Promise<unknown> {
  try {
    const out = await pool.run(key, feeds(), fetches);
    return Object.fromEntries(
      Object.entries(out)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, t]) => [
          name,
          { datatype: t.datatype, dims: t.dims, data: Array.from(t.data as ArrayLike<unknown>) },
        ]),
    );
  } catch (error) {
    return { error: (error as Error).name, message: (error as Error).message.split("\n")[0] };
  }
}

async function same(key: string, feeds: () => Record<string, WireTensor>, fetches: string[] | null = null) {
  const a = await outcome(native, key, feeds, fetches);
  const b = await outcome(publicApi, key, feeds, fetches);
  expect(a).toEqual(b);
  return a;
}

describe("workers on onnxruntime-node's native binding", () => {
  test("are what the pinned onnxruntime-node gives (an upgrade that moves the binding shows here)", () => {
    expect(native.ortApi).toBe("native");
    expect(publicApi.ortApi).toBe("public");
  });

  test("report the same session signatures as the public API", async () => {
    for (const [key, bytes] of Object.entries(models)) {
      const probe = new WorkerPool({ size: 1 });
      const probePublic = new WorkerPool({ size: 1, ortApi: "public" });
      try {
        expect(await probe.load(key, bytes), key).toEqual(await probePublic.load(key, bytes));
      } finally {
        await probe.close();
        await probePublic.close();
      }
    }
  });

  test("give the public API's outputs for every V2 datatype (property)", async () => {
    const column = fc.integer({ min: 1, max: 5 });
    await fc.assert(
      fc.asyncProperty(column, fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (rows, seed) => {
        const feeds = (): Record<string, WireTensor> => {
          let x = seed;
          const next = (): number => (x = (x * 1103515245 + 12345) % 2 ** 31);
          const out: Record<string, WireTensor> = {};
          for (const [name, datatype] of typeNames()) {
            const data = allocate(datatype, rows * 2);
            for (let i = 0; i < data.length; i++) {
              const v = next();
              if (Array.isArray(data)) data[i] = `s${v % 1000}`;
              else if (data instanceof BigInt64Array || data instanceof BigUint64Array) data[i] = BigInt(v);
              else if (datatype === "BOOL") data[i] = v % 2;
              else if (datatype === "FP16") data[i] = v % 0x7c00;
              else (data as Float64Array)[i] = datatype.startsWith("FP") ? (v - 2 ** 30) / 1024 : v;
            }
            out[name] = { datatype, dims: [rows, 2], data };
          }
          return out;
        };
        const result = await same("types", feeds);
        expect(result).not.toHaveProperty("error");
      }),
      { numRuns: 25 },
    );
  });

  test("give the public API's outputs for the template's stockout-risk, batches included", async () => {
    const names = ["on_hand_units", "avg_daily_units_7d", "open_order_units", "lead_time_days", "promo_flag"];
    const formats = ["outlet", "mall", "street", "unknown-format"];
    for (const rows of [1, 3, 32]) {
      const feeds = (): Record<string, WireTensor> => {
        const out: Record<string, WireTensor> = {};
        names.forEach((name, j) => {
          out[name] = {
            datatype: "FP32",
            dims: [rows, 1],
            data: Float32Array.from({ length: rows }, (_, i) => (i * 7 + j * 3) % 40),
          };
        });
        out.store_format = {
          datatype: "BYTES",
          dims: [rows, 1],
          data: Array.from({ length: rows }, (_, i) => formats[i % formats.length]!),
        };
        return out;
      };
      const result = (await same("stockout", feeds)) as Record<string, { dims: number[] }>;
      expect(result.probabilities!.dims).toEqual([rows, 2]);
      // a fetch list keeps only the outputs asked for
      expect(Object.keys((await same("stockout", feeds, ["label"])) as object)).toEqual(["label"]);
    }
  });

  test("refuse bytes that are not an ONNX model, and keep serving what they hold", async () => {
    const garbage = Buffer.from("this is not an ONNX model, although its sha256 may well match");
    for (const pool of [native, publicApi]) {
      const error = await pool.load("garbage", garbage).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InferenceError);
      expect((error as Error).message).toMatch(/protobuf|parsing|model/i);
      const out = await pool.run(
        "mixed",
        {
          amount: { datatype: "FP32", dims: [1, 1], data: Float32Array.from([5]) },
          store_format: { datatype: "BYTES", dims: [1, 1], data: ["mall"] },
        },
        null,
      );
      expect(out.score!.dims).toEqual([1, 1]);
    }
  });

  test("fail like the public API: a missing input, an unknown output, a wrong inner dimension", async () => {
    const good = (): Record<string, WireTensor> => ({
      amount: { datatype: "FP32", dims: [1, 1], data: Float32Array.from([5]) },
      store_format: { datatype: "BYTES", dims: [1, 1], data: ["mall"] },
    });
    expect(await same("mixed", good)).not.toHaveProperty("error");
    const missing = await same("mixed", () => ({ amount: good().amount! }));
    expect(missing).toEqual({
      error: InferenceError.name,
      message: "input 'store_format' is missing in 'feeds'.",
    });
    const unknown = await same("mixed", good, ["nope"]);
    expect(unknown).toEqual({
      error: InferenceError.name,
      message: "'fetches' contains invalid output name: nope.",
    });
    const wide = await same("mixed", () => ({
      ...good(),
      amount: { datatype: "FP32", dims: [1, 2], data: Float32Array.from([5, 6]) },
    }));
    expect(wide).toMatchObject({ error: InferenceError.name });
    // and the worker is still fine afterwards
    expect(await same("mixed", good)).not.toHaveProperty("error");
  });
});
