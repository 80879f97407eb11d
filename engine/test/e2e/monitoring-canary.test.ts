import { createHash } from "node:crypto";
import { afterEach, beforeAll, expect, test } from "vitest";
import { collect, LocalForge } from "../../src/forge/index.js";
import { manualClock } from "../../src/monitor/index.js";
import { servingCanaryActuator, type MonitorSpec } from "../../src/monitor/runtime/index.js";
import { OnnxServingRuntimeAdapter } from "../../src/reconcile/serving-runtime-adapter.js";
import type { Contract } from "../../src/registry/types.js";
import type { ServingEnvironmentSpec } from "../../src/serving/index.js";
import { createTempGitRepo, type TempGitRepo } from "../helpers/temp-git.js";
import {
  postJson,
  settle,
  startMonitoredServing,
  type MonitoredServing,
} from "../monitor/runtime/helpers.js";
import { seededRandom } from "../monitor/random.js";
import { fixtureBytes } from "../serving/helpers.js";

/**
 * Canary analysis end to end with real ONNX sessions (the serving fixtures `affine_k`: y = x + k) behind
 * real HTTP: stable version "1" (y = x + 1) at weight 90, a canary at weight 10. A canary whose
 * predictions drift (y = x + 3) or that rejects requests stable accepts is set to weight 0 live, gets an
 * issue, and the reconciler's view of the live routing shows the change (drift from Git).
 */
const QUANTILES = [-3.5, -1.2816, -0.8416, -0.5244, -0.2533, 0, 0.2533, 0.5244, 0.8416, 1.2816, 3.5];
const DECILES = Array.from({ length: 10 }, () => 0.1);

function contract(canaryMax?: number): Contract {
  return {
    name: "affine",
    version: "1.0.0",
    compatibility: "BACKWARD",
    inputs: [{ name: "x", datatype: "FP32", shape: [-1, 1], min: -10, max: canaryMax ?? 10 }],
    outputs: [{ name: "y", datatype: "FP32", shape: [-1, 1] }],
    // x ~ N(0, 1); y = x + 1 (the stable model's predictions), 10 decile bins each.
    baseline: {
      count: 10_000,
      inputs: { x: { edges: QUANTILES, proportions: DECILES } },
      outputs: { y: { edges: QUANTILES.map((q) => q + 1), proportions: DECILES } },
    },
  };
}

function version(v: string, file: string, c: Contract) {
  const bytes = fixtureBytes(file);
  return {
    model: "affine",
    version: v,
    contract: c,
    artifact: { bytes, sha256: createHash("sha256").update(bytes).digest("hex") },
  };
}

let repo: TempGitRepo;
let forge: LocalForge;
let served: MonitoredServing | undefined;
const clock = manualClock(Date.parse("2026-11-23T12:00:00Z"));

beforeAll(async () => {
  repo = await createTempGitRepo({ prefix: "modelgate-canary-" });
  await repo.write("README.md", "registry\n");
  await repo.commit("init");
  forge = new LocalForge({ repo: repo.dir });
  return () => repo.cleanup();
});
afterEach(async () => {
  await served?.close();
  served = undefined;
});

async function start(
  canaryFile: string,
  canaryContract: Contract,
  options: { healthyAfterMs?: number } = {},
) {
  const stableContract = contract();
  const serving: ServingEnvironmentSpec = {
    name: "production",
    models: {
      affine: {
        versions: [version("1", "affine_1.onnx", stableContract), version("2", canaryFile, canaryContract)],
        traffic: [
          { version: "1", weight: 90, role: "stable" },
          { version: "2", weight: 10, role: "canary" },
        ],
      },
    },
  };
  const monitor: MonitorSpec = {
    environment: "production",
    revision: "c0ffee",
    models: [
      {
        model: "affine",
        contract: stableContract,
        versions: [
          { version: "1", role: "stable", weight: 90 },
          { version: "2", role: "canary", weight: 10 },
        ],
      },
    ],
  };
  served = await startMonitoredServing({
    serving,
    monitor,
    servingOptions: { random: seededRandom(5).uniform },
    runtime: {
      forge,
      clock,
      drift: { window_size: 100, min_window_ms: 0 },
      canary: {
        min_samples: 30,
        ...(options.healthyAfterMs ? { healthy_after_ms: options.healthyAfterMs } : {}),
      },
    },
    extra: (s) => ({ actuator: servingCanaryActuator(s) }),
  });
  return served;
}

/** `n` requests of `rows` rows each, x ~ N(0, 1); returns how many each version answered. */
async function send(
  s: MonitoredServing,
  n: number,
  rows: number,
  seed: number,
): Promise<Record<string, number>> {
  const rng = seededRandom(seed);
  const answered: Record<string, number> = {};
  for (let i = 0; i < n; i += 10) {
    const results = await Promise.all(
      Array.from({ length: Math.min(10, n - i) }, () =>
        postJson(`${s.url}/v2/models/affine/infer`, {
          inputs: [
            {
              name: "x",
              datatype: "FP32",
              shape: [rows, 1],
              data: Array.from({ length: rows }, () => rng.normal()),
            },
          ],
        }),
      ),
    );
    for (const r of results) {
      const key = r.status === 200 ? String(r.body.model_version) : `status ${r.status}`;
      answered[key] = (answered[key] ?? 0) + 1;
    }
  }
  await settle();
  return answered;
}

async function canaryIssue() {
  return (await collect(forge.listIssues({ state: "all" }))).find(
    (i) => i.fingerprint === "production/affine/2/canary",
  );
}

test("a canary whose predictions drift is set to weight 0, gets an issue, and shows as live drift", async () => {
  const s = await start("affine_3.onnx", contract());
  const before = await send(s, 300, 5, 1);
  expect(before["2"]).toBeGreaterThan(15); // the canary took its share
  await s.runtime.evaluate();
  const routing = s.serving.routing.models.get("affine")!;
  expect(routing.weighted.map((w) => w.version)).toEqual(["1"]);
  const issue = await canaryIssue();
  expect(issue).toMatchObject({ state: "open" });
  expect(issue!.labels).toEqual(expect.arrayContaining(["canary", "severity:critical"]));
  expect(issue!.body).toContain("weight to **0**");
  expect(issue!.body).toMatch(/\*\*drift\*\*: the canary's window #\d+ is (alert|critical)/);
  // Every later request is answered by stable.
  expect(await send(s, 50, 1, 2)).toEqual({ "1": 50 });
  // The reconciler reads the live weights back: they no longer match Git's 90/10.
  const actual = await new OnnxServingRuntimeAdapter(s.serving).observe();
  expect(actual.models.affine!.routing!.traffic).toEqual([
    { version: "1", weight: 100, role: "stable" },
    { version: "2", weight: 0, role: "canary" },
  ]);
  expect(await (await fetch(`${s.url}/metrics`)).text()).toMatch(
    /modelgate_canary_aborts_total\{environment="production",model="affine",version="2"\} 1/,
  );
  // Evaluating again neither aborts twice nor opens a second issue.
  await s.runtime.evaluate();
  expect((await collect(forge.listIssues())).filter((i) => i.fingerprint.endsWith("/canary"))).toHaveLength(
    1,
  );
});

test("a canary that rejects requests stable accepts is aborted on a two-proportion z-test", async () => {
  await forge.closeIssue("production/affine/2/canary");
  // The canary's contract stops at x ≤ 0.5: about 31% of its requests are 400s; stable has none.
  const s = await start("affine_1.onnx", contract(0.5));
  const answered = await send(s, 400, 1, 3);
  expect(answered["status 400"]).toBeGreaterThan(5);
  await s.runtime.evaluate();
  expect(s.serving.routing.models.get("affine")!.weighted.map((w) => w.version)).toEqual(["1"]);
  const issue = await canaryIssue();
  expect(issue!.state).toBe("open");
  expect(issue!.body).toMatch(/\*\*error_rate\*\*: \d+\/\d+ errors .* two-proportion z = \d+\.\d+, p = /);
});

test("a healthy canary is left serving and reported on the deployment status", async () => {
  await forge.closeIssue("production/affine/2/canary");
  const s = await start("affine_1.onnx", contract(), { healthyAfterMs: 10 * 60_000 });
  await send(s, 400, 2, 4);
  await s.runtime.evaluate();
  expect(s.serving.routing.models.get("affine")!.weighted.map((w) => w.version)).toEqual(["1", "2"]);
  expect(await forge.deploymentHistory()).toEqual([]);
  clock.advance(11 * 60_000);
  await s.runtime.evaluate();
  const history = await forge.deploymentHistory();
  expect(history).toHaveLength(1);
  expect(history[0]).toMatchObject({ environment: "production", sha: "c0ffee", state: "success" });
  expect(history[0]!.description).toMatch(
    /^canary affine 2 healthy for 11 min: 0\.0% errors vs 0\.0% on stable/,
  );
  expect((await canaryIssue())!.state).toBe("closed");
});
