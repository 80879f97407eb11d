import { BucketRing } from "./bucket-ring.js";

export type QualityMetric = "accuracy" | "mae";

/** Which metrics a model-quality objective can use, and how a (prediction, truth) pair scores. */
export const QUALITY_METRICS: Record<
  QualityMetric,
  (prediction: unknown, truth: unknown) => number | undefined
> = {
  accuracy: (p, t) => (p === undefined || t === undefined ? undefined : String(p) === String(t) ? 1 : 0),
  mae: (p, t) => {
    const a = Number(p);
    const b = Number(t);
    return Number.isFinite(a) && Number.isFinite(b) ? Math.abs(a - b) : undefined;
  },
};

export function isQualityMetric(name: string): name is QualityMetric {
  return Object.hasOwn(QUALITY_METRICS, name);
}

/**
 * Predictions waiting for their ground truth, keyed by request id. Bounded twice: at most `capacity`
 * entries (the oldest are evicted) and at most `ttlMs` old (expired on every call). Insertion order is
 * time order, so both are O(1) amortised.
 */
export class FeedbackJoiner<P = unknown> {
  private readonly pending = new Map<string, { prediction: P; t: number }>();
  private readonly capacity: number;
  private readonly ttlMs: number;
  evicted = 0;
  expired = 0;

  constructor(options: { capacity?: number; ttlMs: number }) {
    this.capacity = options.capacity ?? 100_000;
    this.ttlMs = options.ttlMs;
  }

  recordPrediction(requestId: string, prediction: P, t: number): void {
    this.expire(t);
    this.pending.delete(requestId);
    this.pending.set(requestId, { prediction, t });
    while (this.pending.size > this.capacity) {
      const oldest = this.pending.keys().next().value as string;
      this.pending.delete(oldest);
      this.evicted += 1;
    }
  }

  /** The prediction made for `requestId`, removed from the store; undefined if unknown or expired. */
  take(requestId: string, t: number): P | undefined {
    this.expire(t);
    const entry = this.pending.get(requestId);
    if (!entry) return undefined;
    this.pending.delete(requestId);
    return entry.prediction;
  }

  get size(): number {
    return this.pending.size;
  }

  private expire(now: number): void {
    for (const [id, entry] of this.pending) {
      if (now - entry.t <= this.ttlMs) break;
      this.pending.delete(id);
      this.expired += 1;
    }
  }
}

export interface QualityStatus {
  metric: string;
  /** Mean score over the window (accuracy or mean absolute error); null without samples. */
  value: number | null;
  samples: number;
  min_samples: number;
  min?: number;
  max?: number;
  /** True only with at least `min_samples` labelled predictions and the value outside [min, max]. */
  breached: boolean;
  pending_predictions: number;
  unmatched_feedback: number;
}

/** Model quality from ground truth: joins predictions to feedback and averages scores over a window. */
export class QualityTracker {
  private readonly joiner: FeedbackJoiner;
  private readonly ring: BucketRing;
  private readonly score: (p: unknown, t: unknown) => number | undefined;
  private unmatched = 0;

  constructor(
    readonly objective: { metric: string; min?: number; max?: number; min_samples?: number },
    readonly windowMs: number,
    options: { capacity?: number } = {},
  ) {
    if (!isQualityMetric(objective.metric)) {
      throw new Error(`unsupported quality metric '${objective.metric}' (supported: accuracy, mae)`);
    }
    this.score = QUALITY_METRICS[objective.metric];
    this.joiner = new FeedbackJoiner({ capacity: options.capacity, ttlMs: windowMs });
    const bucketMs = windowMs >= 86_400_000 ? 3_600_000 : 60_000;
    this.ring = new BucketRing({ bucketMs, spanMs: Math.max(windowMs, bucketMs), columns: 2 });
  }

  recordPrediction(requestId: string, prediction: unknown, t: number): void {
    this.joiner.recordPrediction(requestId, prediction, t);
  }

  /** Returns false when no prediction is waiting for this id (unknown, expired or evicted). */
  recordFeedback(requestId: string, truth: unknown, t: number): boolean {
    const prediction = this.joiner.take(requestId, t);
    const score = prediction === undefined ? undefined : this.score(prediction, truth);
    if (score === undefined) {
      this.unmatched += 1;
      return false;
    }
    this.ring.add(t, [1, score]);
    return true;
  }

  status(now: number): QualityStatus {
    const [samples = 0, sum = 0] = this.ring.sum(now, this.windowMs);
    const value = samples > 0 ? sum / samples : null;
    const minSamples = this.objective.min_samples ?? 1;
    const breached =
      value !== null &&
      samples >= minSamples &&
      ((this.objective.min !== undefined && value < this.objective.min) ||
        (this.objective.max !== undefined && value > this.objective.max));
    return {
      metric: this.objective.metric,
      value,
      samples,
      min_samples: minSamples,
      ...(this.objective.min !== undefined ? { min: this.objective.min } : {}),
      ...(this.objective.max !== undefined ? { max: this.objective.max } : {}),
      breached,
      pending_predictions: this.joiner.size,
      unmatched_feedback: this.unmatched,
    };
  }

  byteLength(): number {
    return this.ring.byteLength();
  }
}
