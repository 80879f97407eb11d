import { Counter, Gauge, type Registry } from "prom-client";

/**
 * The monitor's gauges, registered in the registry the server exposes on `/metrics` (names as the
 * generated Prometheus rules expect them: `modelgate_feature_psi`, `modelgate_model_quality`,
 * `modelgate_model_trained_timestamp_seconds`).
 */
export class MonitorMetrics {
  readonly psi: Gauge<"environment" | "model" | "version" | "feature" | "role">;
  readonly driftStatus: Gauge<"environment" | "model" | "version">;
  readonly quality: Gauge<"environment" | "model" | "version" | "metric">;
  readonly trained: Gauge<"environment" | "model" | "version">;
  readonly budgetRemaining: Gauge<"environment" | "model" | "slo" | "objective">;
  readonly burnRate: Gauge<"environment" | "model" | "slo" | "window">;
  readonly canaryAborts: Counter<"environment" | "model" | "version">;
  readonly issueActions: Counter<"environment" | "kind" | "action">;
  readonly forgeFailures: Counter<"environment">;

  constructor(registry: Registry) {
    const registers = [registry];
    this.psi = new Gauge({
      name: "modelgate_feature_psi",
      help: "Population stability index of a feature against the contract baseline, in the last closed drift window.",
      labelNames: ["environment", "model", "version", "feature", "role"],
      registers,
    });
    this.driftStatus = new Gauge({
      name: "modelgate_drift_status",
      help: "Drift status of the last closed window: 0 ok, 1 warning, 2 alert, 3 critical (-1 too few samples).",
      labelNames: ["environment", "model", "version"],
      registers,
    });
    this.quality = new Gauge({
      name: "modelgate_model_quality",
      help: "Model quality from ground-truth feedback over the SLO's quality window.",
      labelNames: ["environment", "model", "version", "metric"],
      registers,
    });
    this.trained = new Gauge({
      name: "modelgate_model_trained_timestamp_seconds",
      help: "When the serving version was trained (lineage.trained_at), Unix time.",
      labelNames: ["environment", "model", "version"],
      registers,
    });
    this.budgetRemaining = new Gauge({
      name: "modelgate_error_budget_remaining_ratio",
      help: "Share of the SLO window's error budget left (1 untouched, ≤ 0 spent), per objective and 'all' (the smallest).",
      labelNames: ["environment", "model", "slo", "objective"],
      registers,
    });
    this.burnRate = new Gauge({
      name: "modelgate_error_budget_burn_rate",
      help: "Highest burn rate of any budgeted objective over an alerting window.",
      labelNames: ["environment", "model", "slo", "window"],
      registers,
    });
    this.canaryAborts = new Counter({
      name: "modelgate_canary_aborts_total",
      help: "Canaries the monitor set to weight 0 after a significant breach.",
      labelNames: ["environment", "model", "version"],
      registers,
    });
    this.issueActions = new Counter({
      name: "modelgate_monitor_issue_actions_total",
      help: "Issue actions the monitor took on the forge (open, update, comment, close).",
      labelNames: ["environment", "kind", "action"],
      registers,
    });
    this.forgeFailures = new Counter({
      name: "modelgate_monitor_forge_failures_total",
      help: "Forge calls of the monitor that failed (retried at the next evaluation).",
      labelNames: ["environment"],
      registers,
    });
  }

  /** Drops every series of one version (it no longer serves); prom-client removes exact label sets only. */
  forgetVersion(
    at: { environment: string; model: string; version: string },
    features: readonly { feature: string; role: string }[],
    qualityMetric: string | undefined,
  ): void {
    for (const f of features) this.psi.remove({ ...at, feature: f.feature, role: f.role });
    this.driftStatus.remove(at);
    this.trained.remove(at);
    if (qualityMetric) this.quality.remove({ ...at, metric: qualityMetric });
  }
}
