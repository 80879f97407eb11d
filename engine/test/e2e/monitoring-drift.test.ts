import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
 * Drift end to end: real demand-forecast ONNX sessions served over HTTP on 127.0.0.1, traffic drawn like
 * the training data, the monitor runtime as the serving layer's observer, issues in a real local forge.
 * Windows of 200 requests; an issue opens after 2 drifted windows and closes after 3 healthy ones, so
 * shifted traffic (prices ×3) opens the issue within 400 requests.
 */
const WINDOW = 200;
let repo: TempGitRepo;
let stateDir: string;
let forge: LocalForge;
let served: MonitoredServing;
const clock = manualClock(Date.parse("2026-11-23T12:00:00Z"));
let seed = 1;

beforeAll(async () => {
  repo = await createTempGitRepo({ prefix: "modelgate-monitor-" });
  await repo.write("README.md", "registry\n");
  await repo.commit("init");
  stateDir = await mkdtemp(join(tmpdir(), "modelgate-monitor-state-"));
  forge = new LocalForge({ repo: repo.dir });
  const state = await templateState();
  const monitor = monitorSpecFromRegistry(state, "production", "abc123");
  monitor.models = monitor.models.filter((m) => m.model === "demand-forecast");
  served = await startMonitoredServing({
    serving: await templateServingSpec(state, "production", ["demand-forecast"]),
    monitor,
    runtime: { forge, stateDir, clock, drift: { window_size: WINDOW, min_window_ms: 0 } },
  });
});
afterAll(async () => {
  await served?.close();
  await repo?.cleanup();
  await rm(stateDir, { recursive: true, force: true });
});

/** `n` single-row requests, 8 at a time. */
async function send(n: number, priceFactor: number): Promise<void> {
  const rows = demandRows(n, seed++, priceFactor);
  for (let i = 0; i < n; i += 8) {
    const results = await Promise.all(
      rows
        .slice(i, i + 8)
        .map((row, j) =>
          postJson(`${served.url}/v2/models/demand-forecast/infer`, demandRequest([row], `r${i + j}`)),
        ),
    );
    for (const r of results) expect(r.status).toBe(200);
  }
  await settle();
  clock.advance(60_000);
}

async function driftIssues(state: "open" | "all" = "open") {
  return (await collect(forge.listIssues({ state }))).filter((i) => i.fingerprint.endsWith("/drift"));
}

test("traffic drawn from the baseline raises no drift issue", async () => {
  await send(3 * WINDOW, 1);
  await served.runtime.evaluate();
  const snap = served.runtime.snapshot();
  const v = snap.models[0]!.versions[0]!;
  expect(v.drift.window).toBe(2);
  expect(v.drift.status).toBe("ok");
  expect(await driftIssues()).toEqual([]);
});

test("prices ×3 open one drift issue within 400 requests, with PSI on /metrics", async () => {
  await send(WINDOW, 3);
  await served.runtime.evaluate();
  expect(await driftIssues()).toEqual([]); // one drifted window: not yet (hysteresis)
  await send(WINDOW, 3);
  await served.runtime.evaluate();
  const issues = await driftIssues();
  expect(issues).toHaveLength(1);
  const issue = issues[0]!;
  expect(issue.fingerprint).toBe("production/demand-forecast/1.0.0/drift");
  expect(issue.labels).toEqual(expect.arrayContaining(["drift", "severity:alert", "model:demand-forecast"]));
  expect(issue.body).toContain("`price`");
  expect(issue.body).toMatch(/\| `price` \| input \| \d+\.\d+ \|/);
  const metrics = await (await fetch(`${served.url}/metrics`)).text();
  const psi = /modelgate_feature_psi\{[^}]*feature="price"[^}]*\} ([\d.]+)/.exec(metrics);
  expect(Number(psi?.[1])).toBeGreaterThan(0.2);
  expect(metrics).toMatch(
    /modelgate_model_trained_timestamp_seconds\{[^}]*version="1.0.0"[^}]*\} 1788264000/,
  );
});

test("healthy traffic closes it after 3 windows; budgets.json is written for the gate", async () => {
  await send(2 * WINDOW, 1);
  await served.runtime.evaluate();
  expect(await driftIssues()).toHaveLength(1);
  await send(WINDOW, 1);
  await served.runtime.evaluate();
  expect(await driftIssues()).toEqual([]);
  const all = await driftIssues("all");
  expect(all).toHaveLength(1);
  expect(all[0]!.state).toBe("closed");
  const budgets = JSON.parse(await readFile(join(stateDir, "budgets.json"), "utf8")) as {
    environments: Record<
      string,
      Record<string, { remaining_ratio: number; objectives: Record<string, object> }>
    >;
  };
  const b = budgets.environments.production!["demand-forecast"]!;
  // Every request answered 200 (latency depends on this machine's load, so it is not asserted).
  expect(b.objectives.availability).toMatchObject({ total: 8 * WINDOW, bad: 0, remaining_ratio: 1 });
  expect(b.objectives.error_rate).toMatchObject({ total: 8 * WINDOW, bad: 0 });
  expect(b.remaining_ratio).toBeLessThanOrEqual(1);
});
