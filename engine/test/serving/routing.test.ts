import { afterAll, beforeAll, expect, test } from "vitest";
import type { ShadowResult } from "../../src/serving/index.js";
import { affineInput, contracts, modelSpec, post, startServing, type Running } from "./helpers.js";

const shadowResults: ShadowResult[] = [];
let server: Running;
beforeAll(async () => {
  const v1 = modelSpec("affine", "1.0.0", "affine_1.onnx", contracts.affine);
  const v2 = modelSpec("affine", "2.0.0", "affine_2.onnx", contracts.affine);
  const v3 = modelSpec("affine", "3.0.0", "affine_3.onnx", contracts.affine);
  const slowShadow = modelSpec("mirrored", "9.0.0", "slow.onnx", contracts.slow);
  server = await startServing(
    {
      name: "t",
      models: {
        affine: {
          versions: [v1, v2, v3],
          traffic: [
            { version: "1.0.0", weight: 90 },
            { version: "2.0.0", weight: 10, role: "canary" },
          ],
          shadow: { version: "3.0.0", percent: 100 },
        },
        mirrored: {
          versions: [modelSpec("mirrored", "1.0.0", "affine_1.onnx", contracts.affine), slowShadow],
          traffic: [{ version: "1.0.0", weight: 100 }],
          shadow: { version: "9.0.0", percent: 100 },
        },
      },
    },
    { onShadowResult: (r) => shadowResults.push(r), workers: 2 },
  );
});
afterAll(() => server.close());

async function versionFor(key?: string): Promise<string> {
  const res = await post(
    `${server.url}/v2/models/affine/infer`,
    affineInput([1]),
    key ? { "x-modelgate-routing-key": key } : {},
  );
  expect(res.status).toBe(200);
  const version = res.body.model_version as string;
  // the answer is the answering version's: 1 + k for affine_k, never the shadow's 1 + 3
  expect((res.body.outputs as { data: number[] }[])[0]!.data).toEqual([version === "1.0.0" ? 2 : 3]);
  expect(res.headers.get("x-modelgate-model-version")).toBe(version);
  return version;
}

async function counts(n: number, key: (i: number) => string | undefined): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (let i = 0; i < n; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, n - i) }, (_, j) => versionFor(key(i + j))),
    );
    for (const v of batch) out[v] = (out[v] ?? 0) + 1;
  }
  return out;
}

test("weighted split 90/10 within statistical tolerance (random and by routing key)", async () => {
  const n = 400;
  // canary share 0.1: sd = sqrt(400 * 0.1 * 0.9) = 6; accept ±4 sd
  const random = await counts(n, () => undefined);
  expect(random["2.0.0"] ?? 0).toBeGreaterThanOrEqual(40 - 24);
  expect(random["2.0.0"] ?? 0).toBeLessThanOrEqual(40 + 24);
  const keyed = await counts(n, (i) => `customer-${i}`);
  expect(keyed["2.0.0"] ?? 0).toBeGreaterThanOrEqual(40 - 24);
  expect(keyed["2.0.0"] ?? 0).toBeLessThanOrEqual(40 + 24);
});

test("sticky routing: the same key always gets the same version", async () => {
  const seen = new Map<string, Set<string>>();
  for (let round = 0; round < 3; round++) {
    const keys = Array.from({ length: 80 }, (_, i) => `user-${i}`);
    const versions = await Promise.all(keys.map((k) => versionFor(k)));
    keys.forEach((k, i) => seen.set(k, (seen.get(k) ?? new Set()).add(versions[i]!)));
  }
  expect([...seen.values()].every((s) => s.size === 1)).toBe(true);
  // and the keys are not all on one version (some land on the canary)
  expect(new Set([...seen.values()].map((s) => [...s][0])).size).toBe(2);
});

test("shadow results are recorded as disagreements and never returned", async () => {
  const before = shadowResults.filter((r) => r.model === "affine").length;
  await counts(20, () => undefined);
  await new Promise((r) => setTimeout(r, 200));
  const recorded = shadowResults.filter((r) => r.model === "affine").slice(before);
  expect(recorded.length).toBeGreaterThan(0);
  expect(recorded.every((r) => r.shadowVersion === "3.0.0")).toBe(true);
  const compared = recorded.filter((r) => r.result !== "dropped");
  expect(compared.length).toBeGreaterThan(0);
  for (const r of compared) {
    expect(r.result).toBe("disagree");
    expect(r.shadow).toEqual({ y: [4] });
  }
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  expect(metrics).toMatch(
    /modelgate_shadow_disagreements_total\{model="affine",version="1.0.0",shadow_version="3.0.0"\} [1-9]/,
  );
});

test("a slow shadow does not slow the caller: the answer comes before the shadow finishes", async () => {
  const before = shadowResults.filter((r) => r.model === "mirrored").length;
  const t0 = performance.now();
  const res = await post(`${server.url}/v2/models/mirrored/infer`, affineInput([1]));
  const answered = performance.now() - t0;
  expect(res.status).toBe(200);
  expect(res.body.model_version).toBe("1.0.0");
  expect(shadowResults.filter((r) => r.model === "mirrored").length).toBe(before); // shadow still running
  const deadline = Date.now() + 10_000;
  while (shadowResults.filter((r) => r.model === "mirrored").length === before && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
  }
  const shadowDone = performance.now() - t0;
  expect(shadowResults.filter((r) => r.model === "mirrored").at(-1)?.result).toBe("disagree");
  expect(answered).toBeLessThan(shadowDone);
});

test("explicit /versions/{v} bypasses the router, including the shadow version", async () => {
  for (const v of ["1.0.0", "2.0.0", "3.0.0"]) {
    const res = await post(`${server.url}/v2/models/affine/versions/${v}/infer`, affineInput([0]), {
      "x-modelgate-routing-key": "user-1",
    });
    expect(res.body.model_version).toBe(v);
    expect((res.body.outputs as { data: number[] }[])[0]!.data).toEqual([Number(v[0])]);
  }
});
