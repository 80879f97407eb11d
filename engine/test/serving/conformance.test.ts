import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as ort from "onnxruntime-node";
import {
  contracts,
  fixtureBytes,
  get,
  modelSpec,
  post,
  single,
  startServing,
  type Running,
} from "./helpers.js";

let server: Running;
const env = {
  name: "test",
  models: {
    mixed: single(modelSpec("mixed", "1.0.0", "mixed.onnx", contracts.mixed)),
    affine: {
      versions: [
        modelSpec("affine", "1.0.0", "affine_1.onnx", contracts.affine),
        modelSpec("affine", "2.0.0", "affine_2.onnx", contracts.affine),
      ],
      traffic: [
        { version: "1.0.0", weight: 100 },
        { version: "2.0.0", weight: 0, role: "canary" as const },
      ],
    },
  },
};

beforeAll(async () => {
  server = await startServing(env);
});
afterAll(async () => {
  await server.close();
});

describe("Open Inference Protocol endpoints", () => {
  test("health: live and ready answer 200 with an empty body", async () => {
    for (const path of ["/v2/health/live", "/v2/health/ready"]) {
      const res = await fetch(server.url + path);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe("");
    }
  });

  test("server metadata names the server, its version and the binary extension", async () => {
    const res = await get(`${server.url}/v2`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: "modelgate",
      version: expect.any(String),
      extensions: ["binary_tensor_data"],
    });
  });

  test("model metadata lists versions, platform and tensors", async () => {
    const res = await get(`${server.url}/v2/models/mixed`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: "mixed",
      versions: ["1.0.0"],
      platform: "onnx_onnxv1",
      inputs: [
        { name: "amount", datatype: "FP32", shape: [-1, 1] },
        { name: "store_format", datatype: "BYTES", shape: [-1, 1] },
      ],
      outputs: [
        { name: "score", datatype: "FP32", shape: [-1, 1] },
        { name: "label", datatype: "INT64", shape: [-1] },
      ],
    });
    const versioned = await get(`${server.url}/v2/models/affine/versions/2.0.0`);
    expect(versioned.body).toMatchObject({ name: "affine", versions: ["2.0.0"], platform: "onnx_onnxv1" });
    expect((await get(`${server.url}/v2/models/affine`)).body?.versions).toEqual(["1.0.0", "2.0.0"]);
  });

  test("model and version readiness; unknown model or version is 404 with {error}", async () => {
    expect((await fetch(`${server.url}/v2/models/mixed/ready`)).status).toBe(200);
    expect((await fetch(`${server.url}/v2/models/affine/versions/2.0.0/ready`)).status).toBe(200);
    const unknown = await get(`${server.url}/v2/models/nope`);
    expect(unknown.status).toBe(404);
    expect(unknown.body?.error).toMatch(/unknown model 'nope'/);
    expect((await get(`${server.url}/v2/models/affine/versions/9.9.9/ready`)).status).toBe(404);
    const infer = await post(`${server.url}/v2/models/affine/versions/9.9.9/infer`, { inputs: [] });
    expect(infer.status).toBe(404);
    expect(infer.body.error).toMatch(/no version '9.9.9'/);
    expect((await post(`${server.url}/v2/models/nope/infer`, { inputs: [] })).status).toBe(404);
  });

  test("infer echoes id, names the version, returns all outputs equal to a direct ORT session", async () => {
    const amounts = [10, 60, 2000, 0.5];
    const formats = ["mall", "street", "outlet", "street"];
    const res = await post(`${server.url}/v2/models/mixed/infer`, {
      id: "req-1",
      inputs: [
        { name: "amount", datatype: "FP32", shape: [4, 1], data: amounts.map((a) => [a]) },
        { name: "store_format", datatype: "BYTES", shape: [4, 1], data: formats },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-modelgate-model-version")).toBe("1.0.0");
    expect(res.body).toMatchObject({ model_name: "mixed", model_version: "1.0.0", id: "req-1" });
    const session = await ort.InferenceSession.create(fixtureBytes("mixed.onnx"));
    const direct = await session.run({
      amount: new ort.Tensor("float32", Float32Array.from(amounts), [4, 1]),
      store_format: new ort.Tensor("string", formats, [4, 1]),
    });
    await session.release();
    const outputs = res.body.outputs as { name: string; datatype: string; shape: number[]; data: number[] }[];
    expect(outputs.map((o) => o.name)).toEqual(["score", "label"]);
    expect(outputs[0]).toEqual({
      name: "score",
      datatype: "FP32",
      shape: [4, 1],
      data: Array.from(direct.score!.data as Float32Array),
    });
    expect(outputs[1]).toEqual({
      name: "label",
      datatype: "INT64",
      shape: [4],
      data: Array.from(direct.label!.data as BigInt64Array, Number),
    });
    expect(outputs[0]!.data).toEqual([10, 120, 6000, 1]);
  });

  test("requested outputs only; explicit version bypasses the router", async () => {
    const res = await post(`${server.url}/v2/models/mixed/infer`, {
      inputs: [
        { name: "amount", datatype: "FP32", shape: [1, 1], data: [60] },
        { name: "store_format", datatype: "BYTES", shape: [1, 1], data: ["street"] },
      ],
      outputs: [{ name: "label" }],
    });
    expect(res.body.outputs).toEqual([{ name: "label", datatype: "INT64", shape: [1], data: [1] }]);
    expect(res.body.id).toBeUndefined();
    const v2 = await post(`${server.url}/v2/models/affine/versions/2.0.0/infer`, {
      inputs: [{ name: "x", datatype: "FP32", shape: [1, 1], data: [1] }],
    });
    expect(v2.body).toMatchObject({ model_version: "2.0.0", outputs: [{ name: "y", data: [3] }] });
    const routed = await post(`${server.url}/v2/models/affine/infer`, {
      inputs: [{ name: "x", datatype: "FP32", shape: [1, 1], data: [1] }],
    });
    expect(routed.body).toMatchObject({ model_version: "1.0.0", outputs: [{ name: "y", data: [2] }] });
  });

  test("metrics endpoint exposes the serving metrics", async () => {
    const res = await fetch(`${server.url}/metrics`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toMatch(
      /modelgate_inference_requests_total\{model="mixed",version="1.0.0",status="200"\} [1-9]/,
    );
    for (const name of [
      "modelgate_inference_duration_seconds_bucket",
      "modelgate_batch_size_bucket",
      "modelgate_queue_depth",
      "modelgate_model_load_duration_seconds_bucket",
    ]) {
      expect(text).toContain(name);
    }
  });
});
