import { Gauge, Registry } from "prom-client";
import type { DriftReport } from "./drift/monitor.js";
import { METRICS } from "./rules/prometheus-rules.js";
import type { BudgetStatus } from "./slo/tracker.js";

/**
 * The gauges the generated Prometheus rules read, in their own registry (never prom-client's global
 * one): PSI per feature, model quality, training time — plus corrected p-values, dataset drift and the
 * error budgets for dashboards. The daemon serves `registry` next to the serving metrics.
 */
export class MonitorMetrics {
  readonly registry = new Registry();
  readonly psi: Gauge<"model" | "version" | "feature">;
  readonly pValue: Gauge<"model" | "version" | "feature">;
  readonly datasetDrift: Gauge<"model" | "version">;
  readonly quality: Gauge<"model" | "metric">;
  readonly trained: Gauge<"model" | "version">;
  readonly budgetRemaining: Gauge<"model" | "environment" | "objective">;
  readonly burnRate: Gauge<"model" | "environment" | "objective" | "window">;
  /** Features published per model version, to drop them with `forgetVersion`. */
  private readonly published = new Map<string, Set<string>>();

  constructor() {
    const registers = [this.registry];
    this.psi = new Gauge({
      name: METRICS.psi,
      help: "Population stability index of a feature against the contract baseline, last closed drift window.",
      labelNames: ["model", "version", "feature"],
      registers,
    });
    this.pValue = new Gauge({
      name: "modelgate_feature_drift_p_value",
      help: "Chi-square p-value of a feature against the baseline after the multiple-testing correction, last window.",
      labelNames: ["model", "version", "feature"],
      registers,
    });
    this.datasetDrift = new Gauge({
      name: "modelgate_dataset_drift",
      help: "1 when the drifted share of input features reached dataset_share in the last window, else 0.",
      labelNames: ["model", "version"],
      registers,
    });
    this.quality = new Gauge({
      name: METRICS.quality,
      help: "Model quality from ground-truth feedback over the SLO's quality window (only with min_samples).",
      labelNames: ["model", "metric"],
      registers,
    });
    this.trained = new Gauge({
      name: METRICS.trained,
      help: "When the serving model version was trained (lineage.trained_at), in seconds since the epoch.",
      labelNames: ["model", "version"],
      registers,
    });
    this.budgetRemaining = new Gauge({
      name: "modelgate_error_budget_remaining_ratio",
      help: "Share of the error budget left over the SLO window (negative when overspent).",
      labelNames: ["model", "environment", "objective"],
      registers,
    });
    this.burnRate = new Gauge({
      name: "modelgate_error_budget_burn_rate",
      help: "Error ratio over a window divided by the error budget (1 = spends it exactly over the SLO window).",
      labelNames: ["model", "environment", "objective", "window"],
      registers,
    });
  }

  /** Publishes a closed drift window (features without enough data are left out, their old values removed). */
  recordDrift(model: string, version: string, report: DriftReport): void {
    const key = `${model}\u0000${version}`;
    const published = this.published.get(key) ?? new Set<string>();
    this.published.set(key, published);
    for (const f of report.features) {
      const labels = { model, version, feature: f.feature };
      if (f.verdict === "insufficient") {
        this.psi.remove(labels);
        this.pValue.remove(labels);
        continue;
      }
      published.add(f.feature);
      this.psi.set(labels, f.psi);
      this.pValue.set(labels, f.p_value_corrected);
    }
    this.datasetDrift.set({ model, version }, report.dataset_drift ? 1 : 0);
  }

  /** Publishes budgets, burn rates and quality of one model in one environment. */
  recordBudget(status: BudgetStatus): void {
    const { model, environment } = status;
    for (const o of Object.values(status.objectives)) {
      this.budgetRemaining.set({ model, environment, objective: o.objective }, o.remaining_ratio);
      for (const [window, rate] of Object.entries(o.burn_rates)) {
        this.burnRate.set({ model, environment, objective: o.objective, window }, rate);
      }
    }
    const q = status.quality;
    if (q) {
      // The quality alert fires on this gauge alone, so it exists only once the value means something.
      if (q.value !== null && q.samples >= q.min_samples)
        this.quality.set({ model, metric: q.metric }, q.value);
      else this.quality.remove({ model, metric: q.metric });
    }
  }

  /** Publishes the training time of a serving version (`lineage.trained_at`, RFC 3339). */
  recordTrainedAt(model: string, version: string, trainedAt: string): void {
    const ms = Date.parse(trainedAt);
    if (Number.isNaN(ms)) throw new Error(`trained_at '${trainedAt}' of ${model} ${version} is not a date`);
    this.trained.set({ model, version }, ms / 1000);
  }

  /** Drops every series of a version that no longer serves. */
  forgetVersion(model: string, version: string): void {
    const key = `${model}\u0000${version}`;
    for (const feature of this.published.get(key) ?? []) {
      this.psi.remove({ model, version, feature });
      this.pValue.remove({ model, version, feature });
    }
    this.published.delete(key);
    this.datasetDrift.remove({ model, version });
    this.trained.remove({ model, version });
  }
}
