import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Contract, ContractField, Datatype } from "../../src/registry/types.js";
import {
  OnnxRuntimeServing,
  type ServingEnvironmentSpec,
  type ServingModelDeployment,
  type ServingModelSpec,
  type ServingOptions,
} from "../../src/serving/index.js";

export const fixtures = join(fileURLToPath(new URL(".", import.meta.url)), "..", "fixtures", "serving");

export function fixtureBytes(file: string): Buffer {
  return readFileSync(join(fixtures, file));
}

function contract(name: string, inputs: ContractField[], outputs: ContractField[]): Contract {
  return { name, version: "1.0.0", compatibility: "BACKWARD", inputs, outputs };
}

export const contracts = {
  affine: contract(
    "affine",
    [{ name: "x", datatype: "FP32", shape: [-1, 1], min: -1000, max: 1000 }],
    [{ name: "y", datatype: "FP32", shape: [-1, 1] }],
  ),
  mixed: contract(
    "mixed",
    [
      { name: "amount", datatype: "FP32", shape: [-1, 1], min: 0, max: 5000 },
      { name: "store_format", datatype: "BYTES", shape: [-1, 1], categories: ["mall", "street", "outlet"] },
    ],
    [
      { name: "score", datatype: "FP32", shape: [-1, 1] },
      { name: "label", datatype: "INT64", shape: [-1] },
    ],
  ),
  slow: contract(
    "slow",
    [{ name: "x", datatype: "FP32", shape: [-1, 1] }],
    [{ name: "y", datatype: "FP32", shape: [1, 1] }],
  ),
  types: contract(
    "types",
    typeNames().map(([n, datatype]) => ({ name: n, datatype, shape: [-1, 2] })),
    typeNames().map(([n, datatype]) => ({ name: `${n}_out`, datatype, shape: [-1, 2] })),
  ),
};

export function typeNames(): [string, Datatype][] {
  return [
    ["b", "BOOL"],
    ["i8", "INT8"],
    ["i16", "INT16"],
    ["i32", "INT32"],
    ["i64", "INT64"],
    ["u8", "UINT8"],
    ["u16", "UINT16"],
    ["u32", "UINT32"],
    ["u64", "UINT64"],
    ["f16", "FP16"],
    ["f32", "FP32"],
    ["f64", "FP64"],
    ["s", "BYTES"],
  ];
}

export function modelSpec(model: string, version: string, file: string, c: Contract): ServingModelSpec {
  const bytes = fixtureBytes(file);
  return {
    model,
    version,
    contract: c,
    artifact: { bytes, sha256: createHash("sha256").update(bytes).digest("hex") },
  };
}

/** A deployment of one version taking all traffic. */
export function single(
  spec: ServingModelSpec,
  extra: Partial<ServingModelDeployment> = {},
): ServingModelDeployment {
  return { versions: [spec], traffic: [{ version: spec.version, weight: 100 }], ...extra };
}

export interface Running {
  serving: OnnxRuntimeServing;
  url: string;
  close(): Promise<void>;
}

export async function startServing(
  env: ServingEnvironmentSpec,
  options: ServingOptions = {},
): Promise<Running> {
  const serving = new OnnxRuntimeServing({ workers: 1, ...options });
  try {
    await serving.applyEnvironment(env);
  } catch (error) {
    await serving.close();
    throw error;
  }
  const address = await serving.listen(0, "127.0.0.1");
  return { serving, url: `http://127.0.0.1:${address.port}`, close: () => serving.close() };
}

export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: res.headers,
  };
}

export async function get(
  url: string,
): Promise<{ status: number; body: Record<string, unknown> | undefined }> {
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

export function affineInput(values: number[]): unknown {
  return { inputs: [{ name: "x", datatype: "FP32", shape: [values.length, 1], data: values }] };
}
