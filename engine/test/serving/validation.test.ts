import { afterAll, beforeAll, expect, test } from "vitest";
import type { Contract } from "../../src/registry/types.js";
import { contracts, modelSpec, post, single, startServing, type Running } from "./helpers.js";

// A stricter contract for the same model: NaN allowed only where nullable.
const strict: Contract = {
  ...contracts.mixed,
  inputs: [{ ...contracts.mixed.inputs[0]!, nullable: false }, contracts.mixed.inputs[1]!],
};
const nullable: Contract = {
  ...contracts.mixed,
  inputs: [{ ...contracts.mixed.inputs[0]!, nullable: true }, contracts.mixed.inputs[1]!],
};

let server: Running;
beforeAll(async () => {
  server = await startServing({
    name: "t",
    models: {
      strict: single(modelSpec("strict", "1", "mixed.onnx", strict)),
      lenient: single(modelSpec("lenient", "1", "mixed.onnx", strict), { validation: "log" }),
      nullable: single(modelSpec("nullable", "1", "mixed.onnx", nullable)),
    },
  });
});
afterAll(() => server.close());

function body(amounts: unknown[], formats: unknown[], extra: object = {}): unknown {
  return {
    inputs: [
      { name: "amount", datatype: "FP32", shape: [amounts.length, 1], data: amounts },
      { name: "store_format", datatype: "BYTES", shape: [formats.length, 1], data: formats },
    ],
    ...extra,
  };
}

test("range and category violations are 400s with one message per field", async () => {
  const res = await post(
    `${server.url}/v2/models/strict/infer`,
    body([10, -1, 6000], ["mall", "kiosk", "street"]),
  );
  expect(res.status).toBe(400);
  expect(res.body.details).toEqual([
    { field: "amount", reason: "range", message: "input 'amount': element 1 = -1 is outside [0, 5000]" },
    { field: "amount", reason: "range", message: "input 'amount': element 2 = 6000 is outside [0, 5000]" },
    {
      field: "store_format",
      reason: "category",
      message: "input 'store_format': element 1 'kiosk' is not one of the categories [mall, street, outlet]",
    },
  ]);
  expect(res.body.error).toMatch(/^request does not match the contract of strict@1: input 'amount'/);
});

test("missing, unknown, wrong datatype and wrong shape inputs each name the field", async () => {
  const missing = await post(`${server.url}/v2/models/strict/infer`, {
    inputs: [{ name: "amount", datatype: "FP32", shape: [1, 1], data: [1] }],
  });
  expect(missing.status).toBe(400);
  expect(missing.body.details).toEqual([
    expect.objectContaining({ field: "store_format", reason: "missing" }),
  ]);

  const unknown = await post(`${server.url}/v2/models/strict/infer`, {
    inputs: [
      ...(body([1], ["mall"]) as { inputs: unknown[] }).inputs,
      { name: "extra", datatype: "FP32", shape: [1], data: [1] },
    ],
  });
  expect(unknown.status).toBe(400);
  expect(unknown.body.error).toMatch(/unknown input 'extra' \(the model takes: amount, store_format\)/);

  const datatype = await post(`${server.url}/v2/models/strict/infer`, {
    inputs: [
      { name: "amount", datatype: "FP64", shape: [1, 1], data: [1] },
      { name: "store_format", datatype: "BYTES", shape: [1, 1], data: ["mall"] },
    ],
  });
  expect(datatype.status).toBe(400);
  expect(datatype.body.error).toMatch(/input 'amount': datatype must be FP32 \(got FP64\)/);

  const shape = await post(`${server.url}/v2/models/strict/infer`, {
    inputs: [
      { name: "amount", datatype: "FP32", shape: [1, 2], data: [1, 2] },
      { name: "store_format", datatype: "BYTES", shape: [1, 1], data: ["mall"] },
    ],
  });
  expect(shape.status).toBe(400);
  expect(shape.body.error).toMatch(/input 'amount': dimension 1 is 2, the contract's shape \[-1,1\] needs 1/);

  const length = await post(`${server.url}/v2/models/strict/infer`, {
    inputs: [
      { name: "amount", datatype: "FP32", shape: [2, 1], data: [1, 2, 3] },
      { name: "store_format", datatype: "BYTES", shape: [2, 1], data: ["mall", "mall"] },
    ],
  });
  expect(length.status).toBe(400);
  expect(length.body.error).toMatch(/input 'amount': data has 3 elements but shape \[2,1\] needs 2/);

  const rows = await post(`${server.url}/v2/models/strict/infer`, {
    inputs: [
      { name: "amount", datatype: "FP32", shape: [2, 1], data: [1, 2] },
      { name: "store_format", datatype: "BYTES", shape: [1, 1], data: ["mall"] },
    ],
  });
  expect(rows.status).toBe(400);
  expect(rows.body.error).toMatch(/disagree on the batch size/);
});

test("NaN and Infinity (as Python's json writes them) are refused unless the field is nullable", async () => {
  const raw =
    '{"inputs":[{"name":"amount","datatype":"FP32","shape":[3,1],"data":[NaN, Infinity, -Infinity]},{"name":"store_format","datatype":"BYTES","shape":[3,1],"data":["mall","mall","NaN"]}]}';
  const res = await post(`${server.url}/v2/models/strict/infer`, raw);
  expect(res.status).toBe(400);
  const details = res.body.details as { field: string; reason: string; message: string }[];
  expect(details.map((d) => [d.field, d.reason])).toEqual([
    ["amount", "non_finite"],
    ["amount", "non_finite"],
    ["amount", "non_finite"],
    ["store_format", "category"],
  ]);
  // nullable: null and NaN mean "missing" and pass; Infinity still does not
  const ok = await post(
    `${server.url}/v2/models/nullable/infer`,
    '{"inputs":[{"name":"amount","datatype":"FP32","shape":[2,1],"data":[null, NaN]},{"name":"store_format","datatype":"BYTES","shape":[2,1],"data":["mall","mall"]}]}',
  );
  expect(ok.status).toBe(200);
  expect((ok.body.outputs as { data: unknown[] }[])[0]!.data).toEqual([null, null]);
  const inf = await post(
    `${server.url}/v2/models/nullable/infer`,
    '{"inputs":[{"name":"amount","datatype":"FP32","shape":[1,1],"data":[Infinity]},{"name":"store_format","datatype":"BYTES","shape":[1,1],"data":["mall"]}]}',
  );
  expect(inf.status).toBe(400);
  const nulls = await post(`${server.url}/v2/models/strict/infer`, body([null], ["mall"]));
  expect(nulls.status).toBe(400);
  expect(nulls.body.details).toEqual([expect.objectContaining({ field: "amount", reason: "null" })]);
});

test("log mode passes contract violations and counts them; structural problems are still 400", async () => {
  const res = await post(`${server.url}/v2/models/lenient/infer`, body([-5, 7000], ["kiosk", "mall"]));
  expect(res.status).toBe(200);
  expect((res.body.outputs as { data: number[] }[])[0]!.data).toEqual([0, 7000]); // unknown category -> factor 0
  const structural = await post(`${server.url}/v2/models/lenient/infer`, body(["x"], ["mall"]));
  expect(structural.status).toBe(400);
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  expect(metrics).toContain(
    'modelgate_validation_failures_total{model="lenient",version="1",field="amount",reason="range",mode="log"} 2',
  );
  expect(metrics).toContain(
    'modelgate_validation_failures_total{model="lenient",version="1",field="store_format",reason="category",mode="log"} 1',
  );
  expect(metrics).toContain(
    'modelgate_validation_failures_total{model="lenient",version="1",field="amount",reason="type",mode="log"} 1',
  );
});
