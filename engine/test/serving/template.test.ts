import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { CliIo } from "../../src/cli/command.js";
import { runServe } from "../../src/cli/commands/serve.js";
import { loadRegistry, openFolderSource } from "../../src/registry/index.js";
import { fromRegistry, OnnxRuntimeServing } from "../../src/serving/index.js";
import { post } from "./helpers.js";

const template = join(import.meta.dirname, "..", "..", "..", "registry-repo-template");
interface Sample {
  inputs: Record<string, number | string>;
  outputs: Record<string, { datatype: string; shape: number[]; data: number[] }>;
}
interface SampleSet {
  model: string;
  version: string;
  input_order: string[];
  output_order: string[];
  samples: Sample[];
}
const samples = JSON.parse(readFileSync(join(template, "training", "samples.json"), "utf8")) as {
  tolerance: { absolute: number; relative: number };
  models: SampleSet[];
};

let cache: string;
let stop: AbortController;
let served: Promise<number>;
let url: string;
const out: string[] = [];

beforeAll(async () => {
  cache = await mkdtemp(join(tmpdir(), "modelgate-serve-"));
  stop = new AbortController();
  const io: CliIo = { stdout: (t) => out.push(t), stderr: () => {}, cwd: process.cwd(), env: {} };
  served = runServe(
    // The monitor's state goes to the temp folder, never into this checkout.
    [
      ...["--repo", template, "--env", "production", "--port", "0", "--workers", "1"],
      ...["--cache", cache, "--state", join(cache, "state")],
    ],
    io,
    stop.signal,
  );
  const deadline = Date.now() + 60_000;
  while (!out.join("").includes("http://") && Date.now() < deadline) {
    const early = await Promise.race([served, new Promise((r) => setTimeout(r, 20))]);
    if (typeof early === "number") throw new Error(`serve exited with ${early}: ${out.join("")}`);
  }
  url = /http:\/\/127\.0\.0\.1:\d+/.exec(out.join(""))![0];
});
afterAll(async () => {
  stop.abort();
  expect(await served).toBe(0);
  expect(out.join("")).toContain("modelgate serve: stopped");
  await rm(cache, { recursive: true, force: true });
});

function close(actual: number, expected: number): boolean {
  const { absolute, relative } = samples.tolerance;
  return Math.abs(actual - expected) <= absolute + relative * Math.abs(expected);
}

/** Sends all samples of a version as one batch and compares with Python onnxruntime's outputs. */
async function checkSamples(base: string, set: SampleSet): Promise<void> {
  const n = set.samples.length;
  const body = {
    inputs: set.input_order.map((name) => {
      const first = set.samples[0]!.inputs[name];
      return {
        name,
        datatype: typeof first === "string" ? "BYTES" : "FP32",
        shape: [n, 1],
        data: set.samples.map((s) => s.inputs[name]),
      };
    }),
  };
  const res = await post(`${base}/v2/models/${set.model}/versions/${set.version}/infer`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const outputs = res.body.outputs as { name: string; datatype: string; shape: number[]; data: number[] }[];
  for (const name of set.output_order) {
    const got = outputs.find((o) => o.name === name)!;
    const expected = set.samples.map((s) => s.outputs[name]!);
    expect(got.datatype).toBe(expected[0]!.datatype);
    expect(got.shape).toEqual([n, ...expected[0]!.shape.slice(1)]);
    const want = expected.flatMap((e) => e.data);
    expect(got.data).toHaveLength(want.length);
    got.data.forEach((v, i) =>
      expect(
        close(v, want[i]!),
        `${set.model}@${set.version} ${name}[${i}] = ${v}, Python said ${want[i]}`,
      ).toBe(true),
    );
  }
}

test("`modelgate serve` serves the template's production environment with Python onnxruntime's predictions", async () => {
  const meta = await (await fetch(`${url}/v2/models/stockout-risk`)).json();
  expect(meta).toMatchObject({
    name: "stockout-risk",
    platform: "onnx_onnxv1",
    versions: ["1.0.0", "1.1.0"],
  });
  const production = samples.models.filter((s) => !(s.model === "demand-forecast" && s.version === "1.1.0"));
  for (const set of production) await checkSamples(url, set);
});

test("fromRegistry maps the staging environment; its versions give Python's predictions too", async () => {
  const loaded = await loadRegistry(await openFolderSource(template));
  if (!loaded.ok) throw new Error("template registry is invalid");
  const spec = await fromRegistry(loaded.state, "staging", async (artifact) => ({
    path: join(template, artifact.uri.replace(/^file:/, "")),
  }));
  expect(Object.keys(spec.models).sort()).toEqual(["basket-anomaly", "demand-forecast", "stockout-risk"]);
  expect(spec.models["basket-anomaly"]!.validation).toBe("log");
  const serving = new OnnxRuntimeServing({ workers: 1 });
  try {
    await serving.applyEnvironment(spec);
    const address = await serving.listen(0);
    const base = `http://127.0.0.1:${address.port}`;
    await checkSamples(
      base,
      samples.models.find((s) => s.model === "demand-forecast" && s.version === "1.1.0")!,
    );
    await expect(fromRegistry(loaded.state, "nope", async () => ({}))).rejects.toThrow(
      /no environment 'nope'.*production, staging/,
    );
  } finally {
    await serving.close();
  }
});

test("`modelgate serve` usage errors and an unknown environment", async () => {
  const err: string[] = [];
  const io: CliIo = { stdout: () => {}, stderr: (t) => err.push(t), cwd: process.cwd(), env: {} };
  await expect(runServe(["--repo", template], io)).rejects.toThrow(/--env ENV is required/);
  await expect(runServe(["--repo", template, "--env", "production", "--port", "99999"], io)).rejects.toThrow(
    /--port must be 0-65535/,
  );
  await expect(runServe(["--repo", template, "--env", "qa", "--cache", cache], io)).rejects.toThrow(
    /no environment 'qa'/,
  );
});
