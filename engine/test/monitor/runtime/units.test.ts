import { describe, expect, it } from "vitest";
import {
  cell,
  featureColumns,
  MonitorRuntime,
  removeCanary,
  twoProportionZTest,
  upperTailNormal,
  type MonitorSpec,
} from "../../../src/monitor/runtime/index.js";
import type { InferenceObservation } from "../../../src/serving/index.js";
import { demandRows, templateState } from "./helpers.js";

describe("two-proportion z-test", () => {
  it("matches hand-computed values and the normal tail", () => {
    // 10/200 vs 25/200: pooled 0.0875, se = sqrt(0.0875·0.9125·0.01) = 0.028257, z = 0.075/0.028257
    const t = twoProportionZTest({ bad: 10, total: 200 }, { bad: 25, total: 200 });
    expect(t.z).toBeCloseTo(2.6542, 3);
    expect(t.p_value).toBeCloseTo(0.003975, 5); // scipy.stats.norm.sf(2.6542)
    expect(upperTailNormal(1.959964)).toBeCloseTo(0.025, 6);
    expect(upperTailNormal(-1.959964)).toBeCloseTo(0.975, 6);
    expect(upperTailNormal(0)).toBeCloseTo(0.5, 7);
  });
  it("has no evidence without samples or events", () => {
    expect(twoProportionZTest({ bad: 0, total: 100 }, { bad: 0, total: 100 })).toMatchObject({
      z: 0,
      p_value: 1,
    });
    expect(twoProportionZTest({ bad: 0, total: 0 }, { bad: 5, total: 10 }).p_value).toBe(1);
  });
});

describe("feature columns", () => {
  it("reads the positive-class column of a [-1, 2] output, or the baseline's `column`", async () => {
    const contract = (await templateState()).contracts["stockout-risk"]!.data;
    expect(featureColumns(contract.outputs, contract.baseline?.outputs)).toEqual([
      { feature: "probabilities", column: 1 },
    ]);
    const explicit = { probabilities: { ...contract.baseline!.outputs!.probabilities!, column: 0 } };
    expect(featureColumns(contract.outputs, explicit)).toEqual([{ feature: "probabilities", column: 0 }]);
    const probabilities = {
      datatype: "FP32" as const,
      dims: [2, 2],
      data: Float32Array.of(0.75, 0.25, 0.5, 0.5),
    };
    expect(cell(probabilities, 0, 1)).toBe(0.25);
    expect(cell(probabilities, 1, 0)).toBe(0.5);
    expect(cell({ datatype: "INT64", dims: [1], data: BigInt64Array.of(1n) }, 0, 0)).toBe(1);
  });
});

describe("revert of a canary in environments/<env>.yaml", () => {
  it("removes the canary, gives its weight to stable and keeps comments", () => {
    const text = [
      "name: production",
      "models:",
      "  stockout-risk:",
      "    traffic: # weights sum to 100",
      "      - { version: 1.0.0, weight: 90 } # role defaults to stable",
      "      - { version: 1.1.0, weight: 10, role: canary }",
      "    validation: reject",
      "",
    ].join("\n");
    const out = removeCanary(text, "stockout-risk", "1.1.0")!;
    expect(out).toContain("# weights sum to 100");
    expect(out).toContain("- { version: 1.0.0, weight: 100 } # role defaults to stable");
    expect(out).not.toContain("1.1.0");
    expect(removeCanary(text, "stockout-risk", "9.9.9")).toBeUndefined();
    expect(removeCanary(text, "nope", "1.1.0")).toBeUndefined();
  });
});

describe("canary analysis on observations", () => {
  it("aborts a canary that answers 5xx once both sides have enough requests, and only once", async () => {
    const contract = (await templateState()).contracts["demand-forecast"]!.data;
    const spec: MonitorSpec = {
      environment: "production",
      models: [
        {
          model: "demand-forecast",
          contract,
          versions: [
            { version: "1.0.0", role: "stable", weight: 90 },
            { version: "1.1.0", role: "canary", weight: 10 },
          ],
        },
      ],
    };
    const aborted: string[] = [];
    const issues: string[] = [];
    const closed: string[] = [];
    const runtime = new MonitorRuntime({
      spec,
      canary: { min_samples: 50 },
      actuator: {
        abortCanary: ({ version, stable }) => {
          aborted.push(`${version}→${stable}`);
          return Promise.resolve();
        },
      },
      forge: {
        ensureIssue: (s) => Promise.resolve(void issues.push(s.fingerprint)),
        closeIssue: (fingerprint) => Promise.resolve(void closed.push(fingerprint)),
        commentOnIssue: () => Promise.resolve(),
      },
    });
    const observe = (version: string, status: number): void => {
      const o: InferenceObservation = {
        model: "demand-forecast",
        version,
        role: version === "1.0.0" ? "stable" : "canary",
        requestId: undefined,
        rows: 1,
        status,
        durationMs: 2,
        at: 0,
      };
      runtime.observe(o);
    };
    for (let i = 0; i < 450; i += 1) observe("1.0.0", i % 150 === 0 ? 500 : 200); // 0.7% errors
    for (let i = 0; i < 40; i += 1) observe("1.1.0", i % 4 === 0 ? 500 : 200); // 25% errors
    await runtime.evaluate();
    expect(aborted).toEqual([]); // 40 < min_samples
    for (let i = 0; i < 20; i += 1) observe("1.1.0", i % 4 === 0 ? 500 : 200);
    await runtime.evaluate();
    expect(aborted).toEqual(["1.1.0→1.0.0"]);
    expect(issues).toEqual(["production/demand-forecast/1.1.0/canary"]);
    await runtime.evaluate();
    expect(aborted).toHaveLength(1);
    expect(runtime.snapshot().models[0]!.versions[1]!.canary).toMatchObject({ aborted: true });
    // Git makes 1.1.0 stable after all: the canary issue closes.
    const next = structuredClone(spec);
    next.models[0]!.versions = [{ version: "1.1.0", role: "stable", weight: 100 }];
    runtime.configure(next);
    await runtime.evaluate();
    expect(closed).toEqual(["production/demand-forecast/1.1.0/canary"]);
  });
});

describe("prediction store", () => {
  it("joins by id or id#row once, evicts the oldest beyond capacity, forgets past the window", async () => {
    const { PredictionStore } = await import("../../../src/monitor/runtime/prediction-store.js");
    const store = new PredictionStore(3, 1000);
    const t = (values: number[]) => ({
      datatype: "FP32" as const,
      dims: [values.length, 1],
      data: Float32Array.from(values),
    });
    store.record("a", "1.0.0", t([1]), 0, 1, 0);
    store.record("b", "1.0.0", t([2, 3]), 0, 2, 0);
    expect(store.take("a", 10)).toEqual({ version: "1.0.0", prediction: 1 });
    expect(store.take("a", 10)).toBeUndefined();
    expect(store.take("b", 10)).toBeUndefined(); // a batch needs its row
    expect(store.take("b#1", 10)).toEqual({ version: "1.0.0", prediction: 3 });
    expect(store.take("b#1", 10)).toBeUndefined();
    expect(store.take("b#2", 10)).toBeUndefined();
    store.record("c", "1.1.0", t([4]), 0, 1, 0);
    store.record("d", "1.1.0", t([5]), 0, 1, 0);
    store.record("e", "1.1.0", t([6]), 0, 1, 0); // the 5th record: the ring overwrites b's slot, then c's
    store.record("f", "1.1.0", t([7]), 0, 1, 0);
    expect(store.take("b#0", 10)).toBeUndefined();
    expect(store.take("c", 10)).toBeUndefined();
    expect(store.take("d", 10)).toEqual({ version: "1.1.0", prediction: 5 });
    expect(store.take("e", 2000)).toBeUndefined(); // older than the window
    expect(store.size).toBe(1);
  });

  it("keeps the predicted values, not the output tensor (later changes to the tensor do not show)", async () => {
    const { PredictionStore } = await import("../../../src/monitor/runtime/prediction-store.js");
    const store = new PredictionStore(10, 1000);
    // Two columns, the store reads column 1: a batch of 3 and a single request, numbers and strings.
    const batch = { datatype: "FP32" as const, dims: [3, 2], data: Float32Array.from([0, 1, 0, 2, 0, 3]) };
    const single = { datatype: "BYTES" as const, dims: [1, 2], data: ["no", "yes"] };
    const labels = { datatype: "BYTES" as const, dims: [2, 2], data: ["a", "b", "c", "d"] };
    store.record("batch", "1.0.0", batch, 1, 3, 0);
    store.record("single", "1.0.0", single, 1, 1, 0);
    store.record("labels", "1.0.0", labels, 1, 2, 0);
    batch.data.fill(9);
    single.data[1] = "changed";
    labels.data[3] = "changed";
    expect(store.take("batch#2", 1)).toEqual({ version: "1.0.0", prediction: 3 });
    expect(store.take("batch#0", 1)).toEqual({ version: "1.0.0", prediction: 1 });
    expect(store.take("single", 1)).toEqual({ version: "1.0.0", prediction: "yes" });
    expect(store.take("labels#1", 1)).toEqual({ version: "1.0.0", prediction: "d" });
  });
  it("reuses a slot's column when the ring comes round, without mixing batches", async () => {
    const { PredictionStore } = await import("../../../src/monitor/runtime/prediction-store.js");
    const store = new PredictionStore(2, 1000);
    const t = (values: number[]) => ({
      datatype: "FP32" as const,
      dims: [values.length, 1],
      data: Float32Array.from(values),
    });
    const owned = t([1, 2, 3]); // a one-column output that owns its buffer: still copied
    store.record("a", "1.0.0", owned, 0, 3, 0);
    owned.data.fill(9);
    expect(store.take("a#2", 1)).toEqual({ version: "1.0.0", prediction: 3 });
    store.record("b", "1.0.0", t([4, 5, 6, 7]), 0, 4, 0);
    store.record("c", "1.1.0", t([8, 9]), 0, 2, 0); // a's slot (and its array of 3) again
    expect(store.take("a#0", 1)).toBeUndefined();
    expect(store.take("c#1", 1)).toEqual({ version: "1.1.0", prediction: 9 });
    expect(store.take("c#2", 1)).toBeUndefined(); // the slot's array is longer than c
    store.record("d", "1.1.0", t([10, 11, 12, 13, 14]), 0, 5, 0); // evicts b, grows b's slot array
    expect(store.take("b#3", 1)).toBeUndefined();
    expect(store.take("d#4", 1)).toEqual({ version: "1.1.0", prediction: 14 });
    expect(store.take("c#0", 1)).toEqual({ version: "1.1.0", prediction: 8 });
    expect(store.evicted).toBe(2); // a (two rows unlabelled) and b
  });
});

describe("SLO burn and restarts", () => {
  it("a burst of 5xx pages (critical SLO issue) and a canary abort survives a restart", async () => {
    const { mkdtemp, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { manualClock } = await import("../../../src/monitor/index.js");
    const state = await templateState();
    const { monitorSpecFromRegistry } = await import("../../../src/monitor/runtime/index.js");
    const spec = monitorSpecFromRegistry(state, "production", "abc");
    spec.models = spec.models.filter((m) => m.model === "stockout-risk");
    const dir = await mkdtemp(join(tmpdir(), "modelgate-units-"));
    const clock = manualClock(Date.parse("2026-11-23T12:00:00Z"));
    const written: { fingerprint: string; labels: string[] }[] = [];
    const forge = {
      ensureIssue: (s: { fingerprint: string; labels?: string[] }) =>
        Promise.resolve(void written.push({ fingerprint: s.fingerprint, labels: s.labels ?? [] })),
      closeIssue: () => Promise.resolve(),
      commentOnIssue: () => Promise.resolve(),
    };
    let aborts = 0;
    const make = () =>
      new MonitorRuntime({
        spec,
        forge,
        stateDir: dir,
        clock,
        canary: { min_samples: 50 },
        actuator: { abortCanary: () => Promise.resolve(void (aborts += 1)) },
      });
    const observe = (runtime: MonitorRuntime, version: string, status: number, n: number) => {
      for (let i = 0; i < n; i += 1)
        runtime.observe({
          model: "stockout-risk",
          version,
          role: version === "1.0.0" ? "stable" : "canary",
          requestId: undefined,
          rows: 1,
          status,
          durationMs: 3,
          at: 0,
        });
    };
    try {
      const first = make();
      observe(first, "1.0.0", 200, 300);
      observe(first, "1.1.0", 500, 60); // the canary fails every request: 5xx burn on 1.1.0, and an abort
      await first.evaluate();
      clock.advance(60_000);
      await first.evaluate(); // the SLO lifecycle needs 2 breaching evaluations
      expect(aborts).toBe(1);
      const slo = written.filter((w) => w.fingerprint === "production/stockout-risk/1.1.0/slo");
      expect(slo.length).toBeGreaterThan(0);
      expect(slo.at(-1)!.labels).toContain("severity:critical");
      expect(written.some((w) => w.fingerprint === "production/stockout-risk/1.0.0/slo")).toBe(false);
      await first.stop();

      const second = make();
      observe(second, "1.0.0", 200, 300);
      observe(second, "1.1.0", 500, 60);
      await second.evaluate();
      expect(aborts).toBe(1); // remembered in monitor.json
      expect(second.snapshot().models[0]!.versions[1]!.canary).toMatchObject({ aborted: true });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("revert proposals", () => {
  it("use the reconciler's rollback when the earlier weights had no canary, else remove the canary", async () => {
    const { createTempGitRepo } = await import("../../helpers/temp-git.js");
    const { LocalForge } = await import("../../../src/forge/index.js");
    const { GitRevertProposer } = await import("../../../src/monitor/runtime/index.js");
    const repo = await createTempGitRepo({ fromTemplate: true, prefix: "modelgate-revert-" });
    try {
      const forge = new LocalForge({ repo: repo.dir });
      const proposer = new GitRevertProposer({ repo: repo.dir, forge });
      const input = { environment: "production", model: "stockout-risk", version: "1.1.0", reason: "errors" };
      // The template's first commit already has the canary: nothing earlier to roll back to.
      await repo.commit("template");
      const first = await proposer.proposeRevert(input);
      expect(first).toMatchObject({ number: 1 });
      expect((await forge.listChangeRequestRecords())[0]!.branch).toBe(
        "modelgate/abort-production-stockout-risk-1.1.0",
      );
      // A later commit adds a canary to demand-forecast: the rollback restores the weights before it.
      const path = "environments/production.yaml";
      const text = await repo.git("show", `HEAD:${path}`);
      await repo.write(
        path,
        text.replace(
          "      - { version: 1.0.0, weight: 100 }\n    validation: reject\n    batching",
          "      - { version: 1.0.0, weight: 80 }\n      - { version: 1.1.0, weight: 20, role: canary }\n    validation: reject\n    batching",
        ),
      );
      await repo.commit("canary demand-forecast 1.1.0");
      const second = await proposer.proposeRevert({ ...input, model: "demand-forecast" });
      expect(second).toMatchObject({ number: 2 });
      const record = (await forge.listChangeRequestRecords()).find((r) => r.number === 2)!;
      expect(record.branch).toMatch(/^modelgate\/rollback-production-demand-forecast-/);
      expect(record.title).toMatch(/^Abort canary demand-forecast 1\.1\.0 in production: /);
      const proposed = await repo.git("show", `${record.branch}:${path}`);
      expect(proposed).toContain("- { version: 1.0.0, weight: 100 }");
    } finally {
      await repo.cleanup();
    }
  });
});

describe("drift sampling under load", () => {
  it("asks the server for every k-th request's inputs once rows exceed max_rows_per_second", async () => {
    const { manualClock } = await import("../../../src/monitor/index.js");
    const contract = (await templateState()).contracts["demand-forecast"]!.data;
    const clock = manualClock(0);
    const runtime = new MonitorRuntime({
      spec: {
        environment: "production",
        models: [
          {
            model: "demand-forecast",
            contract,
            versions: [{ version: "1.0.0", role: "stable", weight: 100 }],
          },
        ],
      },
      clock,
      drift: { max_rows_per_second: 10 },
    });
    const observation = (withInputs: boolean): InferenceObservation => ({
      model: "demand-forecast",
      version: "1.0.0",
      role: "stable",
      requestId: undefined,
      rows: 1,
      ...(withInputs ? { inputs: {} } : {}),
      outputs: { predicted_units: { datatype: "FP32", dims: [1, 1], data: Float32Array.of(5) } },
      status: 200,
      durationMs: 1,
      at: 0,
    });
    const ask = () => runtime.wantsInputs("demand-forecast", "1.0.0");
    expect(Array.from({ length: 5 }, ask)).toEqual([true, true, true, true, true]); // stride 1 at first
    for (let i = 0; i < 100; i += 1) runtime.observe(observation(true)); // 100 rows in the first second
    clock.advance(1000);
    runtime.observe(observation(true)); // the stride becomes ceil(100 / 10) = 10
    const answers = Array.from({ length: 30 }, ask);
    expect(answers.filter(Boolean)).toHaveLength(3);
    expect(runtime.snapshot().models[0]!.versions[0]!.drift.sampled_every).toBe(10);
    expect(runtime.wantsInputs("nope", "1.0.0")).toBe(false);
    expect(runtime.snapshot().models[0]!.versions[0]!.drift.observations_in_window).toBe(101);
    runtime.observe(observation(false)); // not sampled: no drift rows
    expect(runtime.snapshot().models[0]!.versions[0]!.drift.observations_in_window).toBe(101);
  });

  it("reads every k-th row across batches by column, closing windows mid-request as row by row would", async () => {
    const { manualClock, DriftMonitor } = await import("../../../src/monitor/index.js");
    const contract = (await templateState()).contracts["demand-forecast"]!.data;
    const clock = manualClock(0);
    const runtime = new MonitorRuntime({
      spec: {
        environment: "production",
        models: [
          {
            model: "demand-forecast",
            contract,
            versions: [{ version: "1.0.0", role: "stable", weight: 100 }],
          },
        ],
      },
      clock,
      drift: { max_rows_per_second: 10, window_size: 7, min_window_ms: 0 },
    });
    // The reference: the rows the runtime should read, fed one at a time, a window closed every 7.
    const reference = DriftMonitor.fromContract(contract, {
      window: { kind: "count", size: Number.MAX_SAFE_INTEGER },
      clock,
    });
    const rows = demandRows(400, 5, 1.6);
    const names = ["price", "promo_flag", "day_of_week", "avg_daily_units_7d", "temperature_c"] as const;
    let next = 0;
    let position = 0;
    let inWindow = 0;
    let stride = 0;
    let read = 0;
    let last: ReturnType<typeof reference.flush>;
    const random = seededRandomForTest(9);
    while (next < rows.length) {
      const batch = rows.slice(next, next + 1 + Math.floor(random() * 9));
      next += batch.length;
      // After the first second's rows, the stride becomes ceil(rows / 10) (the clock stops there).
      if (next > 40 && stride === 0) {
        clock.advance(1000);
        stride = Math.ceil((next - batch.length) / 10);
      }
      const tensor = (values: number[]) => ({
        datatype: "FP32" as const,
        dims: [batch.length, 1],
        data: Float32Array.from(values),
      });
      runtime.observe({
        model: "demand-forecast",
        version: "1.0.0",
        role: "stable",
        requestId: undefined,
        rows: batch.length,
        inputs: Object.fromEntries(names.map((n) => [n, tensor(batch.map((r) => r[n]))])),
        outputs: { predicted_units: tensor(batch.map((r) => r.price * 3)) },
        status: 200,
        durationMs: 1,
        at: clock(),
      });
      for (const row of batch) {
        if (stride > 1 && ++position % stride !== 0) continue;
        read += 1;
        const f32 = (x: number) => Math.fround(x);
        reference.observe(Object.fromEntries(names.map((n) => [n, f32(row[n])])), {
          predicted_units: f32(row.price * 3),
        });
        if (++inWindow === 7) {
          last = reference.flush(clock());
          inWindow = 0;
        }
      }
    }
    await runtime.evaluate();
    const drift = runtime.snapshot().models[0]!.versions[0]!.drift;
    expect(stride).toBeGreaterThan(2);
    expect(read).toBeLessThan(rows.length / 2);
    expect(last!.window.index).toBeGreaterThan(10);
    expect(drift.window).toBe(last!.window.index);
    expect(drift.observations_in_window).toBe(inWindow);
    expect(drift.top).toEqual(
      last!.features
        .filter((f) => f.verdict !== "insufficient")
        .sort((a, b) => b.psi - a.psi)
        .slice(0, 3)
        .map((f) => ({ feature: f.feature, psi: f.psi, verdict: f.verdict })),
    );
  });
});

function seededRandomForTest(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 16807) % 2147483647) - 1) / 2147483646;
}
