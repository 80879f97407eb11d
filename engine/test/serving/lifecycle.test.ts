import { expect, test } from "vitest";
import { defaultWorkerCount, OnnxRuntimeServing } from "../../src/serving/index.js";
import { affineInput, contracts, modelSpec, post, single, startServing } from "./helpers.js";

test("close() drains in-flight requests, then refuses new connections", async () => {
  const server = await startServing({
    name: "t",
    models: { slow: single(modelSpec("slow", "1", "slow.onnx", contracts.slow)) },
  });
  const inflight = Array.from({ length: 3 }, () =>
    post(`${server.url}/v2/models/slow/infer`, affineInput([0.5])),
  );
  // wait until all three are inside the server (queued for or running in the worker)
  const deadline = Date.now() + 10_000;
  while (server.serving.pool.queueDepth < 3 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 5));
  expect(server.serving.pool.queueDepth).toBe(3);
  const closing = server.close();
  const results = await Promise.all(inflight);
  expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
  await closing;
  await expect(fetch(`${server.url}/v2/health/live`)).rejects.toThrow();
});

test("the default pool leaves one core to the main thread, and never has fewer than one worker", () => {
  expect(defaultWorkerCount(1)).toBe(1);
  expect(defaultWorkerCount(2)).toBe(1);
  expect(defaultWorkerCount(8)).toBe(7);
  const serving = new OnnxRuntimeServing();
  try {
    expect(serving.pool.size).toBe(defaultWorkerCount());
  } finally {
    void serving.close();
  }
});

test("readiness is 503 until an environment is applied", async () => {
  const serving = new OnnxRuntimeServing({ workers: 1 });
  try {
    const { port } = await serving.listen(0);
    const url = `http://127.0.0.1:${port}`;
    expect((await fetch(`${url}/v2/health/live`)).status).toBe(200);
    expect((await fetch(`${url}/v2/health/ready`)).status).toBe(503);
    await serving.applyEnvironment({
      name: "t",
      models: { affine: single(modelSpec("affine", "1", "affine_1.onnx", contracts.affine)) },
    });
    expect((await fetch(`${url}/v2/health/ready`)).status).toBe(200);
  } finally {
    await serving.close();
  }
});

test("a worker that dies is replaced with its sessions; requests keep being answered", async () => {
  const server = await startServing(
    { name: "t", models: { affine: single(modelSpec("affine", "1", "affine_1.onnx", contracts.affine)) } },
    { workers: 2 },
  );
  try {
    const pool = server.serving.pool as unknown as { slots: { worker: { terminate(): Promise<number> } }[] };
    await pool.slots[0]!.worker.terminate();
    await pool.slots[1]!.worker.terminate();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => post(`${server.url}/v2/models/affine/infer`, affineInput([1]))),
    );
    // requests that raced the crash may get a 503; once the replacements have reloaded, all succeed
    for (const a of answers) expect([200, 503]).toContain(a.status);
    const deadline = Date.now() + 10_000;
    let last = 0;
    while (Date.now() < deadline) {
      last = (await post(`${server.url}/v2/models/affine/infer`, affineInput([1]))).status;
      if (last === 200) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(last).toBe(200);
    const again = await post(`${server.url}/v2/models/affine/infer`, affineInput([4]));
    expect((again.body.outputs as { data: number[] }[])[0]!.data).toEqual([5]);
  } finally {
    await server.close();
  }
});

test("re-applying a version with other intra-op threads swaps sessions without dropping it", async () => {
  const spec = modelSpec("affine", "1", "affine_1.onnx", contracts.affine);
  const server = await startServing({ name: "t", models: { affine: single(spec) } });
  try {
    const report = await server.serving.applyEnvironment({
      name: "t",
      models: { affine: single(spec, { intraOpThreads: 2 }) },
    });
    expect(report.loaded).toHaveLength(1);
    expect(report.released).toHaveLength(1);
    expect(report.loaded[0]).not.toBe(report.released[0]);
    const res = await post(`${server.url}/v2/models/affine/infer`, affineInput([2]));
    expect(res.status).toBe(200);
    expect((res.body.outputs as { data: number[] }[])[0]!.data).toEqual([3]);
  } finally {
    await server.close();
  }
});
