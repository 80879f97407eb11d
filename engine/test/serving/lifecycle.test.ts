import { expect, test } from "vitest";
import { OnnxRuntimeServing } from "../../src/serving/index.js";
import { affineInput, contracts, modelSpec, post, single, startServing } from "./helpers.js";

test("close() drains in-flight requests, then refuses new connections", async () => {
  const server = await startServing({
    name: "t",
    models: { slow: single(modelSpec("slow", "1", "slow.onnx", contracts.slow)) },
  });
  const inflight = Array.from({ length: 3 }, () =>
    post(`${server.url}/v2/models/slow/infer`, affineInput([0.5])),
  );
  await new Promise((r) => setTimeout(r, 30));
  const closing = server.close();
  const results = await Promise.all(inflight);
  expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
  await closing;
  await expect(fetch(`${server.url}/v2/health/live`)).rejects.toThrow();
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
