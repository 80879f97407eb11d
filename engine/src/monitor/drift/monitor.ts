import type { Contract, FeatureBaseline, Slo } from "../../registry/types.js";
import { systemClock, type Clock } from "../clock.js";
import { adjustPValues, type CorrectionMethod } from "../stats/correction.js";
import { checkBaseline, createFeatureCounter, type FeatureCounter } from "./feature-counter.js";
import { binnedKolmogorovSmirnov, chiSquareGoodnessOfFit, populationStabilityIndex } from "./statistics.js";

/** Drift thresholds; the keys are those of an SLO's `objectives.drift` (which overrides them). */
export interface DriftThresholds {
  /** PSI at or above which a significant shift is a warning (default 0.1). */
  psi_warn: number;
  /** PSI at or above which a significant shift is drift (default 0.2). */
  psi_alert: number;
  /** Significance level α for the corrected p-values (default 0.05). */
  p_value: number;
  /** Share of input features drifting at which the whole dataset counts as drifted (default 0.5). */
  dataset_share: number;
  /** Share of values outside the baseline edges above which a numerical feature drifts (default 0.01). */
  out_of_range_max: number;
  /** Share of unseen categories above which a categorical feature drifts (default 0.01). */
  unseen_max: number;
}

export const DEFAULT_DRIFT_THRESHOLDS: Readonly<DriftThresholds> = Object.freeze({
  psi_warn: 0.1,
  psi_alert: 0.2,
  p_value: 0.05,
  dataset_share: 0.5,
  out_of_range_max: 0.01,
  unseen_max: 0.01,
});

/** Defaults overridden by an SLO's `objectives.drift` (and then by explicit overrides). */
export function driftThresholdsFromSlo(
  slo: Pick<Slo, "objectives"> | undefined,
  overrides: Partial<DriftThresholds> = {},
): DriftThresholds {
  const fromSlo = slo?.objectives.drift ?? {};
  const picked: Partial<DriftThresholds> = {};
  for (const [key, value] of Object.entries(fromSlo)) {
    if (typeof value === "number") (picked as Record<string, number>)[key] = value;
  }
  return { ...DEFAULT_DRIFT_THRESHOLDS, ...picked, ...overrides };
}

/** One feature's values in a batch: row r's value is `data[offset + r·step]`. */
export interface ColumnSource {
  data: ArrayLike<unknown>;
  offset: number;
  step: number;
}

/** A batch of rows by column, for `DriftMonitor.observeColumns`; absent features count as missing. */
export interface ColumnBatch {
  inputs: Readonly<Record<string, ColumnSource | undefined>>;
  outputs?: Readonly<Record<string, ColumnSource | undefined>>;
}

const MISSING: ColumnSource = { data: [undefined], offset: 0, step: 0 };

function countColumn(
  counter: FeatureCounter,
  source: ColumnSource | undefined,
  row: number,
  every: number,
  count: number,
): void {
  const s = source ?? MISSING;
  counter.observeColumn(s.data, s.offset + row * s.step, every * s.step, count);
}

/** Tumbling windows: every `size` observations, or every `duration_ms` of (injected) clock time. */
export type DriftWindow = { kind: "count"; size: number } | { kind: "time"; duration_ms: number };

export type DriftTest = "chi-square" | "ks";

export interface DriftMonitorOptions {
  window: DriftWindow;
  clock?: Clock;
  /** Thresholds; use `driftThresholdsFromSlo(slo)` to take them from an SLO. */
  thresholds?: Partial<DriftThresholds>;
  /** Across the features of one window (default bonferroni). */
  correction?: CorrectionMethod;
  /** Which test gives the p-value of numerical features (default chi-square; categorical always chi-square). */
  test?: DriftTest;
  /** Fewer observations of a feature than this in a window → verdict `insufficient` (default 50). */
  min_samples?: number;
  /** Epsilon replacing empty shares in PSI (default 1e-4). */
  psi_epsilon?: number;
  /**
   * Size of the sample the baseline came from (the contract's `baseline.count`); when given, the tests
   * account for the baseline's own sampling noise. `fromContract` fills it in.
   */
  baseline_count?: number;
}

export type FeatureRole = "input" | "output";
export type FeatureVerdict = "ok" | "warn" | "drift" | "insufficient";
export type DriftStatus = "ok" | "warning" | "alert" | "critical" | "insufficient";

export interface FeatureDrift {
  feature: string;
  role: FeatureRole;
  kind: "numerical" | "categorical";
  /** Non-missing observations in the window (in range + out of range / unseen). */
  count: number;
  missing: number;
  psi: number;
  test: DriftTest;
  statistic: number;
  dof: number;
  p_value: number;
  /** After the multiple-testing correction across the window's tested features. */
  p_value_corrected: number;
  out_of_range_share: number;
  unseen_share: number;
  unseen_examples: string[];
  verdict: FeatureVerdict;
  reasons: string[];
}

export interface DriftReport {
  window: {
    index: number;
    kind: DriftWindow["kind"];
    /**
     * Window bounds on the injected clock (ms since epoch): for time windows the aligned start and end;
     * for count windows the time of the first observation and the time the window closed.
     */
    start_ms: number;
    end_ms: number;
    observations: number;
  };
  features: FeatureDrift[];
  drifted_inputs: string[];
  drifted_outputs: string[];
  /** Drifted share of the input features that had enough data. */
  drifted_share: number;
  dataset_drift: boolean;
  prediction_drift: boolean;
  status: DriftStatus;
  thresholds: DriftThresholds;
  correction: CorrectionMethod;
}

/** The part of a contract the monitor needs: `baseline.inputs` / `baseline.outputs`. */
export type DriftBaseline = NonNullable<Contract["baseline"]>;

interface Monitored {
  name: string;
  role: FeatureRole;
  counter: FeatureCounter;
}

/**
 * Streaming data and prediction drift against a contract's baseline. Feed it one inference at a
 * time with `observe`; when a window closes it returns that window's `DriftReport`. All state is a
 * few fixed-size counters per feature (see `approxBytesPerFeature`).
 */
export class DriftMonitor {
  private readonly features: Monitored[] = [];
  private readonly inputs = new Map<string, FeatureCounter>();
  private readonly outputs = new Map<string, FeatureCounter>();
  private readonly clock: Clock;
  private readonly thresholds: DriftThresholds;
  private readonly correction: CorrectionMethod;
  private readonly test: DriftTest;
  private readonly minSamples: number;
  private readonly epsilon: number;
  private readonly baselineCount: number | undefined;
  private readonly window: DriftWindow;
  private observations = 0;
  private index = 0;
  private windowStart: number | undefined;

  static fromContract(
    contract: Pick<Contract, "name" | "baseline">,
    options: DriftMonitorOptions,
  ): DriftMonitor {
    if (!contract.baseline)
      throw new Error(`contract ${contract.name} has no baseline to monitor drift against`);
    return new DriftMonitor(contract.baseline, {
      baseline_count: contract.baseline.count,
      ...options,
    });
  }

  constructor(baseline: DriftBaseline, options: DriftMonitorOptions) {
    if (options.window.kind === "count" && !(options.window.size >= 1))
      throw new Error("window size must be ≥ 1");
    if (options.window.kind === "time" && !(options.window.duration_ms > 0))
      throw new Error("window duration must be > 0");
    this.window = options.window;
    this.clock = options.clock ?? systemClock;
    this.thresholds = { ...DEFAULT_DRIFT_THRESHOLDS, ...options.thresholds };
    this.correction = options.correction ?? "bonferroni";
    this.test = options.test ?? "chi-square";
    this.minSamples = options.min_samples ?? 50;
    this.epsilon = options.psi_epsilon ?? 1e-4;
    this.baselineCount = options.baseline_count;
    this.add(baseline.inputs ?? {}, "input", this.inputs);
    this.add(baseline.outputs ?? {}, "output", this.outputs);
    if (this.features.length === 0) throw new Error("the baseline has no features to monitor");
  }

  private add(
    features: Record<string, FeatureBaseline>,
    role: FeatureRole,
    into: Map<string, FeatureCounter>,
  ): void {
    for (const [name, baseline] of Object.entries(features)) {
      checkBaseline(`${role}s.${name}`, baseline);
      const counter = createFeatureCounter(baseline);
      into.set(name, counter);
      this.features.push({ name, role, counter });
    }
  }

  /** Names of the monitored features, by role. */
  monitored(): { inputs: string[]; outputs: string[] } {
    return { inputs: [...this.inputs.keys()], outputs: [...this.outputs.keys()] };
  }

  /**
   * Counts one inference (its inputs and, for prediction drift, its outputs; fields without a baseline
   * are ignored, baseline features absent from the record count as missing). Returns the report of a
   * window this observation closed, if any.
   */
  observe(inputs: Record<string, unknown>, outputs: Record<string, unknown> = {}): DriftReport | undefined {
    let closed: DriftReport | undefined;
    if (this.window.kind === "time") {
      const now = this.clock();
      closed = this.tick(now);
      if (this.windowStart === undefined) this.windowStart = alignDown(now, this.window.duration_ms);
    } else if (this.windowStart === undefined) {
      this.windowStart = this.clock();
    }
    for (const [name, counter] of this.inputs) counter.observe(inputs[name]);
    for (const [name, counter] of this.outputs) counter.observe(outputs[name]);
    this.observations += 1;
    if (this.window.kind === "count" && this.observations >= this.window.size) closed = this.flush();
    return closed;
  }

  /**
   * Counts `count` rows of a batch read column by column in place: row k is row `from + k·every` of the
   * batch, and a feature's value in row r is `data[offset + r·step]` of its column. The same counts and
   * reports as `observe` on each row in turn (features without a column count as missing), without
   * building a record per row. The batch is one instant: a time window is ticked once, before it; a
   * count window closes at its size, mid-batch if need be. Returns the reports of the windows it closed.
   */
  observeColumns(batch: ColumnBatch, from: number, every: number, count: number): DriftReport[] {
    const closed: DriftReport[] = [];
    if (count <= 0) return closed;
    if (this.window.kind === "time") {
      const now = this.clock();
      const report = this.tick(now);
      if (report) closed.push(report);
      if (this.windowStart === undefined) this.windowStart = alignDown(now, this.window.duration_ms);
    }
    let done = 0;
    while (done < count) {
      if (this.windowStart === undefined) this.windowStart = this.clock();
      const room = this.window.kind === "count" ? this.window.size - this.observations : count - done;
      const take = Math.max(1, Math.min(count - done, room));
      const row = from + done * every;
      for (const [name, counter] of this.inputs) countColumn(counter, batch.inputs[name], row, every, take);
      for (const [name, counter] of this.outputs)
        countColumn(counter, batch.outputs?.[name], row, every, take);
      this.observations += take;
      done += take;
      if (this.window.kind === "count" && this.observations >= this.window.size) {
        const report = this.flush();
        if (report) closed.push(report);
      }
    }
    return closed;
  }

  /** For time windows: closes the current window if the clock has passed its end (call it on a timer). */
  tick(now: number = this.clock()): DriftReport | undefined {
    if (this.window.kind !== "time" || this.windowStart === undefined) return undefined;
    if (now < this.windowStart + this.window.duration_ms) return undefined;
    return this.flush(this.windowStart + this.window.duration_ms);
  }

  /** Closes the current window now, whatever its size; undefined when it holds no observation. */
  flush(endMs?: number): DriftReport | undefined {
    if (this.observations === 0 || this.windowStart === undefined) return undefined;
    const end =
      endMs ??
      (this.window.kind === "time"
        ? this.windowStart + this.window.duration_ms
        : Math.max(this.clock(), this.windowStart));
    const report = this.evaluate(this.windowStart, end);
    for (const f of this.features) f.counter.reset();
    this.observations = 0;
    this.windowStart = undefined;
    this.index += 1;
    return report;
  }

  /** Approximate bytes of state per monitored feature (typed arrays + label strings). */
  approxBytesPerFeature(): number {
    const total = this.features.reduce((sum, f) => sum + f.counter.approxBytes(), 0);
    return Math.round(total / this.features.length);
  }

  private evaluate(start: number, end: number): DriftReport {
    const t = this.thresholds;
    const rows = this.features.map((f) => this.evaluateFeature(f));
    const adjusted = adjustPValues(
      rows.map((r) => (r.count >= this.minSamples ? r.p_value : Number.NaN)),
      this.correction,
    );
    for (const [i, row] of rows.entries()) {
      row.p_value_corrected = adjusted[i]!;
      const { verdict, reasons } = judge(row, t, this.minSamples);
      row.verdict = verdict;
      row.reasons = reasons;
    }
    const testedInputs = rows.filter((r) => r.role === "input" && r.verdict !== "insufficient");
    const drifted_inputs = rows
      .filter((r) => r.role === "input" && r.verdict === "drift")
      .map((r) => r.feature);
    const drifted_outputs = rows
      .filter((r) => r.role === "output" && r.verdict === "drift")
      .map((r) => r.feature);
    const drifted_share = testedInputs.length === 0 ? 0 : drifted_inputs.length / testedInputs.length;
    const dataset_drift = testedInputs.length > 0 && drifted_share >= t.dataset_share;
    const anyTested = rows.some((r) => r.verdict !== "insufficient");
    const status: DriftStatus = !anyTested
      ? "insufficient"
      : dataset_drift
        ? "critical"
        : drifted_inputs.length + drifted_outputs.length > 0
          ? "alert"
          : rows.some((r) => r.verdict === "warn")
            ? "warning"
            : "ok";
    return {
      window: {
        index: this.index,
        kind: this.window.kind,
        start_ms: start,
        end_ms: end,
        observations: this.observations,
      },
      features: rows,
      drifted_inputs,
      drifted_outputs,
      drifted_share,
      dataset_drift,
      prediction_drift: drifted_outputs.length > 0,
      status,
      thresholds: { ...t },
      correction: this.correction,
    };
  }

  private evaluateFeature(f: Monitored): FeatureDrift {
    const c = f.counter;
    const counts = c.counts();
    let inside = 0;
    for (let i = 0; i < counts.length; i += 1) inside += counts[i]!;
    const outside = c.outside();
    const count = inside + outside;
    const psi = populationStabilityIndex(c.expected, counts, { epsilon: this.epsilon, extra: [outside] });
    const test: DriftTest = c.kind === "numerical" ? this.test : "chi-square";
    let statistic: number;
    let dof: number;
    let p: number;
    if (test === "ks") {
      const ks = binnedKolmogorovSmirnov(c.expected, counts, { baselineCount: this.baselineCount });
      statistic = ks.statistic;
      dof = 0;
      p = ks.pValue;
    } else {
      const chi = chiSquareGoodnessOfFit(c.expected, counts, {
        ordered: c.kind === "numerical",
        baselineCount: this.baselineCount,
      });
      statistic = chi.statistic;
      dof = chi.dof;
      p = chi.pValue;
    }
    const share = count === 0 ? 0 : outside / count;
    return {
      feature: f.name,
      role: f.role,
      kind: c.kind,
      count,
      missing: c.missing(),
      psi,
      test,
      statistic,
      dof,
      p_value: p,
      p_value_corrected: Number.NaN,
      out_of_range_share: c.kind === "numerical" ? share : 0,
      unseen_share: c.kind === "categorical" ? share : 0,
      unseen_examples: c.unseenExamples(),
      verdict: "insufficient",
      reasons: [],
    };
  }
}

/**
 * Verdict of one feature. A shift must be both statistically significant (corrected p < α — guards
 * small windows, where PSI is biased upwards by noise) and large (PSI — guards big windows, where
 * any negligible difference is significant):
 *
 * |                 | PSI < warn | warn ≤ PSI < alert | PSI ≥ alert |
 * | not significant | ok         | ok                 | ok          |
 * | significant     | ok         | warn               | drift       |
 *
 * (A large PSI that is not significant is small-window noise: E[PSI] ≈ (bins − 1) / n under no drift.)
 *
 * Values outside the baseline (out of range, unseen categories) above their share limit are drift
 * on their own.
 */
function judge(
  row: FeatureDrift,
  t: DriftThresholds,
  minSamples: number,
): { verdict: FeatureVerdict; reasons: string[] } {
  if (row.count < minSamples)
    return { verdict: "insufficient", reasons: [`${row.count} < ${minSamples} samples`] };
  const reasons: string[] = [];
  let drift = false;
  let warn = false;
  const significant = row.p_value_corrected < t.p_value;
  if (row.out_of_range_share > t.out_of_range_max) {
    drift = true;
    reasons.push(`${pct(row.out_of_range_share)} out of range > ${pct(t.out_of_range_max)}`);
  }
  if (row.unseen_share > t.unseen_max) {
    drift = true;
    reasons.push(`${pct(row.unseen_share)} unseen categories > ${pct(t.unseen_max)}`);
  }
  if (significant && row.psi >= t.psi_alert) {
    drift = true;
    reasons.push(
      `PSI ${row.psi.toFixed(3)} ≥ ${t.psi_alert} and p ${fmtP(row.p_value_corrected)} < ${t.p_value}`,
    );
  } else if (significant && row.psi >= t.psi_warn) {
    warn = true;
    reasons.push(
      `PSI ${row.psi.toFixed(3)} ≥ ${t.psi_warn} and p ${fmtP(row.p_value_corrected)} < ${t.p_value}`,
    );
  }
  return { verdict: drift ? "drift" : warn ? "warn" : "ok", reasons };
}

function fmtP(p: number): string {
  return p < 1e-4 ? p.toExponential(1) : p.toFixed(4);
}
function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
function alignDown(t: number, step: number): number {
  return Math.floor(t / step) * step;
}
