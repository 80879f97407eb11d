import { afterAll, beforeAll, expect, test } from "vitest";
import { collect, LocalForge } from "../../src/forge/index.js";
import { manualClock } from "../../src/monitor/index.js";
import { createTempGitRepo, type TempGitRepo } from "../helpers/temp-git.js";
import {
  demandRequest,
  demandRows,
  monitorSpecFromRegistry,
  postJson,
  settle,
  startMonitoredServing,
  templateServingSpec,
  templateState,
  type MonitoredServing,
} from "../monitor/runtime/helpers.js";

/**
 * Ground truth end to end: predictions of the real demand-forecast model are joined with feedback posted
 * to `/v2/models/demand-forecast/feedback`, the r2 quality objective is computed from it, exported as
 * `modelgate_model_quality`, and a quality issue opens when r2 falls below the SLO's 0.75.
 */
let repo: TempGitRepo;
let forge: LocalForge;
let served: MonitoredServing;
const clock = manualClock(Date.parse("2026-11-23T12:00:00Z"));
const feedbackUrl = () => `${served.url}/v2/models/demand-forecast/feedback`;

beforeAll(async () => {
  repo = await createTempGitRepo({ prefix: "modelgate-feedback-" });
  await repo.write("README.md", "registry\n");
  await repo.commit("init");
  forge = new LocalForge({ repo: repo.dir });
  const state = await templateState();
  const monitor = monitorSpecFromRegistry(state, "production");
  monitor.models = monitor.models.filter((m) => ["demand-forecast", "basket-anomaly"].includes(m.model));
  // basket-anomaly without its quality objective: its feedback has nothing to be scored against.
  const basket = monitor.models.find((m) => m.model === "basket-anomaly")!;
  basket.slo = structuredClone(basket.slo!);
  delete basket.slo.objectives.quality;
  // The template asks for 500 labelled predictions; 50 keep this test small.
  const slo = structuredClone(monitor.models.find((m) => m.model === "demand-forecast")!.slo!);
  slo.objectives.quality!.min_samples = 50;
  monitor.models.find((m) => m.model === "demand-forecast")!.slo = slo;
  served = await startMonitoredServing({
    serving: await templateServingSpec(state, "production", ["demand-forecast", "basket-anomaly"]),
    monitor,
    runtime: { forge, clock },
  });
});
afterAll(async () => {
  await served?.close();
  await repo?.cleanup();
});

/** Serves `n` single-row requests with ids `<prefix><i>`; returns the predictions by id. */
async function predict(prefix: string, n: number, seed: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const rows = demandRows(n, seed);
  await Promise.all(
    rows.map(async (row, i) => {
      const res = await postJson(
        `${served.url}/v2/models/demand-forecast/infer`,
        demandRequest([row], `${prefix}${i}`),
      );
      expect(res.status).toBe(200);
      out.set(`${prefix}${i}`, (res.body.outputs as { data: number[] }[])[0]!.data[0]!);
    }),
  );
  return out;
}

test("feedback is validated: 202 for a known id, 404 unknown or already labelled, 400 bad body", async () => {
  const predictions = await predict("v", 1, 7);
  const [id, value] = [...predictions][0]!;
  expect((await postJson(feedbackUrl(), { id, value })).status).toBe(202);
  expect((await postJson(feedbackUrl(), { id, value })).status).toBe(404); // already labelled
  const unknown = await postJson(feedbackUrl(), { id: "never-served", value: 1 });
  expect(unknown.status).toBe(404);
  expect(String(unknown.body.error)).toContain("past the bounded store");
  for (const body of [
    { value: 1 },
    { id: "v0" },
    { id: "v0", value: 1, label: 1 },
    { id: "v0", value: "x" },
    [1],
  ]) {
    expect((await postJson(feedbackUrl(), body)).status, JSON.stringify(body)).toBe(400);
  }
  const malformed = await fetch(feedbackUrl(), { method: "POST", body: "{" });
  expect(malformed.status).toBe(400);
  expect((await postJson(`${served.url}/v2/models/nope/feedback`, { id: "a", value: 1 })).status).toBe(404);
});

test("feedback for a model whose SLO has no quality objective answers 409, not a bad-request 400", async () => {
  const res = await postJson(`${served.url}/v2/models/basket-anomaly/feedback`, { id: "b1", label: 1 });
  expect(res.status).toBe(409);
  expect(res.body.error).toBe(
    "the SLO of 'basket-anomaly' has no quality objective to score feedback against",
  );
});

test("accurate ground truth keeps r2 above the SLO; wrong ground truth opens a quality issue", async () => {
  const good = await predict("g", 60, 8);
  await settle();
  let k = 0;
  for (const [id, value] of good) {
    const truth = value * (1 + (k++ % 5) * 0.01);
    expect((await postJson(feedbackUrl(), { id, value: truth })).status).toBe(202);
  }
  await served.runtime.evaluate();
  const metrics = await (await fetch(`${served.url}/metrics`)).text();
  const r2 = Number(/modelgate_model_quality\{[^}]*metric="r2"[^}]*\} (-?[\d.e-]+)/.exec(metrics)?.[1]);
  expect(r2).toBeGreaterThan(0.95);
  expect(served.runtime.snapshot().models[0]!.versions[0]!.quality).toMatchObject({
    metric: "r2",
    breached: false,
  });

  // Ground truth far from the predictions (the model went stale): r2 drops below 0.75.
  const bad = await predict("b", 120, 9);
  for (const [id, value] of bad) await postJson(feedbackUrl(), { id, value: value + 40 });
  clock.advance(60_000);
  await served.runtime.evaluate();
  clock.advance(60_000);
  await served.runtime.evaluate();
  const issues = (await collect(forge.listIssues())).filter((i) => i.fingerprint.endsWith("/quality"));
  expect(issues).toHaveLength(1);
  expect(issues[0]!.fingerprint).toBe("production/demand-forecast/1.0.0/quality");
  expect(issues[0]!.body).toContain("SLO asks ≥ 0.75");
  expect(issues[0]!.labels).toEqual(expect.arrayContaining(["quality", "severity:alert"]));
});
