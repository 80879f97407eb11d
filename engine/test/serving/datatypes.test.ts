import { afterAll, beforeAll, expect, test } from "vitest";
import { contracts, modelSpec, post, single, startServing, typeNames, type Running } from "./helpers.js";

let server: Running;
beforeAll(async () => {
  server = await startServing({
    name: "t",
    models: { types: single(modelSpec("types", "1", "types.onnx", contracts.types)) },
  });
});
afterAll(() => server.close());

const values: Record<string, unknown[]> = {
  b: [true, false, false, true],
  i8: [-128, 127, 0, -1],
  i16: [-32768, 32767, 1, -2],
  i32: [-2147483648, 2147483647, 3, -4],
  i64: [-9007199254740991, 9007199254740991, 5, -6],
  u8: [0, 255, 7, 8],
  u16: [0, 65535, 9, 10],
  u32: [0, 4294967295, 11, 12],
  u64: [0, 9007199254740991, 13, 14],
  f16: [0.5, -2, 65504, 0.000060975551605224609],
  f32: [0.1, -3.5, 1e30, 0],
  f64: [0.1, -3.5, 1e300, Number.MIN_VALUE],
  s: ["a", "", "ünïcødé", "x y"],
};

function request(): unknown {
  return {
    inputs: typeNames().map(([name, datatype]) => ({ name, datatype, shape: [2, 2], data: values[name] })),
  };
}

test("every V2 datatype round-trips through ONNX Runtime as JSON", async () => {
  const res = await post(`${server.url}/v2/models/types/infer`, request());
  expect(res.status).toBe(200);
  const outputs = res.body.outputs as { name: string; datatype: string; shape: number[]; data: unknown[] }[];
  expect(outputs).toHaveLength(13);
  for (const [name, datatype] of typeNames()) {
    const out = outputs.find((o) => o.name === `${name}_out`)!;
    expect(out.datatype).toBe(datatype);
    expect(out.shape).toEqual([2, 2]);
    if (name === "f32") expect(out.data).toEqual(Array.from(Float32Array.from(values.f32 as number[])));
    else expect(out.data).toEqual(values[name]);
  }
});

test("binary tensor data extension: binary inputs and binary outputs", async () => {
  const json = Buffer.from(
    JSON.stringify({
      inputs: typeNames().map(([name, datatype]) => {
        if (name === "i32") return { name, datatype, shape: [2, 2], parameters: { binary_data_size: 16 } };
        if (name === "s")
          return { name, datatype, shape: [2, 2], parameters: { binary_data_size: 4 * 4 + 2 + 1 + 1 + 2 } };
        return { name, datatype, shape: [2, 2], data: values[name] };
      }),
      outputs: [
        { name: "i32_out", parameters: { binary_data: true } },
        { name: "s_out", parameters: { binary_data: true } },
        { name: "f64_out" },
      ],
    }),
  );
  const i32 = Buffer.from(Int32Array.from([1, -2, 3, 2147483647]).buffer);
  const strings = ["ab", "c", "d", "é"].map((s) => {
    const b = Buffer.from(s);
    const len = Buffer.alloc(4);
    len.writeUInt32LE(b.length);
    return Buffer.concat([len, b]);
  });
  const res = await fetch(`${server.url}/v2/models/types/infer`, {
    method: "POST",
    headers: {
      "content-type": "application/octet-stream",
      "inference-header-content-length": String(json.length),
    },
    body: Buffer.concat([json, i32, ...strings]),
  });
  expect(res.status).toBe(200);
  const body = Buffer.from(await res.arrayBuffer());
  const headerLength = Number(res.headers.get("inference-header-content-length"));
  const header = JSON.parse(body.subarray(0, headerLength).toString()) as {
    outputs: { name: string; parameters?: { binary_data_size: number }; data?: unknown }[];
  };
  expect(header.outputs.map((o) => o.name)).toEqual(["i32_out", "s_out", "f64_out"]);
  expect(header.outputs[0]!.parameters?.binary_data_size).toBe(16);
  expect(header.outputs[2]!.data).toEqual(values.f64);
  const rest = body.subarray(headerLength);
  expect(Array.from(new Int32Array(rest.buffer.slice(rest.byteOffset, rest.byteOffset + 16)))).toEqual([
    1, -2, 3, 2147483647,
  ]);
  expect(Buffer.compare(rest.subarray(16), Buffer.concat(strings))).toBe(0);
});

test("binary data whose size does not match the shape is a 400", async () => {
  const json = Buffer.from(
    JSON.stringify({
      inputs: [{ name: "i32", datatype: "INT32", shape: [2, 2], parameters: { binary_data_size: 8 } }],
    }),
  );
  const res = await fetch(`${server.url}/v2/models/types/infer`, {
    method: "POST",
    headers: { "inference-header-content-length": String(json.length) },
    body: Buffer.concat([json, Buffer.alloc(8)]),
  });
  expect(res.status).toBe(400);
  expect(((await res.json()) as { error: string }).error).toMatch(/i32.*8 bytes but its shape needs 16/);
});

test("values outside a datatype's range, fractions for integers and strings for numbers are 400s naming the field", async () => {
  const cases: [string, unknown[], RegExp][] = [
    ["i8", [128, 0, 0, 0], /i8.*128 is not a INT8 integer/],
    ["u16", [-1, 0, 0, 0], /u16.*-1 is not a UINT16 integer/],
    ["i64", [2 ** 63, 0, 0, 0], /i64.*9223372036854776000 is not a INT64 integer/],
    ["u64", [2 ** 64, 0, 0, 0], /u64.*is not a UINT64 integer/],
    ["i32", [1.5, 0, 0, 0], /i32.*1.5 is not a INT32 integer/],
    ["f32", ["1", 0, 0, 0], /f32.*element 0 must be a number \(got the string '1'\)/],
    ["b", [1, false, false, true], /'b'.*must be true or false/],
    ["s", [1, "a", "b", "c"], /'s'.*must be a string/],
  ];
  for (const [name, data, pattern] of cases) {
    const body = request() as { inputs: { name: string; data: unknown[] }[] };
    body.inputs.find((i) => i.name === name)!.data = data;
    const res = await post(`${server.url}/v2/models/types/infer`, body);
    expect(res.status, name).toBe(400);
    expect(res.body.error).toMatch(pattern);
    expect(res.body.details).toEqual([expect.objectContaining({ field: name, reason: "type" })]);
  }
});
