import type { BurnRateAlert, Slo } from "../../registry/types.js";
import { systemClock, type Clock } from "../clock.js";
import { parseDuration } from "../../shared/duration.js";
import { BucketRing } from "./bucket-ring.js";
import {
  burnRate,
  DEFAULT_BURN_RATE_ALERTS,
  evaluateBurnRateAlerts,
  minEventsOf,
  remainingBudgetRatio,
  type FiringBurnRateAlert,
} from "./burn-rate.js";
import { QualityTracker, type QualityStatus } from "./quality.js";

/** Budgeted objectives: each counts bad events among requests. */
export type BudgetObjective = "availability" | "error_rate" | "latency";

export interface ObjectiveBudget {
  objective: BudgetObjective;
  /** Target share of good events (availability target, 1 − error_rate.max, latency target). */
  target: number;
  /** Requests and bad requests over the SLO window. */
  total: number;
  bad: number;
  error_ratio: number;
  remaining_ratio: number;
  exhausted: boolean;
  /** Burn rate per alerting window, keyed by the window as written ("1h", "5m", ...). */
  burn_rates: Record<string, number>;
  alerts: FiringBurnRateAlert[];
}

/** The budget of one model in one environment; what `<state>/budgets.json` holds per model. */
export interface BudgetStatus {
  model: string;
  environment: string;
  slo: string;
  window: string;
  /** Smallest remaining share of any budgeted objective (1 = untouched, ≤ 0 = spent). */
  remaining_ratio: number;
  exhausted: boolean;
  /** Highest burn rate of any objective per window. */
  burn_rates: Record<string, number>;
  /** Requests per alerting window (what the minimum-traffic guard compares with `min_events`). */
  requests: Record<string, number>;
  /** Fewest requests each window of an alert must hold for it to fire (`alerting.min_events`). */
  min_events: number;
  alerts: FiringBurnRateAlert[];
  objectives: Partial<Record<BudgetObjective, ObjectiveBudget>>;
  quality?: QualityStatus;
}

export interface RequestOutcome {
  /** HTTP status code of the response. */
  status: number;
  duration_ms: number;
}

export interface SloTrackerOptions {
  model: string;
  environment: string;
  clock?: Clock;
  /** Width of the buckets behind the burn-rate windows (default 1 minute). */
  bucket_ms?: number;
  /** Width of the buckets behind the SLO-window budget (default 1 hour). */
  budget_bucket_ms?: number;
  /** Predictions kept waiting for feedback (default 100 000). */
  feedback_capacity?: number;
}

// Columns of the request rings.
const TOTAL = 0;
const SERVER_ERRORS = 1; // 5xx: availability
const ERRORS = 2; // 4xx + 5xx: error rate
const SLOW = 3; // over the latency threshold
const BAD_COLUMN: Record<BudgetObjective, number> = {
  availability: SERVER_ERRORS,
  error_rate: ERRORS,
  latency: SLOW,
};

/**
 * Error budgets and burn-rate alerts of one model in one environment. Two bucket rings: fine buckets
 * (1 min) spanning the longest alerting window, coarse buckets (1 h) spanning the SLO window.
 */
export class SloTracker {
  private readonly clock: Clock;
  private readonly fine: BucketRing;
  private readonly coarse: BucketRing;
  private readonly windowMs: number;
  private readonly rules: readonly BurnRateAlert[];
  private readonly minEvents: number;
  private readonly alertWindows: Map<string, number>;
  private readonly targets: Partial<Record<BudgetObjective, number>> = {};
  private readonly latencyThresholdMs: number | undefined;
  private readonly quality: QualityTracker | undefined;

  constructor(
    readonly slo: Slo,
    readonly options: SloTrackerOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.windowMs = parseDuration(slo.window);
    this.rules = slo.alerting?.burn_rates?.length ? slo.alerting.burn_rates : DEFAULT_BURN_RATE_ALERTS;
    this.minEvents = minEventsOf(slo);
    this.alertWindows = new Map();
    for (const r of this.rules) {
      this.alertWindows.set(r.long_window, parseDuration(r.long_window));
      this.alertWindows.set(r.short_window, parseDuration(r.short_window));
    }
    const o = slo.objectives;
    if (o.availability) this.targets.availability = o.availability.target;
    if (o.error_rate) this.targets.error_rate = 1 - o.error_rate.max;
    if (o.latency) {
      this.targets.latency = o.latency.target;
      this.latencyThresholdMs = o.latency.threshold_ms;
    }
    for (const [name, target] of Object.entries(this.targets)) {
      if (!(target < 1 && target > 0))
        throw new Error(`SLO ${slo.name}: ${name} target ${target} must be in (0, 1)`);
    }
    const bucketMs = options.bucket_ms ?? 60_000;
    const longest = Math.max(bucketMs, ...this.alertWindows.values());
    this.fine = new BucketRing({ bucketMs, spanMs: longest, columns: 4 });
    const budgetBucketMs = Math.min(options.budget_bucket_ms ?? 3_600_000, this.windowMs);
    this.coarse = new BucketRing({ bucketMs: budgetBucketMs, spanMs: this.windowMs, columns: 4 });
    if (o.quality) {
      this.quality = new QualityTracker(o.quality, parseDuration(o.quality.window ?? "7d"), {
        capacity: options.feedback_capacity,
      });
    }
  }

  /** Counts one served request (status code and latency) at `t` (default: now). */
  recordRequest(outcome: RequestOutcome, t: number = this.clock()): void {
    // Called for every served request: the deltas go through one reused array (the rings copy them).
    const deltas = this.deltas;
    deltas[0] = 1;
    deltas[1] = outcome.status >= 500 ? 1 : 0;
    deltas[2] = outcome.status >= 400 ? 1 : 0;
    deltas[3] =
      this.latencyThresholdMs !== undefined && outcome.duration_ms > this.latencyThresholdMs ? 1 : 0;
    this.fine.add(t, deltas);
    this.coarse.add(t, deltas);
  }
  private readonly deltas = [0, 0, 0, 0];

  /** Counts a batch of requests at once (e.g. from a scrape); `bad` per objective. */
  recordCounts(
    counts: { total: number; server_errors?: number; errors?: number; slow?: number },
    t = this.clock(),
  ) {
    const deltas = this.deltas;
    deltas[0] = counts.total;
    deltas[1] = counts.server_errors ?? 0;
    deltas[2] = counts.errors ?? 0;
    deltas[3] = counts.slow ?? 0;
    this.fine.add(t, deltas);
    this.coarse.add(t, deltas);
  }

  /**
   * The end of the buckets `t` falls in (the earlier of the fine and the coarse one): requests counted
   * together at `t` land exactly where one-by-one recording would put them as long as all came before it.
   */
  bucketEnd(t: number): number {
    const fine = this.fine.bucketMs;
    const coarse = this.coarse.bucketMs;
    return Math.min((Math.floor(t / fine) + 1) * fine, (Math.floor(t / coarse) + 1) * coarse);
  }

  /** Whether a request with this outcome counts as slow (the latency objective's threshold). */
  isSlow(durationMs: number): boolean {
    return this.latencyThresholdMs !== undefined && durationMs > this.latencyThresholdMs;
  }

  /** Remembers a prediction so later ground truth can be joined to it (quality objective only). */
  recordPrediction(requestId: string, prediction: unknown, t: number = this.clock()): void {
    this.quality?.recordPrediction(requestId, prediction, t);
  }

  /** Joins ground truth to its prediction; false when no prediction waits for this id. */
  recordFeedback(requestId: string, truth: unknown, t: number = this.clock()): boolean {
    return this.quality?.recordFeedback(requestId, truth, t) ?? false;
  }

  status(now: number = this.clock()): BudgetStatus {
    const objectives: Partial<Record<BudgetObjective, ObjectiveBudget>> = {};
    const windowSums = new Map<string, number[]>();
    for (const [label, ms] of this.alertWindows) windowSums.set(label, this.fine.sum(now, ms));
    const budgetSums = this.coarse.sum(now, this.windowMs);
    const requests: Record<string, number> = {};
    for (const [label, sums] of windowSums) requests[label] = sums[TOTAL]!;
    const guard = { requests, min_events: this.minEvents };
    for (const [name, target] of Object.entries(this.targets) as [BudgetObjective, number][]) {
      const col = BAD_COLUMN[name];
      const total = budgetSums[TOTAL]!;
      const bad = budgetSums[col]!;
      const burn_rates: Record<string, number> = {};
      for (const [label, sums] of windowSums) {
        burn_rates[label] = sums[TOTAL]! > 0 ? burnRate(sums[col]! / sums[TOTAL]!, target) : 0;
      }
      const remaining = remainingBudgetRatio(bad, total, target);
      objectives[name] = {
        objective: name,
        target,
        total,
        bad,
        error_ratio: total > 0 ? bad / total : 0,
        remaining_ratio: remaining,
        exhausted: remaining <= 0,
        burn_rates,
        alerts: evaluateBurnRateAlerts(name, this.rules, burn_rates, guard),
      };
    }
    const list = Object.values(objectives);
    const burn_rates: Record<string, number> = {};
    for (const label of this.alertWindows.keys()) {
      burn_rates[label] = Math.max(0, ...list.map((o) => o.burn_rates[label] ?? 0));
    }
    const remaining_ratio = list.length ? Math.min(...list.map((o) => o.remaining_ratio)) : 1;
    return {
      model: this.options.model,
      environment: this.options.environment,
      slo: this.slo.name,
      window: this.slo.window,
      remaining_ratio,
      exhausted: remaining_ratio <= 0,
      burn_rates,
      requests,
      min_events: this.minEvents,
      alerts: list.flatMap((o) => o.alerts),
      objectives,
      ...(this.quality ? { quality: this.quality.status(now) } : {}),
    };
  }

  /** Bytes held by the counters (both rings and the quality window; pending predictions excluded). */
  byteLength(): number {
    return this.fine.byteLength() + this.coarse.byteLength() + (this.quality?.byteLength() ?? 0);
  }
}
