import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { WorkerPool } from "../../src/serving/worker-pool.js";
import { fixtureBytes } from "./helpers.js";

let pool: WorkerPool;
beforeAll(async () => {
  pool = new WorkerPool({ size: 1 });
  await pool.load("affine/1", fixtureBytes("affine_1.onnx"));
  await pool.load("affine/2", fixtureBytes("affine_2.onnx"));
});
afterAll(() => pool.close());

const feeds = (xs: number[]) => ({
  x: { datatype: "FP32" as const, dims: [xs.length, 1], data: Float32Array.from(xs) },
});

test("runs that ask to leave at once in the same microtask turn travel as one worker message", async () => {
  const post = vi.spyOn(Worker.prototype, "postMessage");
  try {
    // As two batchers do when one reply finishes both their runs: each starts its next run at once.
    const a = pool.run("affine/1", feeds([1, 2]), null, { flush: true });
    const b = pool.run("affine/2", feeds([3]), null, { flush: true });
    const [ra, rb] = await Promise.all([a, b]);
    expect(post).toHaveBeenCalledTimes(1);
    expect((post.mock.calls[0]![0] as unknown[]).length).toBe(2);
    expect(Array.from(ra.y!.data as Float32Array)).toEqual([2, 3]);
    expect(ra.y!.dims).toEqual([2, 1]);
    expect(Array.from(rb.y!.data as Float32Array)).toEqual([5]);
    // A run asked for later (another turn) is its own message again.
    const c = await pool.run("affine/1", feeds([0]), null, { flush: true });
    expect(post).toHaveBeenCalledTimes(2);
    expect(Array.from(c.y!.data as Float32Array)).toEqual([1]);
  } finally {
    post.mockRestore();
  }
});
