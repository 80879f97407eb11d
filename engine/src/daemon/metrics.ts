import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { ReconcileResult } from "../reconcile/reconciler.js";

/** `modelgate_reconcile_*` metrics, registered in the registry the server exposes on `/metrics`. */
export class ReconcileMetrics {
  readonly passes: Counter<"environment" | "outcome">;
  readonly failures: Counter<"environment" | "reason">;
  readonly duration: Histogram<"environment" | "outcome">;
  readonly ready: Gauge<"environment">;
  readonly drift: Counter<"environment">;
  readonly lastApplied: Gauge<"environment">;

  constructor(registry: Registry) {
    const registers = [registry];
    this.passes = new Counter({
      name: "modelgate_reconcile_total",
      help: "Reconcile passes by outcome (applied, unchanged, self-healed, drift-held, recovered, failed, waiting).",
      labelNames: ["environment", "outcome"],
      registers,
    });
    this.failures = new Counter({
      name: "modelgate_reconcile_failures_total",
      help: "Failed reconcile passes by reason (InvalidRegistry, ArtifactChecksumMismatch, ContractMismatch, ...).",
      labelNames: ["environment", "reason"],
      registers,
    });
    this.duration = new Histogram({
      name: "modelgate_reconcile_duration_seconds",
      help: "Duration of reconcile passes.",
      labelNames: ["environment", "outcome"],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.ready = new Gauge({
      name: "modelgate_reconcile_ready",
      help: "1 when the environment serves the main branch's head, 0 otherwise.",
      labelNames: ["environment"],
      registers,
    });
    this.drift = new Counter({
      name: "modelgate_reconcile_drift_total",
      help: "Passes that found live state differing from the applied commit.",
      labelNames: ["environment"],
      registers,
    });
    this.lastApplied = new Gauge({
      name: "modelgate_reconcile_last_applied_timestamp_seconds",
      help: "When a commit was last applied (Unix time).",
      labelNames: ["environment"],
      registers,
    });
  }

  observe(result: ReconcileResult, now: number): void {
    const env = result.environment;
    this.passes.labels(env, result.outcome).inc();
    this.duration.labels(env, result.outcome).observe(result.durationMs / 1000);
    if (result.failure) this.failures.labels(env, result.failure.reason).inc();
    if (result.outcome === "self-healed" || result.outcome === "drift-held") this.drift.labels(env).inc();
    if (result.outcome === "applied") this.lastApplied.labels(env).set(now / 1000);
    if (result.outcome === "applied" || result.outcome === "unchanged" || result.outcome === "self-healed") {
      this.ready.labels(env).set(1);
    } else if (result.outcome === "failed" || result.outcome === "drift-held") {
      this.ready.labels(env).set(0);
    }
  }
}
