import { afterAll, beforeAll, expect, test } from "vitest";
import { affineInput, contracts, modelSpec, post, single, startServing, type Running } from "./helpers.js";

let server: Running;
beforeAll(async () => {
  server = await startServing({
    name: "t",
    models: {
      affine: single(modelSpec("affine", "1", "affine_1.onnx", contracts.affine), {
        batching: { maxBatchSize: 16, maxQueueDelayMs: 25 },
      }),
      mixed: single(modelSpec("mixed", "1", "mixed.onnx", contracts.mixed), {
        batching: { maxBatchSize: 4, maxQueueDelayMs: 25 },
      }),
    },
  });
});
afterAll(() => server.close());

async function histogram(model: string): Promise<{ count: number; sum: number }> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const count = Number(
    new RegExp(`modelgate_batch_size_count\\{model="${model}",version="1"\\} (\\d+)`).exec(text)?.[1] ?? 0,
  );
  const sum = Number(
    new RegExp(`modelgate_batch_size_sum\\{model="${model}",version="1"\\} (\\d+)`).exec(text)?.[1] ?? 0,
  );
  return { count, sum };
}

test("concurrent requests are merged into fewer runs and each gets its own rows back", async () => {
  const inputs = Array.from({ length: 10 }, (_, i) => (i % 3 === 0 ? [i, i + 0.5] : [i]));
  const responses = await Promise.all(
    inputs.map((x) => post(`${server.url}/v2/models/affine/infer`, affineInput(x))),
  );
  responses.forEach((res, i) => {
    expect(res.status).toBe(200);
    expect(res.body.outputs).toEqual([
      { name: "y", datatype: "FP32", shape: [inputs[i]!.length, 1], data: inputs[i]!.map((v) => v + 1) },
    ]);
  });
  const h = await histogram("affine");
  expect(h.sum).toBe(inputs.flat().length);
  expect(h.count).toBeLessThan(inputs.length);
});

test("batches respect max_batch_size and mixed string inputs split back correctly", async () => {
  const formats = ["mall", "street", "outlet"];
  const responses = await Promise.all(
    Array.from({ length: 9 }, (_, i) =>
      post(`${server.url}/v2/models/mixed/infer`, {
        inputs: [
          { name: "amount", datatype: "FP32", shape: [1, 1], data: [i * 10] },
          { name: "store_format", datatype: "BYTES", shape: [1, 1], data: [formats[i % 3]] },
        ],
      }),
    ),
  );
  responses.forEach((res, i) => {
    const score = i * 10 * ((i % 3) + 1);
    expect(res.body.outputs).toEqual([
      { name: "score", datatype: "FP32", shape: [1, 1], data: [score] },
      { name: "label", datatype: "INT64", shape: [1], data: [score > 100 ? 1 : 0] },
    ]);
  });
  const h = await histogram("mixed");
  expect(h.sum).toBe(9);
  expect(h.count).toBeGreaterThanOrEqual(3); // at most 4 rows per run
  expect(h.count).toBeLessThan(9);
});

test("binary outputs of merged requests carry each request's own rows", async () => {
  // Outputs are split into views of the merged run's buffer: a request that is not first in its batch
  // has a view at an offset, and the binary encoding must start there.
  const inputs = [[1], [2, 3], [4], [5, 6, 7]];
  const before = await histogram("affine");
  const responses = await Promise.all(
    inputs.map(async (x) => {
      const res = await fetch(`${server.url}/v2/models/affine/infer`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          inputs: [{ name: "x", datatype: "FP32", shape: [x.length, 1], data: x }],
          outputs: [{ name: "y", parameters: { binary_data: true } }],
        }),
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      const headerLength = Number(res.headers.get("inference-header-content-length"));
      const header = JSON.parse(bytes.subarray(0, headerLength).toString()) as {
        outputs: { shape: number[]; parameters: { binary_data_size: number } }[];
      };
      const data = bytes.subarray(headerLength);
      return {
        status: res.status,
        shape: header.outputs[0]!.shape,
        size: header.outputs[0]!.parameters.binary_data_size,
        values: Array.from(
          new Float32Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length)),
        ),
      };
    }),
  );
  responses.forEach((r, i) => {
    expect(r).toEqual({
      status: 200,
      shape: [inputs[i]!.length, 1],
      size: inputs[i]!.length * 4,
      values: inputs[i]!.map((v) => v + 1),
    });
  });
  const after = await histogram("affine");
  expect(after.sum - before.sum).toBe(7);
  expect(after.count - before.count).toBeLessThan(inputs.length); // they were merged
});
