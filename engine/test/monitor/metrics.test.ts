import { describe, expect, it } from "vitest";
import { manualClock } from "../../src/monitor/clock.js";
import { DriftMonitor, type DriftReport } from "../../src/monitor/drift/monitor.js";
import { MonitorMetrics } from "../../src/monitor/metrics.js";
import { SloTracker } from "../../src/monitor/slo/tracker.js";
import { drawRow, SEVEN_FEATURES } from "./fixtures.js";
import { seededRandom } from "./random.js";

function oneWindow(shift: number): DriftReport {
  const rng = seededRandom(2);
  const monitor = DriftMonitor.fromContract(SEVEN_FEATURES, { window: { kind: "count", size: 300 } });
  let report: DriftReport | undefined;
  while (!report) {
    const row = drawRow(rng, { mean: shift });
    report = monitor.observe(row.inputs, row.outputs);
  }
  return report;
}

describe("MonitorMetrics", () => {
  it("exports the gauges the generated rules read", async () => {
    const metrics = new MonitorMetrics();
    metrics.recordDrift("fraud", "1.0.0", oneWindow(1));
    metrics.recordTrainedAt("fraud", "1.0.0", "2026-10-01T12:00:00Z");
    const text = await metrics.registry.metrics();
    const psi = /modelgate_feature_psi\{model="fraud",version="1.0.0",feature="x1"\} ([\d.]+)/.exec(text);
    expect(Number(psi?.[1])).toBeGreaterThan(0.5);
    expect(text).toMatch(/modelgate_feature_drift_p_value\{model="fraud",version="1.0.0",feature="x2"\} /);
    expect(text).toContain(
      'modelgate_model_trained_timestamp_seconds{model="fraud",version="1.0.0"} 1790856000',
    );
    metrics.forgetVersion("fraud", "1.0.0");
    const after = await metrics.registry.metrics();
    expect(after).not.toContain('version="1.0.0"');
  });

  it("exports quality only with min_samples, and budgets per objective and window", async () => {
    const clock = manualClock(Date.UTC(2026, 10, 1));
    const tracker = new SloTracker(
      {
        name: "s",
        window: "30d",
        objectives: {
          availability: { target: 0.999 },
          quality: { metric: "accuracy", min: 0.8, min_samples: 3 },
        },
      },
      { model: "fraud", environment: "production", clock },
    );
    const metrics = new MonitorMetrics();
    tracker.recordPrediction("a", 1);
    tracker.recordFeedback("a", 1);
    tracker.recordRequest({ status: 503, duration_ms: 1 });
    tracker.recordRequest({ status: 200, duration_ms: 1 });
    metrics.recordBudget(tracker.status());
    let text = await metrics.registry.metrics();
    expect(text).not.toMatch(/^modelgate_model_quality\{/m);
    const burn =
      /modelgate_error_budget_burn_rate\{model="fraud",environment="production",objective="availability",window="1h"\} ([\d.e+-]+)/.exec(
        text,
      );
    expect(Number(burn?.[1])).toBeCloseTo(500, 6); // 1 bad of 2 against a 0.1% budget
    for (const id of ["b", "c"]) {
      tracker.recordPrediction(id, 0);
      tracker.recordFeedback(id, 1);
    }
    metrics.recordBudget(tracker.status());
    text = await metrics.registry.metrics();
    expect(text).toMatch(/^modelgate_model_quality\{model="fraud",metric="accuracy"\} 0\.333/m);
  });
});
