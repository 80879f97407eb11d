import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { CliIo } from "../../src/cli/command.js";
import { statusCommand, type StatusReport } from "../../src/cli/commands/status.js";
import { startDaemon, type RunningDaemon } from "../../src/daemon/daemon.js";
import { collect, LocalForge } from "../../src/forge/index.js";
import type { MonitorSnapshot } from "../../src/monitor/runtime/index.js";
import { loadRegistry } from "../../src/registry/index.js";
import { eventually, getJson } from "../daemon/http-helpers.js";
import { createTempGitRepo, type TempGitRepo } from "../helpers/temp-git.js";
import {
  baselineRows,
  contractRequest,
  demandRequest,
  demandRows,
  postJson,
  settle,
  templateState,
} from "../monitor/runtime/helpers.js";
import { wiringMonitor } from "./wiring-monitor.js";

/**
 * The monitor inside `modelgate run`: the daemon serves the template's production environment from a
 * git repo; shifted demand-forecast traffic opens a drift issue in the repo's local forge, `/status`
 * shows the monitor, and a canary abort becomes the reconciler's emergency hold (live drift from Git,
 * not self-healed) with a revert change request on the local forge.
 */
let repo: TempGitRepo;
let stateDir: string;
let daemon: RunningDaemon;
let forge: LocalForge;

beforeAll(async () => {
  repo = await createTempGitRepo({ fromTemplate: true, prefix: "modelgate-monitor-daemon-" });
  await repo.commit("template registry");
  stateDir = await mkdtemp(join(tmpdir(), "modelgate-monitor-daemon-state-"));
  forge = new LocalForge({ repo: repo.dir });
  daemon = await startDaemon({
    repo: repo.dir,
    environment: "production",
    stateDir,
    port: 0,
    intervalMs: 60_000,
    loadRegistry,
    workers: 1,
    monitor: wiringMonitor,
  });
  await eventually(async () => daemon.monitor?.runtime, 60_000, "first apply + monitor");
});
afterAll(async () => {
  await daemon?.stop();
  await repo?.cleanup();
  await rm(stateDir, { recursive: true, force: true });
});

test("shifted traffic through the daemon opens a drift issue; /status shows the monitor", async () => {
  for (const factor of [3, 3]) {
    const rows = demandRows(200, factor * 10, factor);
    for (let i = 0; i < rows.length; i += 10) {
      await Promise.all(
        rows
          .slice(i, i + 10)
          .map((r) => postJson(`${daemon.url}/v2/models/demand-forecast/infer`, demandRequest([r]))),
      );
    }
    await settle();
    // Only demand-forecast got traffic, so the canary analysis has nothing to compare yet.
    await daemon.monitor!.runtime!.evaluate();
  }
  // Latency depends on this machine's load (an SLO issue may open too); drift does not.
  const issues = (await collect(forge.listIssues())).filter((i) => !i.fingerprint.endsWith("/slo"));
  expect(issues.map((i) => i.fingerprint)).toEqual(["production/demand-forecast/1.0.0/drift"]);
  const status = await getJson<{ monitor: MonitorSnapshot }>(`${daemon.url}/status`);
  const demand = status.monitor.models.find((m) => m.model === "demand-forecast")!;
  expect(demand.versions[0]!.drift.status).toBe("alert");
  expect(demand.versions[0]!.drift.drifted_inputs).toEqual(["price"]);
  expect(status.monitor.issues).toContainEqual({
    fingerprint: "production/demand-forecast/1.0.0/drift",
    open: true,
    severity: "alert",
  });
});

test("a canary abort is an emergency hold with a revert change request", async () => {
  const state = await templateState();
  const contract = state.contracts["stockout-risk"]!.data;
  const rows = baselineRows(contract, 400, 11);
  for (let i = 0; i < rows.length; i += 10) {
    await Promise.all(
      rows
        .slice(i, i + 10)
        .map((r) => postJson(`${daemon.url}/v2/models/stockout-risk/infer`, contractRequest(contract, [r]))),
    );
  }
  await settle();
  await daemon.monitor!.runtime!.evaluate();
  const routing = daemon.serving.routing.models.get("stockout-risk")!;
  expect(routing.weighted.map((w) => w.version)).toEqual(["1.0.0"]);
  const record = await daemon.store.readRecord();
  expect(record.hold?.reason).toMatch(/^monitor: canary stockout-risk 1.1.0 significantly worse than 1.0.0/);
  expect(daemon.scheduler.last?.outcome).toBe("emergency");
  const requests = await forge.listChangeRequestRecords();
  expect(requests).toHaveLength(1);
  expect(requests[0]).toMatchObject({
    branch: "modelgate/abort-production-stockout-risk-1.1.0",
    state: "open",
  });
  const proposed = await repo.git("show", `${requests[0]!.branch}:environments/production.yaml`);
  expect(proposed).toContain("- { version: 1.0.0, weight: 100 }");
  expect(proposed).not.toContain("1.1.0");
  const issue = (await collect(forge.listIssues())).find((i) => i.fingerprint.endsWith("/canary"))!;
  expect(issue.fingerprint).toBe("production/stockout-risk/1.1.0/canary");
  expect(issue.body).toContain(`change request #${requests[0]!.number}`);
  // The next pass holds the change (drift reported, not healed) until main moves.
  const next = await daemon.scheduler.reconcileNow();
  expect(["unchanged", "drift-held"]).toContain(next.outcome);
  expect(daemon.serving.routing.models.get("stockout-risk")!.weighted.map((w) => w.version)).toEqual([
    "1.0.0",
  ]);
});

async function status(args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => out.push(t), cwd: repo.dir, env: {} };
  const code = await statusCommand.run(args, io);
  return { code, out: out.join("") };
}

test("modelgate status shows weights, drift, budgets and issues from the engine or its state folder", async () => {
  const json = await status(["--env", "production", "--url", daemon.url, "--format", "json"]);
  expect(json.code).toBe(0);
  const report = JSON.parse(json.out) as StatusReport;
  const env = report.environments[0]!;
  expect(env).toMatchObject({ environment: "production", source: "daemon" });
  expect(env.hold?.reason).toMatch(/^monitor: canary stockout-risk 1.1.0/);
  const stockout = env.models.find((m) => m.model === "stockout-risk")!;
  expect(stockout.versions.map((v) => [v.version, v.weight, v.live_weight])).toEqual([
    ["1.0.0", 90, 100],
    ["1.1.0", 10, 0],
  ]);
  expect(stockout.versions[1]!.canary).toMatchObject({ aborted: true });
  const demand = env.models.find((m) => m.model === "demand-forecast")!;
  expect(demand.versions[0]!.drift?.status).toBe("alert");
  expect(demand.budget?.remaining_ratio).toBeLessThanOrEqual(1);
  expect(report.issues.map((i) => i.fingerprint)).toEqual(
    expect.arrayContaining([
      "production/demand-forecast/1.0.0/drift",
      "production/stockout-risk/1.1.0/canary",
    ]),
  );

  const text = await status(["--env", "production", "--url", daemon.url]);
  expect(text.out).toMatch(/^production {2}at [0-9a-f]{12} {2}Ready=/);
  expect(text.out).toMatch(/stockout-risk +1\.1\.0 +canary +10 \(live 0\) .*canary aborted/);
  expect(text.out).toMatch(/demand-forecast +1\.0\.0 +stable +100 +alert \(price\)/);
  expect(text.out).toMatch(/open issues \(\d\):/);

  // Without the engine: the state folder (status, hold, monitor snapshot, budgets) and the repo.
  const offline = JSON.parse(
    (await status(["--env", "production", "--state", stateDir, "--format", "json"])).out,
  ) as StatusReport;
  expect(offline.environments[0]).toMatchObject({ environment: "production", source: "state" });
  expect(
    offline.environments[0]!.models.find((m) => m.model === "demand-forecast")!.versions[0]!.drift?.status,
  ).toBe("alert");
  expect(offline.issues.length).toBe(report.issues.length);
});
