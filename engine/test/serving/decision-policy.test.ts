import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { compilePolicyBundle } from "../../src/policy/index.js";
import { contracts, modelSpec, post, single, startServing, type Running } from "./helpers.js";

const guard = `package decisions.stockout_guard
import rego.v1

default decision := {"allow": true, "action": "auto", "reasons": []}

decision := {"allow": false, "action": "review", "reasons": reasons} if count(reasons) > 0

reasons contains msg if {
  some i
  input.prediction.label[i] == 1
  input.request.inputs.amount[i] > 1000
  msg := sprintf("row %d: label 1 with amount %v above 1000 (model %s@%s)", [i, input.request.inputs.amount[i], input.model, input.version])
}
`;
const broken = `package decisions.broken
import rego.v1

decision := {"allow": "yes"}
`;

let dir: string;
let server: Running;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelgate-decisions-"));
  const compile = async (name: string, content: string) => {
    const entrypoint = `decisions/${name}/decision`;
    const bundle = await compilePolicyBundle({
      sources: [{ path: `policies/${name}.rego`, content }],
      entrypoints: [entrypoint],
      cacheDir: join(dir, "cache"),
    });
    return { name, wasm: bundle.wasm, entrypoint };
  };
  server = await startServing(
    {
      name: "t",
      models: {
        mixed: single(modelSpec("mixed", "1.0.0", "mixed.onnx", contracts.mixed), {
          decisionPolicy: await compile("stockout_guard", guard),
        }),
        broken: single(modelSpec("broken", "1.0.0", "mixed.onnx", contracts.mixed), {
          decisionPolicy: await compile("broken", broken),
        }),
      },
    },
    { decisionLogPath: join(dir, "decisions.jsonl") },
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function request(id: string, amounts: number[], formats: string[]): unknown {
  return {
    id,
    inputs: [
      { name: "amount", datatype: "FP32", shape: [amounts.length, 1], data: amounts },
      { name: "store_format", datatype: "BYTES", shape: [formats.length, 1], data: formats },
    ],
  };
}

test("the decision policy's result is in the response parameters and the append-only decision log", async () => {
  const review = await post(
    `${server.url}/v2/models/mixed/infer`,
    request("r-1", [20, 2000], ["mall", "street"]),
  );
  expect(review.status).toBe(200);
  expect(review.body.parameters).toEqual({
    decision_allow: false,
    decision_action: "review",
    decision_reasons: "row 1: label 1 with amount 2000 above 1000 (model mixed@1.0.0)",
    decision_policy: "stockout_guard",
  });
  expect((review.body.outputs as { name: string; data: number[] }[])[1]).toMatchObject({
    name: "label",
    data: [0, 1],
  });
  const auto = await post(`${server.url}/v2/models/mixed/infer`, request("r-2", [5], ["mall"]));
  expect(auto.body.parameters).toMatchObject({
    decision_allow: true,
    decision_action: "auto",
    decision_reasons: "",
  });
  // a policy that returns no {allow: boolean} fails closed
  const failed = await post(`${server.url}/v2/models/broken/infer`, request("r-3", [5], ["mall"]));
  expect(failed.status).toBe(200);
  expect(failed.body.parameters).toMatchObject({ decision_allow: false, decision_action: "error" });

  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  expect(metrics).toContain('modelgate_decisions_total{model="mixed",version="1.0.0",action="review"} 1');
  await server.close(); // flushes the decision log
  const lines = (await readFile(join(dir, "decisions.jsonl"), "utf8"))
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatchObject({
    request_id: "r-1",
    model: "mixed",
    version: "1.0.0",
    policy: "stockout_guard",
    outputs: { score: [20, 4000], label: [0, 1] },
    decision: { allow: false, action: "review" },
  });
  expect(lines[0]!.inputs_sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(lines[0]!.inputs_sha256).not.toBe(lines[1]!.inputs_sha256);
  expect(Date.parse(lines[0]!.timestamp as string)).toBeGreaterThan(0);
  expect(lines.map((l) => l.request_id)).toEqual(["r-1", "r-2", "r-3"]);
});
