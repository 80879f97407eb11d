import { describe, expect, it } from "vitest";
import { manualClock } from "../../../src/monitor/index.js";
import { MonitorRuntime, monitorSpecFromRegistry } from "../../../src/monitor/runtime/index.js";
import { SloTracker } from "../../../src/monitor/slo/tracker.js";
import { seededRandom } from "../random.js";
import { templateState } from "./helpers.js";

describe("SLO counting per batch of observations", () => {
  it("gives the same budgets and burn rates as recording each request, across bucket edges and evaluations", async () => {
    const spec = monitorSpecFromRegistry(await templateState(), "production", "abc");
    spec.models = spec.models.filter((m) => m.model === "stockout-risk");
    const slo = spec.models[0]!.slo!;
    const version = spec.models[0]!.versions[0]!.version;
    const clock = manualClock(Date.parse("2026-11-23T12:00:00Z"));
    // bucket_ms 1000: many bucket edges within the run.
    const runtime = new MonitorRuntime({ spec, clock, bucket_ms: 1000 });
    const reference = new SloTracker(slo, {
      model: "stockout-risk",
      environment: "production",
      clock,
      bucket_ms: 1000,
    });
    const random = seededRandom(7);
    for (let step = 0; step < 20_000; step += 1) {
      clock.advance(Math.floor(random.uniform() * random.uniform() * 600)); // ~50 min in all: windows slide
      const u = random.uniform();
      const status = u < 0.03 ? 500 : u < 0.06 ? 404 : 200;
      const durationMs = random.uniform() * 600;
      runtime.observe({
        model: "stockout-risk",
        version,
        role: "stable",
        requestId: undefined,
        rows: 1,
        status,
        durationMs,
        at: 0,
      });
      reference.recordRequest({ status, duration_ms: durationMs }, clock());
      if (step % 2500 === 2499) {
        const b = reference.status(clock());
        const got = runtime.snapshot().models[0]!.budget!;
        expect(got.remaining_ratio).toBe(b.remaining_ratio);
        expect(got.burn_rates).toEqual(b.burn_rates);
        expect(b.burn_rates).not.toEqual({}); // something to compare
      }
    }
  });
});
