import { afterAll, beforeAll, expect, test } from "vitest";
import { ModelLoadError, type ServingEnvironmentSpec } from "../../src/serving/index.js";
import { affineInput, contracts, modelSpec, post, single, startServing, type Running } from "./helpers.js";

const v1 = modelSpec("affine", "1.0.0", "affine_1.onnx", contracts.affine);
const v2 = modelSpec("affine", "2.0.0", "affine_2.onnx", contracts.affine);
const v3 = modelSpec("affine", "3.0.0", "affine_3.onnx", contracts.affine);
const envWith = (spec: typeof v1): ServingEnvironmentSpec => ({
  name: "prod",
  models: { affine: single(spec) },
});

let server: Running;
beforeAll(async () => {
  server = await startServing(envWith(v1), { workers: 2 });
});
afterAll(() => server.close());

test("hot swap under load: zero failed requests, each answer consistent with its version", async () => {
  let stop = false;
  const failures: string[] = [];
  const seen = new Set<string>();
  let requests = 0;
  const client = async (): Promise<void> => {
    while (!stop) {
      const x = requests++ % 7;
      const res = await post(`${server.url}/v2/models/affine/infer`, affineInput([x]));
      if (res.status !== 200) {
        failures.push(`${res.status} ${JSON.stringify(res.body)}`);
        continue;
      }
      const version = res.body.model_version as string;
      seen.add(version);
      const y = (res.body.outputs as { data: number[] }[])[0]!.data[0];
      if (y !== x + Number(version[0])) failures.push(`version ${version} answered ${y} for ${x}`);
    }
  };
  const clients = Array.from({ length: 4 }, () => client());
  for (const spec of [v2, v3, v1, v2, v3, v1]) {
    await new Promise((r) => setTimeout(r, 30));
    const report = await server.serving.applyEnvironment(envWith(spec));
    expect(report.loaded).toHaveLength(1);
    expect(report.released).toHaveLength(1);
    // after the swap resolves, every new request is answered by the new version
    const res = await post(`${server.url}/v2/models/affine/infer`, affineInput([0]));
    expect(res.body.model_version).toBe(spec.version);
  }
  stop = true;
  await Promise.all(clients);
  expect(failures).toEqual([]);
  expect(seen).toEqual(new Set(["1.0.0", "2.0.0", "3.0.0"]));
  expect(requests).toBeGreaterThan(50);
});

test("a version that fails to load leaves the previous one serving", async () => {
  await server.serving.applyEnvironment(envWith(v1));
  const tampered = { ...v2, artifact: { ...v2.artifact, sha256: "0".repeat(64) } };
  await expect(server.serving.applyEnvironment(envWith(tampered))).rejects.toMatchObject({
    name: "ModelLoadError",
    reason: "ArtifactChecksumMismatch",
  });
  const wrongType = {
    ...v2,
    contract: { ...contracts.affine, inputs: [{ name: "x", datatype: "INT64" as const, shape: [-1, 1] }] },
  };
  const error = await server.serving.applyEnvironment(envWith(wrongType)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ModelLoadError);
  expect((error as ModelLoadError).reason).toBe("SignatureMismatch");
  expect((error as Error).message).toMatch(/input 'x' is FP32 in the model, the contract says INT64/);
  const missingOutput = {
    ...v2,
    contract: { ...contracts.affine, outputs: [{ name: "z", datatype: "FP32" as const, shape: [-1, 1] }] },
  };
  await expect(server.serving.applyEnvironment(envWith(missingOutput))).rejects.toThrow(
    /the model has no output 'z'/,
  );
  const notOnnx = {
    ...v2,
    artifact: {
      bytes: Buffer.from("not onnx"),
      sha256: "0b2b3d39e7d9b2c4bd1cc0a6e4b9c3b9d8e8b1b0a0d5f8e6f0a5b6c1d2e3f4a5",
    },
  };
  await expect(server.serving.applyEnvironment(envWith(notOnnx))).rejects.toMatchObject({
    reason: "ArtifactChecksumMismatch",
  });
  const res = await post(`${server.url}/v2/models/affine/infer`, affineInput([1]));
  expect(res.body.model_version).toBe("1.0.0");
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  expect(metrics).toMatch(
    /modelgate_model_load_failures_total\{model="affine",version="2.0.0",reason="SignatureMismatch"\} 2/,
  );
});

test("repeated swaps release sessions: RSS stays flat", async () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  const swap = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) await server.serving.applyEnvironment(envWith(i % 2 === 0 ? v2 : v3));
  };
  await swap(10); // settle allocator pools
  gc?.();
  const before = process.memoryUsage().rss;
  await swap(40);
  gc?.();
  const growth = (process.memoryUsage().rss - before) / 1024 / 1024;
  // 40 load/release cycles of a session in 2 workers; leaking them would grow far beyond this
  expect(growth).toBeLessThan(40);
  expect(server.serving.routing.loadedVersions().size).toBe(1);
});
