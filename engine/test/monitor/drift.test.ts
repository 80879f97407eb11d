import { describe, expect, it } from "vitest";
import { manualClock } from "../../src/monitor/clock.js";
import { DriftMonitor, driftThresholdsFromSlo, type DriftReport } from "../../src/monitor/drift/monitor.js";
import {
  binnedKolmogorovSmirnov,
  chiSquareGoodnessOfFit,
  populationStabilityIndex,
} from "../../src/monitor/drift/statistics.js";
import type { CorrectionMethod } from "../../src/monitor/stats/correction.js";
import { drawRow, NORMAL_DECILES, SEVEN_FEATURES, type Shift } from "./fixtures.js";
import { seededRandom } from "./random.js";

describe("drift statistics", () => {
  it("PSI matches the hand-computed value and uses epsilon for empty bins", () => {
    // (0.6−0.5)·ln(0.6/0.5) + (0.4−0.5)·ln(0.4/0.5) = 0.0405465108
    expect(populationStabilityIndex([0.5, 0.5], [60, 40])).toBeCloseTo(0.0405465108, 9);
    expect(populationStabilityIndex([0.5, 0.5], [50, 50])).toBe(0);
    const empty = populationStabilityIndex([0.5, 0.5], [100, 0], { epsilon: 1e-4 });
    expect(empty).toBeCloseTo(0.5 * Math.log(1 / 0.5) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5), 9);
    expect(Number.isFinite(empty)).toBe(true);
  });

  it("chi-square GOF matches scipy.stats.chisquare", () => {
    // scipy: chisquare([18, 22, 30, 30], [25, 25, 25, 25]) → statistic 4.32, p 0.22891886433610517
    const r = chiSquareGoodnessOfFit([0.25, 0.25, 0.25, 0.25], [18, 22, 30, 30], { ordered: true });
    expect(r.statistic).toBeCloseTo(4.32, 10);
    expect(r.dof).toBe(3);
    expect(r.pValue).toBeCloseTo(0.22891886433610517, 10);
  });

  it("merges bins with expected counts below 5 before testing", () => {
    // n = 20: expected 1, 1, 8, 10 → adjacent merge gives groups {0.05+0.05+0.4} and {0.5}
    const ordered = chiSquareGoodnessOfFit([0.05, 0.05, 0.4, 0.5], [2, 0, 8, 10], { ordered: true });
    expect(ordered.groups).toBe(2);
    expect(ordered.dof).toBe(1);
    const categorical = chiSquareGoodnessOfFit([0.4, 0.05, 0.5, 0.05], [8, 2, 10, 0], { ordered: false });
    expect(categorical.groups).toBe(2);
  });

  it("accounts for the baseline's own sampling noise", () => {
    const plain = chiSquareGoodnessOfFit([0.5, 0.5], [600, 400], { ordered: true });
    const adjusted = chiSquareGoodnessOfFit([0.5, 0.5], [600, 400], { ordered: true, baselineCount: 1000 });
    expect(adjusted.statistic).toBeCloseTo(plain.statistic / 2, 10);
    expect(adjusted.pValue).toBeGreaterThan(plain.pValue);
  });

  it("binned KS takes the largest CDF gap at the edges", () => {
    const r = binnedKolmogorovSmirnov([0.25, 0.25, 0.25, 0.25], [40, 30, 20, 10]);
    expect(r.statistic).toBeCloseTo(0.2, 12); // F_obs(edge 2) = 0.7 vs 0.5
    expect(r.pValue).toBeLessThan(0.001);
  });
});

describe("DriftMonitor windows and counters", () => {
  const baseline = {
    count: 1000,
    inputs: {
      x: { edges: [0, 1, 2, 3], proportions: [0.3, 0.4, 0.3] },
      c: { frequencies: { a: 0.5, b: 0.5 } },
    },
    outputs: { p: { edges: [0, 0.5, 1], proportions: [0.5, 0.5] } },
  };

  it("closes a count window every N observations and counts overflow, unseen and missing", () => {
    const monitor = new DriftMonitor(baseline, { window: { kind: "count", size: 4 }, min_samples: 1 });
    expect(monitor.observe({ x: -1, c: "a" }, { p: 0.2 })).toBeUndefined();
    expect(monitor.observe({ x: 3, c: "zzz" }, { p: 1 })).toBeUndefined(); // 3 is the last edge: in range
    expect(monitor.observe({ x: 3.5, c: null }, { p: 0.7 })).toBeUndefined();
    const report = monitor.observe({ x: Number.NaN, c: "b" }, {});
    expect(report).toBeDefined();
    const x = report!.features.find((f) => f.feature === "x")!;
    expect(x.count).toBe(3);
    expect(x.missing).toBe(1);
    expect(x.out_of_range_share).toBeCloseTo(2 / 3, 12);
    const c = report!.features.find((f) => f.feature === "c")!;
    expect(c.unseen_share).toBeCloseTo(1 / 3, 12);
    expect(c.unseen_examples).toEqual(["zzz"]);
    expect(report!.features.find((f) => f.feature === "p")!.role).toBe("output");
    expect(report!.window.observations).toBe(4);
    // The next window starts empty.
    expect(monitor.flush()).toBeUndefined();
  });

  it("closes time windows on the injected clock, by observation or by tick", () => {
    const clock = manualClock(10_000);
    const monitor = new DriftMonitor(baseline, {
      window: { kind: "time", duration_ms: 60_000 },
      clock,
      min_samples: 1,
    });
    monitor.observe({ x: 1.5, c: "a" });
    clock.advance(30_000);
    monitor.observe({ x: 1.5, c: "b" });
    expect(monitor.tick()).toBeUndefined();
    clock.set(60_000);
    const first = monitor.tick();
    expect(first?.window).toMatchObject({ start_ms: 0, end_ms: 60_000, observations: 2, index: 0 });
    clock.set(200_000);
    monitor.observe({ x: 0.5, c: "a" });
    clock.set(250_000);
    const second = monitor.observe({ x: 0.5, c: "a" });
    expect(second?.window).toMatchObject({ start_ms: 180_000, end_ms: 240_000, observations: 1, index: 1 });
  });

  it("takes thresholds from the SLO's objectives.drift", () => {
    const t = driftThresholdsFromSlo({ objectives: { drift: { psi_alert: 0.3, p_value: 0.01 } } });
    expect(t).toMatchObject({ psi_warn: 0.1, psi_alert: 0.3, p_value: 0.01, dataset_share: 0.5 });
  });

  it("rejects malformed baselines", () => {
    expect(
      () =>
        new DriftMonitor(
          { count: 1, inputs: { x: { edges: [0, 2, 1], proportions: [0.5, 0.5] } } },
          {
            window: { kind: "count", size: 10 },
          },
        ),
    ).toThrow(/ascending/);
    expect(
      () =>
        new DriftMonitor(
          { count: 1, inputs: { c: { frequencies: { a: 0.5, b: 0.2 } } } },
          {
            window: { kind: "count", size: 10 },
          },
        ),
    ).toThrow(/sum/);
  });

  it("keeps a small fixed state per feature", () => {
    const monitor = DriftMonitor.fromContract(SEVEN_FEATURES, { window: { kind: "count", size: 200 } });
    const before = monitor.approxBytesPerFeature();
    const rng = seededRandom(3);
    for (let i = 0; i < 5_000; i += 1) monitor.observe(drawRow(rng, { newCategory: 0.5 }).inputs);
    expect(monitor.approxBytesPerFeature()).toBe(before);
    expect(before).toBeLessThan(1024);
  });
});

/** Samples after `changeAt` until `feature` gets a drift verdict (window size W). */
function detectionDelay(seed: number, shift: Shift, feature: string, size: number, changeAt: number): number {
  const rng = seededRandom(seed);
  const monitor = DriftMonitor.fromContract(SEVEN_FEATURES, { window: { kind: "count", size } });
  for (let i = 1; i <= changeAt + 50 * size; i += 1) {
    const row = drawRow(rng, i > changeAt ? shift : {});
    const report = monitor.observe(row.inputs, row.outputs);
    if (report && i > changeAt && report.features.find((f) => f.feature === feature)?.verdict === "drift") {
      return i - changeAt;
    }
  }
  return Number.POSITIVE_INFINITY;
}

describe("detection of known shifts (window 200, change 163 samples before a window closes, 40 seeds)", () => {
  // The bounds stated in docs/monitoring.md ("Detection bounds"), in samples after the change. The first
  // window after the change holds 163 shifted rows, the next ones close at 363, 563, 763, 963.
  const cases: [string, Shift, string, number, number][] = [
    // name, shift, feature, bound on the 90th percentile over seeds, bound on the worst seed
    ["mean shift 1σ", { mean: 1 }, "x1", 200, 200],
    ["mean shift 0.5σ", { mean: 0.5 }, "x1", 400, 1000],
    ["variance ×1.5² (sd 1 → 1.5)", { sd: 1.5 }, "x1", 600, 1000],
    ["new category at 5%", { newCategory: 0.05 }, "color", 200, 200],
    ["3% above the range", { outOfRange: 0.03 }, "x1", 400, 400],
  ];
  it.each(cases)("%s", (_name, shift, feature, p90, worst) => {
    const delays = Array.from({ length: 40 }, (_, s) =>
      detectionDelay(s + 1, shift, feature, 200, 1037),
    ).sort((a, b) => a - b);
    expect(delays[35]).toBeLessThanOrEqual(p90);
    expect(delays.at(-1)).toBeLessThanOrEqual(worst);
  });
});

describe("false alarms on streams drawn from the baseline", () => {
  function falseAlarmRate(correction: CorrectionMethod, size: number, windows: number, seed: number) {
    const rng = seededRandom(seed);
    const monitor = DriftMonitor.fromContract(SEVEN_FEATURES, {
      window: { kind: "count", size },
      correction,
    });
    const reports: DriftReport[] = [];
    while (reports.length < windows) {
      const row = drawRow(rng);
      const report = monitor.observe(row.inputs, row.outputs);
      if (report) reports.push(report);
    }
    return {
      alert: reports.filter((r) => r.status === "alert" || r.status === "critical").length / windows,
      notOk: reports.filter((r) => r.status !== "ok").length / windows,
      dataset: reports.filter((r) => r.dataset_drift).length,
    };
  }
  it.each([
    ["bonferroni", 100],
    ["bonferroni", 200],
    ["benjamini-hochberg", 100],
    ["benjamini-hochberg", 200],
  ] as [CorrectionMethod, number][])(
    "%s, window %s: ≤ 5%% of 200 windows alert at α = 0.05",
    (correction, size) => {
      const { alert, dataset } = falseAlarmRate(correction, size, 200, 7);
      expect(alert).toBeLessThanOrEqual(0.05);
      expect(dataset).toBe(0);
    },
  );

  it("without a correction the per-window false-alarm rate is visibly higher than with one", () => {
    // 8 features tested per window: uncorrected, the chance that any one is significant grows with m.
    const none = DriftMonitor.fromContract(SEVEN_FEATURES, {
      window: { kind: "count", size: 100 },
      correction: "none",
      thresholds: { psi_alert: 0, psi_warn: 0 },
    });
    const bonf = DriftMonitor.fromContract(SEVEN_FEATURES, {
      window: { kind: "count", size: 100 },
      thresholds: { psi_alert: 0, psi_warn: 0 },
    });
    const rng = seededRandom(11);
    let alertsNone = 0;
    let alertsBonf = 0;
    for (let i = 0; i < 100 * 200; i += 1) {
      const row = drawRow(rng);
      if (none.observe(row.inputs, row.outputs)?.status === "alert") alertsNone += 1;
      if (bonf.observe(row.inputs, row.outputs)?.status === "alert") alertsBonf += 1;
    }
    expect(alertsBonf / 200).toBeLessThanOrEqual(0.05);
    expect(alertsNone).toBeGreaterThan(2 * alertsBonf);
  });
});

describe("dataset and prediction drift", () => {
  it("flags dataset drift when at least half the inputs drift, and prediction drift on outputs", () => {
    const monitor = DriftMonitor.fromContract(
      {
        name: "two",
        baseline: {
          count: 4000,
          inputs: { a: NORMAL_DECILES, b: NORMAL_DECILES },
          outputs: { y: NORMAL_DECILES },
        },
      },
      { window: { kind: "count", size: 300 } },
    );
    const rng = seededRandom(5);
    let report: DriftReport | undefined;
    for (let i = 0; i < 300; i += 1)
      report = monitor.observe({ a: rng.normal(1), b: rng.normal() }, { y: rng.normal(1) });
    expect(report?.drifted_inputs).toEqual(["a"]);
    expect(report?.drifted_share).toBe(0.5);
    expect(report?.dataset_drift).toBe(true);
    expect(report?.prediction_drift).toBe(true);
    expect(report?.status).toBe("critical");
  });

  it("reports insufficient data instead of a verdict on tiny windows", () => {
    const monitor = DriftMonitor.fromContract(SEVEN_FEATURES, { window: { kind: "count", size: 10 } });
    const rng = seededRandom(1);
    let report: DriftReport | undefined;
    for (let i = 0; i < 10; i += 1) report = monitor.observe(drawRow(rng, { mean: 3 }).inputs);
    expect(report?.status).toBe("insufficient");
  });
});
