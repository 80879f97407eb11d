import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { manualClock } from "../../src/monitor/clock.js";
import { parseDuration } from "../../src/shared/duration.js";
import { BucketRing } from "../../src/monitor/slo/bucket-ring.js";
import {
  buildBudgetSnapshot,
  readBudgetSnapshot,
  writeBudgetSnapshot,
} from "../../src/monitor/slo/budget-snapshot.js";
import { burnRate, evaluateBurnRateAlerts, remainingBudgetRatio } from "../../src/monitor/slo/burn-rate.js";
import { FeedbackJoiner } from "../../src/monitor/slo/quality.js";
import { SloTracker } from "../../src/monitor/slo/tracker.js";
import type { Slo } from "../../src/registry/types.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 10, 1); // a whole hour, so bucket boundaries line up

const slo: Slo = {
  name: "stockout-risk",
  window: "30d",
  objectives: {
    availability: { target: 0.999 },
    error_rate: { max: 0.01 },
    latency: { quantile: 0.99, threshold_ms: 50, target: 0.99 },
    quality: { metric: "accuracy", min: 0.8, window: "1d", min_samples: 10 },
  },
};

/** `perMinute` requests each minute from `from` for `minutes`, `bad` of them 503 (and `slow` of them slow). */
function feed(tracker: SloTracker, from: number, minutes: number, perMinute: number, bad: number, slow = 0) {
  for (let m = 0; m < minutes; m += 1) {
    tracker.recordCounts(
      { total: perMinute, server_errors: bad, errors: bad, slow },
      from + m * MIN + 30_000,
    );
  }
}

describe("burn-rate math", () => {
  it("worked example: 99.9% objective with 1.44% errors burns 14.4× the budget", () => {
    expect(burnRate(0.0144, 0.999)).toBeCloseTo(14.4, 10);
    expect(burnRate(0.001, 0.999)).toBeCloseTo(1, 10);
    // 30-day window: at 14.4× the whole budget is gone in 30d / 14.4 = 50 h; 1 h spends 2%.
    expect((1 / 14.4) * 30 * 24).toBeCloseTo(50, 10);
    expect(remainingBudgetRatio(500, 1_000_000, 0.999)).toBeCloseTo(0.5, 12);
    expect(remainingBudgetRatio(2000, 1_000_000, 0.999)).toBeCloseTo(-1, 12);
    expect(remainingBudgetRatio(0, 0, 0.999)).toBe(1);
  });

  it("an alert needs both windows at or above the factor", () => {
    const rule = { severity: "page" as const, long_window: "1h", short_window: "5m", factor: 14.4 };
    expect(evaluateBurnRateAlerts("availability", [rule], { "1h": 15, "5m": 20 })).toHaveLength(1);
    expect(evaluateBurnRateAlerts("availability", [rule], { "1h": 15, "5m": 2 })).toHaveLength(0);
    expect(evaluateBurnRateAlerts("availability", [rule], { "1h": 10, "5m": 20 })).toHaveLength(0);
  });

  it("a window with fewer than min_events requests cannot fire an alert", () => {
    const rule = { severity: "page" as const, long_window: "1h", short_window: "5m", factor: 14.4 };
    const rates = { "1h": 300, "5m": 300 };
    const guard = (long: number, short: number) => ({
      requests: { "1h": long, "5m": short },
      min_events: 20,
    });
    expect(evaluateBurnRateAlerts("availability", [rule], rates, guard(40, 20))).toHaveLength(1);
    expect(evaluateBurnRateAlerts("availability", [rule], rates, guard(40, 19))).toHaveLength(0);
    expect(evaluateBurnRateAlerts("availability", [rule], rates, guard(19, 19))).toHaveLength(0);
    expect(
      evaluateBurnRateAlerts("availability", [rule], rates, {
        requests: { "1h": 3, "5m": 3 },
        min_events: 0,
      }),
    ).toHaveLength(1);
  });

  it("parses SLO durations", () => {
    expect(parseDuration("5m")).toBe(5 * MIN);
    expect(parseDuration("3d")).toBe(72 * HOUR);
    expect(parseDuration("1h30m")).toBe(90 * MIN);
    expect(() => parseDuration("30 days")).toThrow(/invalid duration/);
  });
});

describe("BucketRing", () => {
  it("sums windows and forgets buckets older than its span", () => {
    const ring = new BucketRing({ bucketMs: MIN, spanMs: 10 * MIN, columns: 2 });
    for (let m = 0; m < 10; m += 1) ring.add(T0 + m * MIN, [1, m]);
    expect(ring.sum(T0 + 9 * MIN, 5 * MIN)).toEqual([5, 5 + 6 + 7 + 8 + 9]);
    expect(ring.sum(T0 + 9 * MIN, 60 * MIN)).toEqual([10, 45]); // clamped to the span
    ring.add(T0 + 10 * MIN, [1, 100]); // recycles minute 0's slot
    expect(ring.sum(T0 + 10 * MIN, 10 * MIN)).toEqual([10, 45 - 0 + 100]);
    expect(ring.sum(T0 + 25 * MIN, 10 * MIN)).toEqual([0, 0]); // nothing in the last 10 minutes
    ring.add(T0, [1, 1]); // older than the ring remembers: dropped
    expect(ring.sum(T0 + 10 * MIN, 10 * MIN)).toEqual([10, 145]);
  });
});

describe("SloTracker", () => {
  it("pages when 1h and 5m burn above 14.4× and stops soon after the errors stop", () => {
    const clock = manualClock(T0);
    const tracker = new SloTracker(slo, { model: "m", environment: "production", clock });
    feed(tracker, T0, 60, 10_000, 150); // 1.5% 5xx for an hour → 15×
    clock.set(T0 + 60 * MIN - 1);
    const during = tracker.status();
    expect(during.objectives.availability!.burn_rates["1h"]).toBeCloseTo(15, 6);
    expect(during.objectives.availability!.burn_rates["5m"]).toBeCloseTo(15, 6);
    expect(during.alerts.map((a) => `${a.objective}:${a.severity}:${a.long_window}`)).toContain(
      "availability:page:1h",
    );
    // error_rate has a 1% budget: 1.5% errors is only 1.5×, no page for it.
    expect(during.objectives.error_rate!.burn_rates["1h"]).toBeCloseTo(1.5, 6);
    expect(during.objectives.error_rate!.alerts.filter((a) => a.severity === "page")).toHaveLength(0);
    // Errors stop; 6 minutes of clean traffic empty the 5m window and the page resets
    // although the 1h burn rate is still far above 14.4.
    feed(tracker, T0 + 60 * MIN, 6, 10_000, 0);
    clock.set(T0 + 66 * MIN - 1);
    const after = tracker.status();
    expect(after.objectives.availability!.burn_rates["1h"]).toBeGreaterThan(12);
    expect(after.objectives.availability!.burn_rates["5m"]).toBe(0);
    expect(after.alerts.filter((a) => a.severity === "page" && a.long_window === "1h")).toHaveLength(0);
  });

  it("does not page on a handful of requests: 1 error in 3 is a 333× burn, but below min_events (20)", () => {
    const clock = manualClock(T0);
    const tracker = new SloTracker(slo, { model: "m", environment: "production", clock });
    feed(tracker, T0, 1, 3, 1);
    clock.set(T0 + MIN - 1);
    const few = tracker.status();
    expect(few.objectives.availability!.burn_rates["5m"]).toBeCloseTo(333.33, 1);
    expect(few).toMatchObject({ requests: { "5m": 3, "1h": 3 }, min_events: 20, alerts: [] });
    // The same error ratio over 21 requests in the 5m window (and so in the 1h one) pages.
    feed(tracker, T0 + MIN, 1, 18, 6);
    clock.set(T0 + 2 * MIN - 1);
    const enough = tracker.status();
    expect(enough.requests["5m"]).toBe(21);
    expect(enough.alerts.map((a) => `${a.objective}:${a.long_window}`)).toContain("availability:1h");
    // `alerting.min_events: 0` turns the guard off: the 3 requests page.
    const unguarded = new SloTracker(
      { ...slo, alerting: { min_events: 0 } as NonNullable<Slo["alerting"]> },
      { model: "m", environment: "production", clock: manualClock(T0) },
    );
    feed(unguarded, T0, 1, 3, 1);
    expect(unguarded.status(T0 + MIN - 1).alerts.map((a) => a.long_window)).toContain("1h");
  });

  it("does not page at 1.4% errors (14× < 14.4×)", () => {
    const clock = manualClock(T0);
    const tracker = new SloTracker(slo, { model: "m", environment: "production", clock });
    feed(tracker, T0, 60, 10_000, 140);
    clock.set(T0 + 60 * MIN - 1);
    const s = tracker.status();
    expect(s.burn_rates["1h"]).toBeCloseTo(14, 6);
    expect(s.alerts.filter((a) => a.long_window === "1h")).toHaveLength(0);
  });

  it("tracks the budget over the SLO window and raises a ticket at a sustained 1× burn", () => {
    const clock = manualClock(T0);
    const tracker = new SloTracker(slo, { model: "m", environment: "production", clock });
    // 3 days at exactly 2× the availability budget (0.2% 5xx), 100 req/min.
    for (let h = 0; h < 72; h += 1)
      tracker.recordCounts({ total: 6000, server_errors: 12, errors: 12 }, T0 + h * HOUR + MIN);
    clock.set(T0 + 72 * HOUR - 1);
    const s = tracker.status();
    const a = s.objectives.availability!;
    expect(a.total).toBe(432_000);
    expect(a.bad).toBe(864);
    // 864 bad of an allowance of 0.001 × 432 000 = 432 → −1 (spent twice over so far).
    expect(a.remaining_ratio).toBeCloseTo(-1, 10);
    expect(a.exhausted).toBe(true);
    expect(s.exhausted).toBe(true);
    expect(a.alerts.map((x) => x.severity)).toContain("ticket");
    expect(s.remaining_ratio).toBe(Math.min(...Object.values(s.objectives).map((o) => o.remaining_ratio)));
  });

  it("counts slow requests against the latency objective", () => {
    const clock = manualClock(T0);
    const tracker = new SloTracker(slo, { model: "m", environment: "staging", clock });
    for (let i = 0; i < 100; i += 1) tracker.recordRequest({ status: 200, duration_ms: i < 95 ? 10 : 80 });
    const latency = tracker.status().objectives.latency!;
    expect(latency.bad).toBe(5);
    expect(latency.error_ratio).toBeCloseTo(0.05, 12);
    expect(latency.burn_rates["5m"]).toBeCloseTo(5, 10); // 5% slow / 1% budget
  });

  it("uses the SLO's own burn-rate rules when it lists them", () => {
    const custom: Slo = {
      ...slo,
      alerting: { burn_rates: [{ severity: "ticket", long_window: "2h", short_window: "10m", factor: 2 }] },
    };
    const clock = manualClock(T0);
    const tracker = new SloTracker(custom, { model: "m", environment: "production", clock });
    feed(tracker, T0, 120, 1000, 3); // 0.3% → 3×
    clock.set(T0 + 120 * MIN - 1);
    const s = tracker.status();
    expect(Object.keys(s.burn_rates).sort()).toEqual(["10m", "2h"]);
    expect(s.alerts).toMatchObject([{ objective: "availability", severity: "ticket", long_window: "2h" }]);
  });

  it("keeps a bounded counter store", () => {
    const tracker = new SloTracker(slo, { model: "m", environment: "production" });
    // fine: 3d / 1 min = 4320 buckets × 5 × 8 B; coarse: 30d / 1 h = 720 × 5 × 8 B; quality: 1d / 1 h = 24 × 6 × 8 B
    expect(tracker.byteLength()).toBe(4320 * 40 + 720 * 40 + 24 * 48);
  });
});

describe("model quality from ground truth", () => {
  it("joins feedback to predictions by request id and checks the floor after min_samples", () => {
    const clock = manualClock(T0);
    const tracker = new SloTracker(slo, { model: "m", environment: "production", clock });
    for (let i = 0; i < 20; i += 1) tracker.recordPrediction(`r${i}`, i % 2);
    expect(tracker.recordFeedback("nope", 1)).toBe(false);
    for (let i = 0; i < 9; i += 1) tracker.recordFeedback(`r${i}`, i < 5 ? i % 2 : 1 - (i % 2));
    let q = tracker.status().quality!;
    expect(q.samples).toBe(9);
    expect(q.breached).toBe(false); // below min_samples: no verdict
    for (let i = 9; i < 20; i += 1) tracker.recordFeedback(`r${i}`, 1 - (i % 2));
    q = tracker.status().quality!;
    expect(q.samples).toBe(20);
    expect(q.value).toBeCloseTo(5 / 20, 12);
    expect(q.breached).toBe(true);
    expect(q.unmatched_feedback).toBe(1);
    expect(tracker.recordFeedback("r0", 0)).toBe(false); // already joined
  });

  it("computes MAE for regressors", () => {
    const clock = manualClock(T0);
    const reg: Slo = { name: "r", window: "30d", objectives: { quality: { metric: "mae", max: 1.5 } } };
    const tracker = new SloTracker(reg, { model: "m", environment: "production", clock });
    tracker.recordPrediction("a", 10);
    tracker.recordPrediction("b", 4);
    tracker.recordFeedback("a", 12);
    tracker.recordFeedback("b", 3);
    expect(tracker.status().quality).toMatchObject({ value: 1.5, breached: false, samples: 2 });
  });

  it("computes precision, recall, f1, rmse and r2 from window sums", () => {
    const pairs: [number, number][] = [
      [1, 1],
      [1, 0],
      [0, 1],
      [1, 1],
      [0, 0],
    ]; // tp 2, fp 1, fn 1
    const classify = (metric: string) => {
      const clock = manualClock(T0);
      const t = new SloTracker(
        { name: "c", window: "30d", objectives: { quality: { metric, min: 0.5 } } },
        {
          model: "m",
          environment: "e",
          clock,
        },
      );
      pairs.forEach(([p, y], i) => {
        t.recordPrediction(`r${i}`, p);
        t.recordFeedback(`r${i}`, y);
      });
      return t.status().quality!.value;
    };
    expect(classify("precision")).toBeCloseTo(2 / 3, 12);
    expect(classify("recall")).toBeCloseTo(2 / 3, 12);
    expect(classify("f1")).toBeCloseTo(2 / 3, 12);
    expect(classify("accuracy")).toBeCloseTo(3 / 5, 12);
    const regress = (metric: string) => {
      const clock = manualClock(T0);
      const t = new SloTracker(
        { name: "r", window: "30d", objectives: { quality: { metric, min: 0 } } },
        {
          model: "m",
          environment: "e",
          clock,
        },
      );
      // y = [1, 2, 3, 4], predictions [1, 2, 3, 6]: SSE 4, SST 5 → r2 = 0.2; rmse = sqrt(4/4) = 1
      [1, 2, 3, 6].forEach((p, i) => t.recordPrediction(`r${i}`, p));
      [1, 2, 3, 4].forEach((y, i) => t.recordFeedback(`r${i}`, String(y)));
      return t.status().quality!.value;
    };
    expect(regress("r2")).toBeCloseTo(0.2, 12);
    expect(regress("rmse")).toBeCloseTo(1, 12);
    expect(regress("mse")).toBeCloseTo(1, 12);
  });

  it("bounds the pending predictions by capacity and age", () => {
    const joiner = new FeedbackJoiner<number>({ capacity: 3, ttlMs: 10 * MIN });
    for (let i = 0; i < 5; i += 1) joiner.recordPrediction(`r${i}`, i, T0 + i);
    expect(joiner.size).toBe(3);
    expect(joiner.evicted).toBe(2);
    expect(joiner.take("r0", T0 + 10)).toBeUndefined();
    expect(joiner.take("r4", T0 + 10)).toBe(4);
    expect(joiner.take("r3", T0 + 11 * MIN)).toBeUndefined(); // expired
    expect(joiner.expired).toBe(2);
    expect(joiner.size).toBe(0);
  });

  it("evicts the oldest live prediction: one recorded again counts from its new time", () => {
    const joiner = new FeedbackJoiner<string>({ capacity: 3, ttlMs: 10 * MIN });
    joiner.recordPrediction("a", "a1", T0);
    joiner.recordPrediction("b", "b1", T0 + 1);
    joiner.recordPrediction("c", "c1", T0 + 2);
    joiner.recordPrediction("a", "a2", T0 + 3); // a is now the newest
    joiner.recordPrediction("d", "d1", T0 + 4); // evicts b, not a
    expect(joiner.take("b", T0 + 5)).toBeUndefined();
    expect(joiner.take("a", T0 + 5)).toBe("a2");
    expect(joiner.evicted).toBe(1);
    // c (T0 + 2) expires first; d stays.
    expect(joiner.take("d", T0 + 3 + 10 * MIN)).toBe("d1");
    expect(joiner.expired).toBe(1);
    expect(joiner.size).toBe(0);
  });

  it("keeps its queue within about twice the pending predictions when they are labelled at once", () => {
    const joiner = new FeedbackJoiner<number>({ capacity: 100_000, ttlMs: 24 * HOUR });
    joiner.recordPrediction("never-labelled", -1, T0); // a live head that stays for the whole window
    for (let i = 0; i < 50_000; i += 1) {
      joiner.recordPrediction(`r${i}`, i, T0 + i);
      expect(joiner.take(`r${i}`, T0 + i)).toBe(i);
    }
    expect(joiner.size).toBe(1);
    expect(joiner.queueLength).toBeLessThanOrEqual(2 * joiner.size + 1024);
  });

  it("records in O(1) amortised: a full store of 100,000 costs about what one of 1,000 does per prediction", () => {
    /** Best of 3: µs per prediction recorded into a full store (every call evicts the oldest). */
    const perPrediction = (capacity: number): number => {
      let best = Infinity;
      for (let round = 0; round < 3; round += 1) {
        const joiner = new FeedbackJoiner<number>({ capacity, ttlMs: 365 * 24 * HOUR });
        for (let i = 0; i < capacity; i += 1) joiner.recordPrediction(`w${i}`, i, T0 + i);
        const n = 30_000;
        const started = performance.now();
        for (let i = 0; i < n; i += 1) joiner.recordPrediction(`r${round}-${i}`, i, T0 + capacity + i);
        best = Math.min(best, ((performance.now() - started) * 1000) / n);
        expect(joiner.size).toBe(capacity);
      }
      return best;
    };
    const small = perPrediction(1_000);
    const large = perPrediction(100_000);
    // Evicting a Map's first key over and over (the previous design) cost ~33 µs at 100,000 vs ~1.5 µs
    // at 1,000: O(capacity). Queue-based eviction is flat; 5× leaves room for a noisy machine.
    expect(large / small).toBeLessThan(5);
  });

  it("rejects a metric it cannot compute", () => {
    expect(
      () =>
        new SloTracker(
          { name: "x", window: "30d", objectives: { quality: { metric: "auc", min: 0.9 } } },
          {
            model: "m",
            environment: "e",
          },
        ),
    ).toThrow(/unsupported quality metric 'auc'/);
  });
});

describe("budgets.json snapshot", () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("writes atomically and reads back by environment and model", async () => {
    dir = await mkdtemp(join(tmpdir(), "modelgate-budgets-"));
    const clock = manualClock(T0);
    const a = new SloTracker(slo, { model: "a", environment: "production", clock });
    const b = new SloTracker(
      { ...slo, objectives: { availability: { target: 0.99 } } },
      {
        model: "b",
        environment: "staging",
        clock,
      },
    );
    feed(a, T0, 10, 100, 1);
    const snapshot = buildBudgetSnapshot([a.status(), b.status()], clock());
    const path = await writeBudgetSnapshot(join(dir, "state"), snapshot);
    expect(path).toBe(join(dir, "state", "budgets.json"));
    expect(await readdir(join(dir, "state"))).toEqual(["budgets.json"]);
    const back = await readBudgetSnapshot(join(dir, "state"));
    expect(back?.generated_at).toBe("2026-11-01T00:00:00.000Z");
    expect(back?.environments.production?.a?.objectives.availability?.bad).toBe(10);
    expect(back?.environments.staging?.b?.remaining_ratio).toBe(1);
    expect(back?.environments.production?.a?.quality?.value).toBeNull();
    expect(await readBudgetSnapshot(join(dir, "missing"))).toBeUndefined();
  });
});
