import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Registry } from "prom-client";
import type { DeploymentReport, ForgeIssue, IssueSpec } from "../../forge/index.js";
import type { Contract, Slo } from "../../registry/types.js";
import type {
  FeedbackOutcome,
  InferenceFeedback,
  InferenceObservation,
  InferenceObserver,
} from "../../serving/index.js";
import { writeFileAtomic } from "../../shared/atomic-write.js";
import { systemClock, type Clock } from "../clock.js";
import {
  DriftMonitor,
  driftThresholdsFromSlo,
  type DriftReport,
  type DriftStatus,
  type DriftTest,
} from "../drift/monitor.js";
import { parseDuration } from "../../shared/duration.js";
import {
  initialIssueState,
  stepIssueLifecycle,
  type IssueLifecycleOptions,
  type IssueLifecycleState,
  type IssueObservation,
  type IssueSeverity,
} from "../issues/lifecycle.js";
import { renderDriftIssue, type IssueDraft } from "../issues/render.js";
import type { CorrectionMethod } from "../stats/correction.js";
import { buildBudgetSnapshot, readBudgetSnapshot, writeBudgetSnapshot } from "../slo/budget-snapshot.js";
import { SloTracker, type BudgetStatus } from "../slo/tracker.js";
import { columnSources, featureColumns, rowWidth, type FeatureColumn } from "./columns.js";
import {
  renderCanaryIssue,
  renderQualityIssue,
  renderRetrainIssue,
  renderSloIssue,
  runtimeFingerprint,
  type CanaryFinding,
  type RuntimeIssueKind,
} from "./issue-bodies.js";
import { MonitorMetrics } from "./metrics.js";
import { PredictionStore } from "./prediction-store.js";
import { twoProportionZTest } from "./significance.js";
import type { MonitoredModel, MonitorSpec } from "./spec.js";

/** What the runtime needs from a forge (the `Forge` port satisfies it). */
export interface MonitorForge {
  ensureIssue(spec: IssueSpec): Promise<unknown>;
  closeIssue(fingerprint: string, comment?: string): Promise<unknown>;
  commentOnIssue(fingerprint: string, body: string): Promise<void>;
  /** Used once at start (without a state file) to find issues a previous run left open. */
  listIssues?(options?: { state?: "open" | "closed" | "all" }): AsyncIterable<ForgeIssue>;
  reportDeployment?(report: DeploymentReport): Promise<void>;
}

/** Takes a failing canary out of traffic, live (serving override, or the reconciler's emergency hold). */
export interface CanaryActuator {
  abortCanary(input: { model: string; version: string; stable?: string; reason: string }): Promise<void>;
}

/** Proposes the Git change that makes the abort permanent (a revert change request). */
export interface RevertProposer {
  proposeRevert(input: {
    environment: string;
    model: string;
    version: string;
    reason: string;
  }): Promise<{ number: number; url?: string } | undefined>;
}

export interface MonitorLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface CanaryAnalysisOptions {
  /** Requests each side needs before a test counts (default 100). */
  min_samples: number;
  /** One-sided significance level of the two-proportion z-tests (default 0.01). */
  alpha: number;
  /** Smallest difference in error (or slow) share worth aborting for (default 0.02). */
  min_effect: number;
  /** Latency threshold when the SLO has none (default 1000 ms). */
  latency_threshold_ms: number;
  /** Time a canary must stay healthy before the deployment status says so (default 30 min). */
  healthy_after_ms: number;
  /** Share of shadow runs that disagree (or fail) above which the shadow is reported (default 0.1). */
  max_disagreement: number;
}

export const DEFAULT_CANARY_ANALYSIS: Readonly<CanaryAnalysisOptions> = Object.freeze({
  min_samples: 100,
  alpha: 0.01,
  min_effect: 0.02,
  latency_threshold_ms: 1000,
  healthy_after_ms: 30 * 60_000,
  max_disagreement: 0.1,
});

export interface MonitorRuntimeOptions {
  spec: MonitorSpec;
  forge?: MonitorForge;
  /** State folder: lifecycle state in `environments/<env>/monitor.json`, budgets in `budgets.json`. */
  stateDir?: string;
  /** Where `budgets.json` goes when not in `stateDir` (the policy gate reads `.modelgate/budgets.json`). */
  budgets_dir?: string;
  /** Where the gauges go (the serving layer's registry, so they appear on its `/metrics`). */
  registry?: Registry;
  clock?: Clock;
  logger?: MonitorLogger;
  drift?: {
    /** Observations (rows) per drift window at least (default 1000). */
    window_size?: number;
    /**
     * A full window closes only once it is this old too (default 60 s): under heavy traffic windows
     * grow instead of closing hundreds of times a second. 0 closes on the count alone.
     */
    min_window_ms?: number;
    /**
     * Rows per second per version the drift detector reads at most (default 2000); above that it reads
     * every k-th row (systematic sampling, k set each second from the row rate).
     */
    max_rows_per_second?: number;
    /** A window holding at least `min_samples` closes after this long even when not full (default 1 h). */
    max_window_ms?: number;
    min_samples?: number;
    test?: DriftTest;
    correction?: CorrectionMethod;
  };
  /** Hysteresis of drift, SLO, quality and shadow issues (retrain issues open and close at once). */
  lifecycle?: Partial<IssueLifecycleOptions>;
  /** Period of `start()`'s evaluation timer (default 60 s). */
  evaluate_every_ms?: number;
  canary?: Partial<CanaryAnalysisOptions>;
  actuator?: CanaryActuator;
  revert?: RevertProposer;
  /** Predictions kept per model waiting for ground truth (default 100 000). */
  feedback_capacity?: number;
  /** SLO tracker bucket width (default 1 min); tests shrink it. */
  bucket_ms?: number;
}

interface CanaryCounters {
  total: number;
  errors: number;
  slow: number;
  first_at: number | undefined;
  shadow_agree: number;
  shadow_disagree: number;
  shadow_error: number;
}

interface VersionWatch {
  version: string;
  role: "stable" | "canary" | "shadow";
  weight: number;
  trained_at?: string;
  inputs: FeatureColumn[];
  outputs: FeatureColumn[];
  drift: DriftMonitor | undefined;
  drift_count: number;
  drift_started: number;
  /** Systematic row sampling for drift: every `stride`-th row, the stride set each second from the row rate. */
  stride: number;
  stride_pos: number;
  /** Requests asked about by `wantsInputs` (request-level sampling when the server asks). */
  request_pos: number;
  rows_this_second: number;
  second_start: number;
  pending: DriftReport[];
  history: DriftReport[];
  last_drift?: DriftReport;
  slo: SloTracker | undefined;
  last_slo?: BudgetStatus;
  /**
   * Requests counted but not yet in the SLO trackers (this version's and the model's budget): requests,
   * 5xx, 4xx+5xx, slow for each tracker's latency threshold, from `slo_from` on. One `recordCounts` per
   * tracker when time leaves the buckets they fall in (`slo_until`) or before anything reads the trackers,
   * instead of two ring updates per request per tracker.
   */
  slo_counts: Float64Array;
  slo_from: number;
  slo_until: number;
  counters: CanaryCounters;
}

interface ModelWatch {
  model: string;
  contract: Contract;
  slo: Slo | undefined;
  versions: Map<string, VersionWatch>;
  /** Model-level budget (what `budgets.json` gives the policy gate). */
  budget: SloTracker | undefined;
  /** request id → version that answered, for feedback routing (bounded). */
  feedback: PredictionStore | undefined;
  prediction: { name: string; column: number } | undefined;
  latency_threshold_ms: number;
}

interface PersistedState {
  version: 1;
  environment: string;
  issues: Record<string, IssueLifecycleState>;
  canaries: Record<
    string,
    {
      aborted_at?: string;
      reason?: string;
      healthy_reported?: string;
      /** The revert change request, once opened. */
      revert?: { number: number; url?: string };
      /** The revert could not be proposed yet (forge down, rate limited): retried every evaluation. */
      revert_pending?: boolean;
    }
  >;
  snapshot?: MonitorSnapshot;
}

export interface VersionSnapshot {
  version: string;
  role: "stable" | "canary" | "shadow";
  weight: number;
  requests: number;
  error_ratio: number;
  drift: {
    status: DriftStatus | "pending";
    window: number | null;
    observations_in_window: number;
    /**
     * Drift reads one row (or request, when the server asks `wantsInputs`) in this many: 1 below
     * `max_rows_per_second`, set each second from the row rate above it.
     */
    sampled_every: number;
    drifted_inputs: string[];
    drifted_outputs: string[];
    top: { feature: string; psi: number; verdict: string }[];
  };
  quality?: { metric: string; value: number | null; samples: number; breached: boolean };
  trained_at?: string;
  retrain_overdue?: boolean;
  canary?: { aborted: boolean; reason?: string };
  shadow?: { agree: number; disagree: number; error: number };
}

export interface MonitorSnapshot {
  environment: string;
  revision?: string;
  evaluated_at: string;
  models: {
    model: string;
    slo?: string;
    budget?: {
      remaining_ratio: number;
      exhausted: boolean;
      burn_rates: Record<string, number>;
      alerts: string[];
    };
    versions: VersionSnapshot[];
  }[];
  issues: { fingerprint: string; open: boolean; severity: IssueSeverity }[];
}

const DRIFT_RANK: Record<DriftStatus, number> = {
  insufficient: -1,
  ok: 0,
  warning: 1,
  alert: 2,
  critical: 3,
};

/**
 * The live monitor of one environment: fed every inference by the serving layer (as its
 * `InferenceObserver`), it keeps drift detectors on each version's contract baseline, SLO trackers, quality
 * from feedback and canary-vs-stable counters; `evaluate()` (on a timer after `start()`) turns them into
 * issues through the hysteresis lifecycle, aborts significantly worse canaries, writes `budgets.json` and
 * updates the gauges. Issue identity is `env/model/version/kind`, so a restart updates, never duplicates.
 */
export class MonitorRuntime implements InferenceObserver {
  readonly environment: string;
  private spec: MonitorSpec;
  private readonly clock: Clock;
  private readonly logger: MonitorLogger | undefined;
  private readonly metrics: MonitorMetrics | undefined;
  private readonly canaryOptions: CanaryAnalysisOptions;
  private readonly models = new Map<string, ModelWatch>();
  private issues = new Map<string, IssueLifecycleState>();
  private canaries: PersistedState["canaries"] = {};
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private loaded = false;
  private lastSnapshot: MonitorSnapshot | undefined;
  private evaluating = false;
  private readonly windowSize: number;
  private readonly minWindowMs: number;
  private readonly maxRowsPerSecond: number;
  private deferred: MonitorSpec | undefined;
  observed = 0;

  constructor(private readonly options: MonitorRuntimeOptions) {
    this.environment = options.spec.environment;
    this.spec = options.spec;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger;
    this.metrics = options.registry ? new MonitorMetrics(options.registry) : undefined;
    this.canaryOptions = { ...DEFAULT_CANARY_ANALYSIS, ...options.canary };
    this.windowSize = Math.max(1, options.drift?.window_size ?? 1000);
    this.minWindowMs = Math.max(0, options.drift?.min_window_ms ?? 60_000);
    this.maxRowsPerSecond = Math.max(1, options.drift?.max_rows_per_second ?? 2000);
    this.configure(options.spec);
  }

  /**
   * Follows a new desired state: keeps the counters of versions still serving, closes the issues of
   * removed ones. During an evaluation the change waits until it ends.
   */
  configure(spec: MonitorSpec): void {
    if (spec.environment !== this.environment)
      throw new Error(`monitor of ${this.environment} cannot watch ${spec.environment}`);
    if (this.evaluating) {
      this.deferred = spec;
      return;
    }
    this.spec = spec;
    const seen = new Set<string>();
    for (const m of spec.models) {
      seen.add(m.model);
      let watch = this.models.get(m.model);
      if (
        watch &&
        (JSON.stringify(watch.contract) !== JSON.stringify(m.contract) ||
          JSON.stringify(watch.slo) !== JSON.stringify(m.slo))
      ) {
        // New baselines or objectives: counters start over (open issues keep their fingerprints).
        this.models.delete(m.model);
        watch = undefined;
      }
      if (!watch) {
        watch = this.newModelWatch(m);
        this.models.set(m.model, watch);
      }
      const wanted = new Set(m.versions.map((v) => v.version));
      for (const v of m.versions) {
        const existing = watch.versions.get(v.version);
        if (existing) {
          if (existing.role === "canary" && v.role !== "canary") {
            // Promoted (or made stable) in Git: the canary analysis, and its issue, are over.
            delete this.canaries[`${m.model}/${v.version}`];
            this.retired.push({
              model: m.model,
              version: v.version,
              kind: "canary",
              why: "is no longer a canary",
            });
          }
          existing.role = v.role;
          existing.weight = v.weight;
          if (v.trained_at) existing.trained_at = v.trained_at;
        } else watch.versions.set(v.version, this.newVersionWatch(m, v));
      }
      for (const version of [...watch.versions.keys()]) {
        if (!wanted.has(version)) this.retireVersion(watch, version);
      }
    }
    for (const [name, watch] of [...this.models]) {
      if (seen.has(name)) continue;
      for (const version of [...watch.versions.keys()]) this.retireVersion(watch, version);
      this.models.delete(name);
    }
  }

  private newModelWatch(m: MonitoredModel): ModelWatch {
    const quality = m.slo?.objectives.quality;
    const first = m.contract.outputs[0];
    return {
      model: m.model,
      contract: m.contract,
      slo: m.slo,
      versions: new Map(),
      budget: m.slo ? this.tracker(m.model, m.slo) : undefined,
      feedback: quality
        ? new PredictionStore(
            this.options.feedback_capacity ?? 100_000,
            parseDuration(quality.window ?? "7d"),
          )
        : undefined,
      prediction: first ? { name: first.name, column: rowWidth(first.shape) - 1 } : undefined,
      latency_threshold_ms:
        m.slo?.objectives.latency?.threshold_ms ?? this.canaryOptions.latency_threshold_ms,
    };
  }

  private tracker(model: string, slo: Slo): SloTracker | undefined {
    try {
      return new SloTracker(slo, {
        model,
        environment: this.environment,
        clock: this.clock,
        ...(this.options.bucket_ms ? { bucket_ms: this.options.bucket_ms } : {}),
        ...(this.options.feedback_capacity ? { feedback_capacity: this.options.feedback_capacity } : {}),
      });
    } catch (error) {
      this.logger?.error("SLO not tracked", { model, slo: slo.name, error: (error as Error).message });
      return undefined;
    }
  }

  private newVersionWatch(m: MonitoredModel, v: MonitoredModel["versions"][number]): VersionWatch {
    const baseline = m.contract.baseline;
    let drift: DriftMonitor | undefined;
    if (
      baseline &&
      (Object.keys(baseline.inputs ?? {}).length > 0 || Object.keys(baseline.outputs ?? {}).length > 0)
    ) {
      const d = this.options.drift ?? {};
      try {
        drift = DriftMonitor.fromContract(m.contract, {
          // Windows are closed here (count and minimum age), never by the detector itself.
          window: { kind: "count", size: Number.MAX_SAFE_INTEGER },
          clock: this.clock,
          thresholds: driftThresholdsFromSlo(m.slo),
          ...(d.min_samples ? { min_samples: d.min_samples } : {}),
          ...(d.test ? { test: d.test } : {}),
          ...(d.correction ? { correction: d.correction } : {}),
        });
      } catch (error) {
        this.logger?.error("drift not monitored: bad baseline", {
          model: m.model,
          error: (error as Error).message,
        });
      }
    }
    return {
      version: v.version,
      role: v.role,
      weight: v.weight,
      ...(v.trained_at ? { trained_at: v.trained_at } : {}),
      inputs: featureColumns(m.contract.inputs, baseline?.inputs),
      outputs: featureColumns(m.contract.outputs, baseline?.outputs),
      drift,
      drift_count: 0,
      drift_started: this.clock(),
      stride: 1,
      stride_pos: 0,
      request_pos: 0,
      rows_this_second: 0,
      second_start: this.clock(),
      pending: [],
      history: [],
      slo: m.slo ? this.tracker(m.model, m.slo) : undefined,
      slo_counts: new Float64Array(5),
      slo_from: 0,
      slo_until: -Infinity,
      counters: {
        total: 0,
        errors: 0,
        slow: 0,
        first_at: undefined,
        shadow_agree: 0,
        shadow_disagree: 0,
        shadow_error: 0,
      },
    };
  }

  /**
   * Hands a version's pending request counts to its SLO trackers (at the time of their first request, in
   * the same buckets as each of them) and starts a new batch at `now`.
   */
  private flushCounts(watch: ModelWatch, v: VersionWatch, now: number): void {
    const k = v.slo_counts;
    if (k[0]! > 0) {
      const t = v.slo_from;
      v.slo?.recordCounts({ total: k[0]!, server_errors: k[1]!, errors: k[2]!, slow: k[3]! }, t);
      watch.budget?.recordCounts({ total: k[0]!, server_errors: k[1]!, errors: k[2]!, slow: k[4]! }, t);
      k.fill(0);
    }
    v.slo_from = now;
    v.slo_until = Math.min(v.slo?.bucketEnd(now) ?? Infinity, watch.budget?.bucketEnd(now) ?? Infinity);
  }

  /** Every version's pending counts into the trackers, before anything reads them. */
  private flushAllCounts(now: number): void {
    for (const watch of this.models.values())
      for (const v of watch.versions.values()) this.flushCounts(watch, v, now);
  }

  /** A version left the environment: forget its series, close its open issues at the next evaluation. */
  private retireVersion(watch: ModelWatch, version: string): void {
    const v = watch.versions.get(version);
    // Its requests still count against the model's budget.
    if (v) this.flushCounts(watch, v, this.clock());
    watch.versions.delete(version);
    if (!v) return;
    this.metrics?.forgetVersion(
      { environment: this.environment, model: watch.model, version },
      [
        ...v.inputs.map((c) => ({ feature: c.feature, role: "input" })),
        ...v.outputs.map((c) => ({ feature: c.feature, role: "output" })),
      ],
      watch.slo?.objectives.quality?.metric,
    );
    this.retired.push({ model: watch.model, version });
  }
  private retired: { model: string; version: string; kind?: RuntimeIssueKind; why?: string }[] = [];

  // ---------- the hot path ----------

  /**
   * Asked by the serving layer before it copies a request's inputs: under heavy traffic only every k-th
   * request's inputs are needed for drift (k as for row sampling), so the others are never copied.
   */
  wantsInputs(model: string, version: string): boolean {
    this.sampledUpstream = true;
    const v = this.models.get(model)?.versions.get(version);
    if (!v?.drift) return false;
    v.request_pos += 1;
    return v.stride <= 1 || v.request_pos % v.stride === 0;
  }
  private sampledUpstream = false;

  /** One served inference (called by the serving layer off the request path). */
  observe(o: InferenceObservation): void {
    const watch = this.models.get(o.model);
    const v = watch?.versions.get(o.version);
    if (!watch || !v) return;
    this.observed += 1;
    const now = this.clock();
    if (o.role === "shadow") {
      const r = o.shadowOf?.result;
      if (r === "agree") v.counters.shadow_agree += 1;
      else if (r === "disagree") v.counters.shadow_disagree += 1;
      else if (r === "error") v.counters.shadow_error += 1;
    } else {
      if (v.slo || watch.budget) {
        if (now >= v.slo_until || now < v.slo_from) this.flushCounts(watch, v, now);
        const k = v.slo_counts;
        k[0]! += 1;
        if (o.status >= 500) k[1]! += 1;
        if (o.status >= 400) k[2]! += 1;
        if (v.slo?.isSlow(o.durationMs)) k[3]! += 1;
        if (watch.budget?.isSlow(o.durationMs)) k[4]! += 1;
      }
      const c = v.counters;
      c.first_at ??= now;
      c.total += 1;
      // 4xx count too: traffic is split at random, so a version that rejects more (a tightened contract)
      // is as much a regression as one that fails.
      if (o.status >= 400) c.errors += 1;
      if (o.durationMs > watch.latency_threshold_ms) c.slow += 1;
    }
    if (o.status !== 200 || !o.outputs) return;
    const rows = o.rows > 0 ? o.rows : (Object.values(o.outputs)[0]?.dims[0] ?? 1);
    if (v.drift) {
      if (now - v.second_start >= 1000) {
        v.stride = Math.max(1, Math.ceil(v.rows_this_second / this.maxRowsPerSecond));
        v.rows_this_second = 0;
        v.second_start = now;
      }
      v.rows_this_second += rows;
      // When the server asked `wantsInputs`, the requests with inputs are the sample: read all their rows
      // and skip the others. Otherwise (direct callers, shadows: no inputs) sample every k-th row here.
      const sampledRequest = this.sampledUpstream && o.inputs !== undefined;
      const skip = this.sampledUpstream && o.inputs === undefined && o.role !== "shadow";
      if (!skip) this.observeDrift(v, o, rows, sampledRequest, now);
    }
    if (o.requestId !== undefined && o.role !== "shadow" && watch.feedback && watch.prediction && v.slo) {
      const tensor = o.outputs[watch.prediction.name];
      if (tensor) watch.feedback.record(o.requestId, v.version, tensor, watch.prediction.column, rows, now);
    }
  }

  /**
   * Counts a request's rows for drift, column by column on its tensors: all rows of a sampled request,
   * else every k-th row across requests (the rows r with (position + r + 1) divisible by k). Windows close
   * after `windowSize` rows once `minWindowMs` old, mid-request if need be — the same rows and windows as
   * counting one row at a time.
   */
  private observeDrift(
    v: VersionWatch,
    o: InferenceObservation,
    rows: number,
    sampledRequest: boolean,
    now: number,
  ): void {
    const drift = v.drift!;
    let first = 0;
    let every = 1;
    let count = rows;
    if (!sampledRequest && v.stride > 1) {
      every = v.stride;
      first = every - 1 - (v.stride_pos % every);
      count = first < rows ? Math.floor((rows - 1 - first) / every) + 1 : 0;
      v.stride_pos += rows;
    }
    if (count === 0) return;
    const batch = {
      inputs: columnSources(o.inputs, v.inputs),
      outputs: columnSources(o.outputs, v.outputs),
    };
    const size = this.windowSize;
    for (let done = 0; done < count;) {
      if (v.drift_count === 0) v.drift_started = now;
      const closes = now - v.drift_started >= this.minWindowMs;
      const take = closes ? Math.min(count - done, Math.max(1, size - v.drift_count)) : count - done;
      drift.observeColumns(batch, first + done * every, every, take);
      v.drift_count += take;
      done += take;
      if (closes && v.drift_count >= size) {
        const closed = drift.flush(now);
        v.drift_count = 0;
        if (closed) v.pending.push(closed);
      }
    }
  }

  /** Ground truth for an earlier request (`POST /v2/models/{name}/feedback`). */
  feedback(f: InferenceFeedback): FeedbackOutcome {
    const watch = this.models.get(f.model);
    if (!watch) return { result: "unknown", message: `model '${f.model}' is not monitored here` };
    if (!watch.feedback)
      return {
        result: "unsupported",
        message: `the SLO of '${f.model}' has no quality objective to score feedback against`,
      };
    const now = this.clock();
    const taken = watch.feedback.take(f.id, now);
    const v = taken === undefined ? undefined : watch.versions.get(taken.version);
    if (!taken || !v?.slo)
      return {
        result: "unknown",
        message: `no prediction of '${f.model}' waits for id '${f.id}' (never seen, already labelled, or past the bounded store)`,
      };
    const truth = f.label !== undefined ? f.label : f.value;
    // The tracker joins on its own; handing it the prediction just now keeps its store empty.
    v.slo.recordPrediction(f.id, taken.prediction, now);
    if (!v.slo.recordFeedback(f.id, truth, now))
      return {
        result: "invalid",
        message: `feedback for '${f.id}' cannot be scored as ${watch.slo?.objectives.quality?.metric}`,
      };
    return { result: "accepted" };
  }

  // ---------- evaluation ----------

  /** Starts the evaluation timer (unref'd: it never keeps the process alive). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      void this.evaluate().catch((error: unknown) =>
        this.logger?.error("monitor evaluation failed", { error: String(error) }),
      );
    }, this.options.evaluate_every_ms ?? 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One evaluation (serialised: a call while one runs waits for it, then runs). */
  evaluate(): Promise<void> {
    const run = (this.running ?? Promise.resolve()).then(() => this.doEvaluate());
    this.running = run.catch(() => undefined);
    return run;
  }

  private async doEvaluate(): Promise<void> {
    this.evaluating = true;
    try {
      await this.evaluateAll();
    } finally {
      this.evaluating = false;
      const spec = this.deferred;
      this.deferred = undefined;
      if (spec) this.configure(spec);
    }
  }

  private async evaluateAll(): Promise<void> {
    await this.loadState();
    const now = this.clock();
    this.flushAllCounts(now);
    const env = this.environment;
    const d = this.options.drift ?? {};
    const maxWindow = d.max_window_ms ?? 3_600_000;
    const minSamples = d.min_samples ?? 50;
    const retiring = this.retired.splice(0);
    for (const retired of retiring) {
      const prefix = `${env}/${retired.model}/${retired.version}/`;
      let failed = false;
      for (const fp of [...this.issues.keys()]) {
        if (!fp.startsWith(prefix) || (retired.kind && !fp.endsWith(`/${retired.kind}`))) continue;
        if (!this.issues.get(fp)?.open) continue;
        const comment = `${retired.model} ${retired.version} ${retired.why ?? `no longer serves in ${env}`}.`;
        if (await this.forgeCall(() => this.options.forge?.closeIssue(fp, comment))) this.issues.delete(fp);
        else failed = true;
      }
      if (failed) this.retired.push(retired); // tried again at the next evaluation
    }
    const budgets: BudgetStatus[] = [];
    for (const watch of this.models.values()) {
      const slo = watch.slo;
      for (const v of watch.versions.values()) {
        const at = { environment: env, model: watch.model, version: v.version };
        // Drift: every window closed since the last evaluation, oldest first.
        if (v.drift && v.drift_count >= minSamples && now - v.drift_started >= maxWindow) {
          const report = v.drift.flush();
          v.drift_count = 0;
          if (report) v.pending.push(report);
        }
        for (const report of v.pending.splice(0)) {
          v.history.push(report);
          if (v.history.length > 24) v.history.shift();
          v.last_drift = report;
          for (const f of report.features)
            this.metrics?.psi.labels({ ...at, feature: f.feature, role: f.role }).set(f.psi);
          this.metrics?.driftStatus.labels(at).set(DRIFT_RANK[report.status]);
          const history = [...v.history];
          await this.step(runtimeFingerprint(env, watch.model, v.version, "drift"), report.status, () =>
            renderDriftIssue({ ...at, report, history, sampled_every: v.stride }),
          );
        }
        // SLO burn and quality.
        if (v.slo && slo) {
          const status = v.slo.status(now);
          v.last_slo = status;
          const total = Math.max(0, ...Object.values(status.objectives).map((o) => o.total));
          const severity: IssueObservation =
            total === 0
              ? "insufficient"
              : status.alerts.some((a) => a.severity === "page")
                ? "critical"
                : status.alerts.length > 0 || status.exhausted
                  ? "alert"
                  : "ok";
          await this.step(runtimeFingerprint(env, watch.model, v.version, "slo"), severity, (s) =>
            renderSloIssue({ ...at, severity: s, now }, status),
          );
          const q = status.quality;
          if (q) {
            if (q.value !== null) this.metrics?.quality.labels({ ...at, metric: q.metric }).set(q.value);
            const qs: IssueObservation =
              q.samples < q.min_samples ? "insufficient" : q.breached ? "alert" : "ok";
            await this.step(runtimeFingerprint(env, watch.model, v.version, "quality"), qs, (s) =>
              renderQualityIssue({ ...at, severity: s, now }, q, slo.objectives.quality?.window ?? "7d"),
            );
          }
        }
        // Retrain overdue (deterministic: opens and closes at once).
        const trained = v.trained_at ? Date.parse(v.trained_at) : Number.NaN;
        if (Number.isFinite(trained)) {
          this.metrics?.trained.labels(at).set(trained / 1000);
          const days = slo?.retrain_after_days;
          if (days !== undefined && v.role !== "shadow") {
            const overdue = now - trained > days * 86_400_000;
            await this.step(
              runtimeFingerprint(env, watch.model, v.version, "retrain"),
              overdue ? "alert" : "ok",
              (s) => renderRetrainIssue({ ...at, severity: s, now }, v.trained_at!, days),
              { open_after: 1, close_after: 1 },
            );
          }
        }
      }
      if (watch.budget) {
        const b = watch.budget.status(now);
        budgets.push(b);
        this.metrics?.budgetRemaining
          .labels({ environment: env, model: watch.model, slo: b.slo, objective: "all" })
          .set(b.remaining_ratio);
        for (const o of Object.values(b.objectives))
          this.metrics?.budgetRemaining
            .labels({ environment: env, model: watch.model, slo: b.slo, objective: o.objective })
            .set(o.remaining_ratio);
        for (const [window, rate] of Object.entries(b.burn_rates))
          this.metrics?.burnRate
            .labels({ environment: env, model: watch.model, slo: b.slo, window })
            .set(rate);
      }
      await this.analyseCanaries(watch, now);
    }
    this.lastSnapshot = this.buildSnapshot(now);
    if (this.options.stateDir) {
      await this.writeBudgets(budgets, now);
      await this.saveState();
    }
  }

  /** Canary vs stable: significance tests on errors and slow requests, drift, shadow disagreement. */
  private async analyseCanaries(watch: ModelWatch, now: number): Promise<void> {
    const o = this.canaryOptions;
    const env = this.environment;
    const versions = [...watch.versions.values()];
    const stable = versions
      .filter((v) => v.role === "stable")
      .sort((a, b) => b.weight - a.weight || b.counters.total - a.counters.total)[0];
    for (const v of versions) {
      const key = `${watch.model}/${v.version}`;
      const at = { environment: env, model: watch.model, version: v.version };
      if (v.role === "shadow") {
        const c = v.counters;
        const n = c.shadow_agree + c.shadow_disagree + c.shadow_error;
        const share = n > 0 ? (c.shadow_disagree + c.shadow_error) / n : 0;
        const observation: IssueObservation =
          n < o.min_samples ? "insufficient" : share > o.max_disagreement ? "alert" : "ok";
        await this.step(runtimeFingerprint(env, watch.model, v.version, "canary"), observation, (s) =>
          renderCanaryIssue(
            { ...at, severity: s, now },
            {
              stable: stable?.version,
              aborted: false,
              findings: [
                {
                  check: "shadow_disagreement",
                  message: `${c.shadow_disagree} of ${n} mirrored requests disagreed and ${c.shadow_error} failed (${(share * 100).toFixed(1)}% > ${(o.max_disagreement * 100).toFixed(1)}%)`,
                },
              ],
            },
          ),
        );
        continue;
      }
      if (v.role === "canary" && this.canaries[key]?.revert_pending)
        await this.retryRevert(watch.model, v.version);
      if (v.role !== "canary" || !stable || this.canaries[key]?.aborted_at) continue;
      const findings: CanaryFinding[] = [];
      const s = stable.counters;
      const c = v.counters;
      if (c.total >= o.min_samples && s.total >= o.min_samples) {
        const err = twoProportionZTest({ bad: s.errors, total: s.total }, { bad: c.errors, total: c.total });
        if (err.p_value < o.alpha && err.rate_b - err.rate_a >= o.min_effect)
          findings.push({
            check: "error_rate",
            message: `${c.errors}/${c.total} errors (${pct(err.rate_b)}) vs stable ${stable.version} ${s.errors}/${s.total} (${pct(err.rate_a)}); two-proportion z = ${err.z.toFixed(2)}, p = ${fmtP(err.p_value)} < ${o.alpha}`,
          });
        const slow = twoProportionZTest({ bad: s.slow, total: s.total }, { bad: c.slow, total: c.total });
        if (slow.p_value < o.alpha && slow.rate_b - slow.rate_a >= o.min_effect)
          findings.push({
            check: "latency",
            message: `${pct(slow.rate_b)} of requests slower than ${watch.latency_threshold_ms} ms vs ${pct(slow.rate_a)} on stable; z = ${slow.z.toFixed(2)}, p = ${fmtP(slow.p_value)} < ${o.alpha}`,
          });
      }
      const cd = v.last_drift;
      const sd = stable.last_drift;
      if (
        cd &&
        DRIFT_RANK[cd.status] >= DRIFT_RANK.alert &&
        !(sd && DRIFT_RANK[sd.status] >= DRIFT_RANK.alert)
      ) {
        findings.push({
          check: "drift",
          message: `the canary's window #${cd.window.index} is ${cd.status} (inputs: ${cd.drifted_inputs.join(", ") || "none"}; outputs: ${cd.drifted_outputs.join(", ") || "none"}) while stable's is ${sd?.status ?? "not yet evaluated"}`,
        });
      }
      if (findings.length > 0) {
        await this.abort(watch, v, stable.version, findings, now);
        continue;
      }
      const healthyFor = c.first_at === undefined ? 0 : now - c.first_at;
      const revision = this.spec.revision;
      if (
        revision &&
        c.total >= o.min_samples &&
        healthyFor >= o.healthy_after_ms &&
        this.canaries[key]?.healthy_reported !== revision &&
        this.options.forge?.reportDeployment
      ) {
        const description = `canary ${watch.model} ${v.version} healthy for ${Math.round(healthyFor / 60_000)} min: ${pct(c.errors / c.total)} errors vs ${pct(s.total ? s.errors / s.total : 0)} on stable over ${c.total} requests`;
        const forge = this.options.forge;
        if (
          await this.forgeCall(() =>
            forge.reportDeployment!({ environment: env, sha: revision, state: "success", description }),
          )
        )
          this.canaries[key] = { ...this.canaries[key], healthy_reported: revision };
      }
    }
  }

  private async abort(
    watch: ModelWatch,
    v: VersionWatch,
    stable: string,
    findings: CanaryFinding[],
    now: number,
  ): Promise<void> {
    const env = this.environment;
    const reason = `canary ${watch.model} ${v.version} significantly worse than ${stable}: ${findings.map((f) => f.check).join(", ")}`;
    this.logger?.warn("aborting canary", {
      environment: env,
      model: watch.model,
      version: v.version,
      reason,
    });
    try {
      await this.options.actuator?.abortCanary({ model: watch.model, version: v.version, stable, reason });
    } catch (error) {
      this.logger?.error("canary abort failed; retried at the next evaluation", {
        error: (error as Error).message,
      });
      return;
    }
    this.canaries[`${watch.model}/${v.version}`] = { aborted_at: new Date(now).toISOString(), reason };
    v.weight = 0;
    this.metrics?.canaryAborts.labels({ environment: env, model: watch.model, version: v.version }).inc();
    const pr = await this.proposeRevert(watch.model, v.version);
    const fp = runtimeFingerprint(env, watch.model, v.version, "canary");
    const draft = renderCanaryIssue(
      { environment: env, model: watch.model, version: v.version, severity: "critical", now },
      {
        stable,
        findings,
        aborted: this.options.actuator !== undefined,
        ...(pr ? { revertPullRequest: pr } : {}),
      },
    );
    if (await this.forgeCall(() => this.options.forge?.ensureIssue(draft), "canary", "open"))
      this.issues.set(fp, { open: true, severity: "critical", breaching_streak: 1, healthy_streak: 0 });
  }

  /**
   * Proposes the revert of an aborted canary. A failure (forge down, rate limited) leaves it pending, so
   * the next evaluation tries again; the proposer is idempotent (the forge reuses the branch and the open
   * change request an earlier attempt got to), so retrying never opens a second one.
   */
  private async proposeRevert(
    model: string,
    version: string,
  ): Promise<{ number: number; url?: string } | undefined> {
    const key = `${model}/${version}`;
    const { revert_pending: _pending, ...state } = this.canaries[key] ?? {};
    if (!this.options.revert) return undefined;
    try {
      const pr = await this.options.revert.proposeRevert({
        environment: this.environment,
        model,
        version,
        reason: state.reason ?? "canary aborted",
      });
      this.canaries[key] = pr ? { ...state, revert: pr } : state;
      return pr;
    } catch (error) {
      this.logger?.error("revert change request not opened; retried at the next evaluation", {
        error: (error as Error).message,
      });
      this.canaries[key] = { ...state, revert_pending: true };
      return undefined;
    }
  }

  /** A pending revert, tried again; once opened, the canary issue gets a comment with its number. */
  private async retryRevert(model: string, version: string): Promise<void> {
    const pr = await this.proposeRevert(model, version);
    if (!pr) return;
    const fp = runtimeFingerprint(this.environment, model, version, "canary");
    const where = pr.url ? ` (${pr.url})` : "";
    await this.forgeCall(
      () =>
        this.options.forge?.commentOnIssue(
          fp,
          `Revert proposed in change request #${pr.number}${where}: merge it to make Git agree.`,
        ),
      "canary",
      "comment",
    );
  }

  /** Feeds one observation to an issue's lifecycle and carries out its actions on the forge. */
  private async step(
    fingerprint: string,
    observed: IssueObservation,
    render: (severity: IssueSeverity) => IssueDraft,
    lifecycle: Partial<IssueLifecycleOptions> = this.options.lifecycle ?? {},
  ): Promise<void> {
    const previous = this.issues.get(fingerprint) ?? initialIssueState();
    const { state, actions } = stepIssueLifecycle(previous, observed, lifecycle);
    const kind = fingerprint.split("/").at(-1) as RuntimeIssueKind;
    const forge = this.options.forge;
    for (const action of actions) {
      let ok = true;
      if (action.type === "open" || action.type === "update") {
        const draft = render(action.severity);
        ok = await this.forgeCall(() => forge?.ensureIssue(draft), kind, action.type);
      } else if (action.type === "comment") {
        ok = await this.forgeCall(
          () =>
            forge?.commentOnIssue(
              fingerprint,
              `Escalated from **${action.from}** to **${action.to}** at ${new Date(this.clock()).toISOString()}.`,
            ),
          kind,
          "comment",
        );
      } else {
        ok = await this.forgeCall(
          () =>
            forge?.closeIssue(
              fingerprint,
              `Recovered: healthy for ${lifecycle.close_after ?? 3} consecutive evaluations (${new Date(this.clock()).toISOString()}).`,
            ),
          kind,
          "close",
        );
      }
      // A failed forge call keeps the previous state, so the action is tried again next time.
      if (!ok) return;
    }
    if (!state.open && state.breaching_streak === 0) this.issues.delete(fingerprint);
    else this.issues.set(fingerprint, state);
  }

  private async forgeCall(
    call: () => Promise<unknown> | undefined,
    kind?: string,
    action?: string,
  ): Promise<boolean> {
    try {
      await call();
      if (kind && action)
        this.metrics?.issueActions.labels({ environment: this.environment, kind, action }).inc();
      return true;
    } catch (error) {
      this.metrics?.forgeFailures.labels({ environment: this.environment }).inc();
      this.logger?.error("forge call failed; retried at the next evaluation", {
        error: (error as Error).message,
      });
      return false;
    }
  }

  // ---------- state ----------

  private get statePath(): string | undefined {
    return this.options.stateDir
      ? join(this.options.stateDir, "environments", this.environment, "monitor.json")
      : undefined;
  }

  /** Lifecycle state from the state file; without one, open issues found on the forge (by their fingerprint). */
  private async loadState(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    const path = this.statePath;
    if (path) {
      const saved = await readMonitorState(path);
      if (saved) {
        this.issues = new Map(Object.entries(saved.issues));
        this.canaries = saved.canaries;
        return;
      }
    }
    const forge = this.options.forge;
    if (!forge?.listIssues) return;
    try {
      for await (const issue of forge.listIssues({ state: "open" })) {
        if (!issue.fingerprint.startsWith(`${this.environment}/`)) continue;
        const severity = (issue.labels.find((l) => l.startsWith("severity:"))?.slice(9) ??
          "alert") as IssueSeverity;
        this.issues.set(issue.fingerprint, {
          open: true,
          severity: ["ok", "warning", "alert", "critical"].includes(severity) ? severity : "alert",
          breaching_streak: 1,
          healthy_streak: 0,
        });
      }
    } catch (error) {
      this.loaded = false;
      this.logger?.error("open issues not listed; retried at the next evaluation", {
        error: (error as Error).message,
      });
    }
  }

  private async saveState(): Promise<void> {
    const path = this.statePath;
    if (!path) return;
    const state: PersistedState = {
      version: 1,
      environment: this.environment,
      issues: Object.fromEntries(this.issues),
      canaries: this.canaries,
      ...(this.lastSnapshot ? { snapshot: this.lastSnapshot } : {}),
    };
    await writeFileAtomic(path, `${JSON.stringify(state, finite, 2)}\n`);
  }

  private async writeBudgets(statuses: BudgetStatus[], now: number): Promise<void> {
    const dir = this.options.budgets_dir ?? this.options.stateDir!;
    const existing = await readBudgetSnapshot(dir).catch(() => undefined);
    const others = Object.entries(existing?.environments ?? {})
      .filter(([env]) => env !== this.environment)
      .flatMap(([, models]) => Object.values(models));
    await writeBudgetSnapshot(dir, buildBudgetSnapshot([...others, ...statuses], now));
  }

  // ---------- status ----------

  /** What `/status` and `modelgate status` show (as of the last evaluation, plus live counters). */
  snapshot(): MonitorSnapshot {
    return this.buildSnapshot(this.clock());
  }

  private buildSnapshot(now: number): MonitorSnapshot {
    this.flushAllCounts(now);
    const models: MonitorSnapshot["models"] = [];
    for (const watch of this.models.values()) {
      const versions: VersionSnapshot[] = [];
      for (const v of watch.versions.values()) {
        const d = v.last_drift;
        const q = v.last_slo?.quality;
        const days = watch.slo?.retrain_after_days;
        const trained = v.trained_at ? Date.parse(v.trained_at) : Number.NaN;
        const canary = this.canaries[`${watch.model}/${v.version}`];
        versions.push({
          version: v.version,
          role: v.role,
          weight: v.weight,
          requests: v.counters.total,
          error_ratio: v.counters.total ? v.counters.errors / v.counters.total : 0,
          drift: {
            status: d ? d.status : "pending",
            window: d ? d.window.index : null,
            observations_in_window: v.drift_count,
            sampled_every: v.stride,
            drifted_inputs: d?.drifted_inputs ?? [],
            drifted_outputs: d?.drifted_outputs ?? [],
            top: (d?.features ?? [])
              .filter((f) => f.verdict !== "insufficient")
              .sort((a, b) => b.psi - a.psi)
              .slice(0, 3)
              .map((f) => ({ feature: f.feature, psi: round(f.psi), verdict: f.verdict })),
          },
          ...(q
            ? { quality: { metric: q.metric, value: q.value, samples: q.samples, breached: q.breached } }
            : {}),
          ...(v.trained_at ? { trained_at: v.trained_at } : {}),
          ...(days !== undefined && Number.isFinite(trained)
            ? { retrain_overdue: now - trained > days * 86_400_000 }
            : {}),
          ...(v.role === "canary"
            ? {
                canary: {
                  aborted: Boolean(canary?.aborted_at),
                  ...(canary?.reason ? { reason: canary.reason } : {}),
                },
              }
            : {}),
          ...(v.role === "shadow"
            ? {
                shadow: {
                  agree: v.counters.shadow_agree,
                  disagree: v.counters.shadow_disagree,
                  error: v.counters.shadow_error,
                },
              }
            : {}),
        });
      }
      const b = watch.budget?.status(now);
      models.push({
        model: watch.model,
        ...(watch.slo ? { slo: watch.slo.name } : {}),
        ...(b
          ? {
              budget: {
                remaining_ratio: b.remaining_ratio,
                exhausted: b.exhausted,
                burn_rates: b.burn_rates,
                alerts: b.alerts.map(
                  (a) => `${a.severity} ${a.objective} ${a.long_window}/${a.short_window}`,
                ),
              },
            }
          : {}),
        versions,
      });
    }
    return {
      environment: this.environment,
      ...(this.spec.revision ? { revision: this.spec.revision } : {}),
      evaluated_at: new Date(now).toISOString(),
      models,
      issues: [...this.issues].map(([fingerprint, s]) => ({
        fingerprint,
        open: s.open,
        severity: s.severity,
      })),
    };
  }
}

/** Reads a monitor state file; undefined when there is none. */
export async function readMonitorState(path: string): Promise<PersistedState | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, "utf8")) as PersistedState;
    return parsed.version === 1 ? parsed : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** The monitor state file of an environment in a state folder. */
export function monitorStatePath(stateDir: string, environment: string): string {
  return join(stateDir, "environments", environment, "monitor.json");
}

function finite(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}
function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
function fmtP(p: number): string {
  return p < 1e-4 ? p.toExponential(1) : p.toFixed(4);
}
function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
