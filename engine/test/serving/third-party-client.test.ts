import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { contracts, fixtures, modelSpec, single, startServing, type Running } from "./helpers.js";

/**
 * A real third-party Open Inference Protocol client, NVIDIA's Python `tritonclient[http]`, against our
 * server. Its Python environment comes from scripts/setup-python-test-deps.sh (pinned versions), which
 * this test runs when the environment is missing.
 */
const root = join(import.meta.dirname, "..", "..", "..");
const venv = process.env.MODELGATE_PY_VENV ?? join(root, ".cache", "python-test-venv");
const python = join(venv, "bin", "python");

function hasTritonClient(): boolean {
  if (!existsSync(python)) return false;
  try {
    execFileSync(python, ["-c", "import tritonclient.http, numpy"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

let server: Running;
beforeAll(async () => {
  if (!hasTritonClient()) {
    execFileSync("bash", [join(root, "scripts", "setup-python-test-deps.sh")], {
      stdio: "inherit",
      env: { ...process.env, MODELGATE_PY_VENV: venv },
    });
  }
  server = await startServing({
    name: "t",
    models: { mixed: single(modelSpec("mixed", "1.0.0", "mixed.onnx", contracts.mixed)) },
  });
}, 600_000);
afterAll(() => server?.close());

test("tritonclient[http] reads metadata and gets the same predictions, binary and JSON", async () => {
  const { stdout } = await promisify(execFile)(
    python,
    [join(fixtures, "triton_client_check.py"), server.url.replace("http://", "")],
    { timeout: 60_000 },
  );
  const result = JSON.parse(stdout) as Record<string, unknown>;
  expect(result).toMatchObject({ live: true, ready: true, model_ready: true });
  expect(result.server).toMatchObject({ name: "modelgate", extensions: ["binary_tensor_data"] });
  expect(result.model).toMatchObject({
    name: "mixed",
    platform: "onnx_onnxv1",
    inputs: [
      { name: "amount", datatype: "FP32", shape: [-1, 1] },
      { name: "store_format", datatype: "BYTES", shape: [-1, 1] },
    ],
  });
  const expected = {
    id: "triton-1",
    model_version: "1.0.0",
    score: [[10], [120], [6000]],
    label: [0, 1, 1],
    label_dtype: "int64",
  };
  expect(result.binary).toEqual(expected);
  expect(result.json).toEqual(expected);
  expect(result.all_outputs).toEqual({ score: [[15]], label: [0] });
  expect(result.unknown_model_error).toMatch(/unknown model 'nope'/);
});
