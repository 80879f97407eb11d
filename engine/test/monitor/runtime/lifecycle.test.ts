import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collect, type Forge } from "../../../src/forge/index.js";
import { manualClock, type ManualClock } from "../../../src/monitor/index.js";
import {
  MonitorRuntime,
  monitorSpecFromRegistry,
  type MonitorSpec,
} from "../../../src/monitor/runtime/index.js";
import type { InferenceObservation } from "../../../src/serving/index.js";
import { createGitHubHarness, createLocalHarness, type ForgeHarness } from "../../forge/harness.js";
import { demandRows, templateState } from "./helpers.js";

/**
 * The issue lifecycle through the runtime on both forges: opens after 2 breaching windows, updates,
 * comments on escalation, closes after 3 healthy ones, and after a restart (with or without the state
 * file) updates the same issue instead of opening a second one. Observations are fed directly (one
 * 100-row batch per window), so no model runs here; the end-to-end tests serve real ones.
 */
const WINDOW = 100;
const FP = "production/demand-forecast/1.0.0/drift";

type Shift = { price?: number; units?: number; temperature?: number };

function batch(seed: number, shift: Shift = {}): InferenceObservation {
  const rows = demandRows(WINDOW, seed, shift.price ?? 1);
  const column = (f: (r: (typeof rows)[number]) => number) => ({
    datatype: "FP32" as const,
    dims: [WINDOW, 1],
    data: Float32Array.from(rows.map(f)),
  });
  return {
    model: "demand-forecast",
    version: "1.0.0",
    role: "stable",
    requestId: undefined,
    rows: WINDOW,
    inputs: {
      price: column((r) => r.price),
      promo_flag: column((r) => r.promo_flag),
      day_of_week: column((r) => r.day_of_week),
      avg_daily_units_7d: column((r) => Math.min(500, r.avg_daily_units_7d * (shift.units ?? 1))),
      temperature_c: column((r) => r.temperature_c + (shift.temperature ?? 0)),
    },
    outputs: {},
    status: 200,
    durationMs: 1,
    at: 0,
  };
}

let spec: MonitorSpec;
let stateDir: string;
let clock: ManualClock;
let seed = 100;

async function window(runtime: MonitorRuntime, shift?: Shift): Promise<void> {
  runtime.observe(batch(seed++, shift));
  clock.advance(60_000);
  await runtime.evaluate();
}

const harnesses: [string, () => Promise<ForgeHarness>][] = [
  ["local forge", createLocalHarness],
  ["GitHub forge (local GitHub-shaped server)", createGitHubHarness],
];

describe.each(harnesses)("issue lifecycle on the %s", (_name, create) => {
  let h: ForgeHarness;
  const make = (forge: Forge, dir = stateDir) =>
    new MonitorRuntime({
      spec,
      forge,
      stateDir: dir,
      clock,
      drift: { window_size: WINDOW, min_window_ms: 0 },
    });
  const issues = async (forge: Forge) =>
    (await collect(forge.listIssues({ state: "all" }))).filter((i) =>
      i.fingerprint.startsWith("production/"),
    );

  beforeEach(async () => {
    h = await create();
    const state = await templateState();
    spec = monitorSpecFromRegistry(state, "production", "abc123");
    spec.models = spec.models.filter((m) => m.model === "demand-forecast");
    stateDir = await mkdtemp(join(tmpdir(), "modelgate-lifecycle-"));
    clock = manualClock(Date.parse("2026-11-23T12:00:00Z"));
  });
  afterEach(async () => {
    if ("fake" in h) (h as { fake: { assertClean(): void } }).fake.assertClean();
    await h.cleanup();
    await rm(stateDir, { recursive: true, force: true });
  });

  it("opens, updates, escalates with a comment, closes; never duplicates", async () => {
    const runtime = make(h.forge);
    await window(runtime);
    await window(runtime, { price: 3 });
    expect(await issues(h.forge)).toEqual([]);
    await window(runtime, { price: 3 });
    let found = await issues(h.forge);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ fingerprint: FP, state: "open" });
    expect(found[0]!.labels).toEqual(expect.arrayContaining(["modelgate", "drift", "severity:alert"]));
    // Prices, demand and temperature shift: 3 of 5 inputs drift → dataset drift → critical.
    await window(runtime, { price: 3, units: 4, temperature: 15 });
    found = await issues(h.forge);
    expect(found).toHaveLength(1);
    expect(found[0]!.labels).toContain("severity:critical");
    expect(found[0]!.title).toContain("critical, dataset");
    const comments = await h.issueComments(FP);
    expect(comments.some((c) => c.includes("Escalated from **alert** to **critical**"))).toBe(true);
    await window(runtime);
    await window(runtime);
    expect((await issues(h.forge))[0]!.state).toBe("open");
    await window(runtime);
    found = await issues(h.forge);
    expect(found).toHaveLength(1);
    expect(found[0]!.state).toBe("closed");
  });

  it("after a restart (state file or not) updates the same issue and closes it", async () => {
    const first = make(h.forge);
    await window(first, { price: 3 });
    await window(first, { price: 3 });
    expect(await issues(h.forge)).toHaveLength(1);
    await first.stop();

    // Restart with the state file: the lifecycle goes on where it was.
    const second = make(h.restart());
    await window(second, { price: 3 });
    expect(await issues(h.forge)).toHaveLength(1);
    await second.stop();

    // Restart with the state folder lost: the open issue is found on the forge by its marker.
    const emptyState = await mkdtemp(join(tmpdir(), "modelgate-lifecycle-lost-"));
    try {
      const forge = h.restart();
      const third = make(forge, emptyState);
      await window(third, { price: 3 });
      let found = await issues(forge);
      expect(found).toHaveLength(1);
      expect(found[0]!.state).toBe("open");
      for (let i = 0; i < 3; i += 1) await window(third);
      found = await issues(forge);
      expect(found).toHaveLength(1);
      expect(found[0]!.state).toBe("closed");
    } finally {
      await rm(emptyState, { recursive: true, force: true });
    }
  });

  it("a retrain-overdue version gets its own issue at once, closed when the version leaves", async () => {
    clock.set(Date.parse("2026-12-05T00:00:00Z")); // 1.0.0 trained 2026-09-01, retrain after 90 days
    const runtime = make(h.forge);
    await runtime.evaluate();
    const found = (await issues(h.forge)).filter((i) => i.fingerprint.endsWith("/retrain"));
    expect(found).toHaveLength(1);
    expect(found[0]!.fingerprint).toBe("production/demand-forecast/1.0.0/retrain");
    expect(found[0]!.title).toBe("Retrain overdue: demand-forecast 1.0.0 in production (94 days)");
    expect(found[0]!.labels).toEqual(expect.arrayContaining(["retrain", "severity:alert"]));
    await runtime.evaluate();
    expect((await issues(h.forge)).filter((i) => i.fingerprint.endsWith("/retrain"))).toHaveLength(1);
    // 1.1.0 (trained 2026-10-01) replaces 1.0.0: the old version's issue closes, the new one has none.
    const next = structuredClone(spec);
    next.models[0]!.versions = [
      { version: "1.1.0", role: "stable", weight: 100, trained_at: "2026-10-01T12:00:00Z" },
    ];
    runtime.configure(next);
    await runtime.evaluate();
    const after = await issues(h.forge);
    expect(after.map((i) => [i.fingerprint, i.state])).toEqual([
      ["production/demand-forecast/1.0.0/retrain", "closed"],
    ]);
  });
});
