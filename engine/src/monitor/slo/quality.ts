import { BucketRing } from "./bucket-ring.js";

export type QualityMetric = "accuracy" | "precision" | "recall" | "f1" | "mae" | "mse" | "rmse" | "r2";

/**
 * How a metric accumulates: each labelled prediction adds a row of numbers to bucketed sums (column 0
 * is always the sample count), and the metric is computed from the sums over the window. This keeps
 * ratio metrics (precision, r2) exact instead of averaging per-sample scores.
 */
interface MetricSpec {
  columns: number;
  /** The row to add, or undefined when the pair cannot be scored (e.g. a non-numeric regression target). */
  row(prediction: unknown, truth: unknown, isPositive: (v: unknown) => boolean): number[] | undefined;
  value(sums: readonly number[]): number | null;
}

const num = (v: unknown): number | undefined => {
  const x = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  return Number.isFinite(x) ? x : undefined;
};
const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

function regression(value: (s: readonly number[]) => number | null): MetricSpec {
  return {
    columns: 5,
    row: (p, t) => {
      const a = num(p);
      const b = num(t);
      if (a === undefined || b === undefined) return undefined;
      return [1, Math.abs(a - b), (a - b) * (a - b), b, b * b];
    },
    value,
  };
}

function classification(value: (s: readonly number[]) => number | null): MetricSpec {
  return {
    columns: 5,
    // [n, correct, true positives, predicted positives, actual positives]
    row: (p, t, isPositive) => {
      if (p === undefined || p === null || t === undefined || t === null) return undefined;
      const pp = isPositive(p) ? 1 : 0;
      const ap = isPositive(t) ? 1 : 0;
      return [1, String(p) === String(t) ? 1 : 0, pp * ap, pp, ap];
    },
    value,
  };
}

const METRICS: Record<QualityMetric, MetricSpec> = {
  accuracy: classification((s) => ratio(s[1]!, s[0]!)),
  precision: classification((s) => ratio(s[2]!, s[3]!)),
  recall: classification((s) => ratio(s[2]!, s[4]!)),
  f1: classification((s) => ratio(2 * s[2]!, s[3]! + s[4]!)),
  mae: regression((s) => ratio(s[1]!, s[0]!)),
  mse: regression((s) => ratio(s[2]!, s[0]!)),
  rmse: regression((s) => (s[0]! > 0 ? Math.sqrt(s[2]! / s[0]!) : null)),
  r2: regression((s) => {
    const n = s[0]!;
    const sst = s[4]! - (s[3]! * s[3]!) / n;
    return n > 1 && sst > 0 ? 1 - s[2]! / sst : null;
  }),
};

export const QUALITY_METRICS: readonly QualityMetric[] = Object.keys(METRICS) as QualityMetric[];

export function isQualityMetric(name: string): name is QualityMetric {
  return Object.hasOwn(METRICS, name);
}

/** Default positive class for precision/recall/f1: 1, true, "1", "true", "yes", "positive". */
export function defaultIsPositive(v: unknown): boolean {
  if (v === true || v === 1) return true;
  return typeof v === "string" && ["1", "true", "yes", "positive"].includes(v.toLowerCase());
}

/**
 * Predictions waiting for their ground truth, keyed by request id. Bounded twice: at most `capacity`
 * entries (the oldest are evicted) and at most `ttlMs` old (expired on every call). Insertion order is
 * time order (predictions are recorded as they are served).
 *
 * O(1) amortised per call: the oldest entry is found through a queue of (id, sequence) in insertion
 * order, never by iterating the map from its front — deleting a Map's first key over and over leaves
 * tombstones that `keys().next()` and `for…of` walk past, which made each call O(capacity) (12 µs per
 * prediction at 10,000 pending, 33 µs at 100,000). Entries taken or replaced leave a stale queue slot
 * (its sequence no longer matches the map's), skipped when it reaches the head; the queue is compacted
 * once stale slots outnumber live ones, so it stays within about twice the live entries.
 */
export class FeedbackJoiner<P = unknown> {
  private readonly pending = new Map<string, { prediction: P; t: number; seq: number }>();
  private queueIds: string[] = [];
  private queueSeqs: number[] = [];
  private head = 0;
  private nextSeq = 0;
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
    const seq = this.nextSeq++;
    this.pending.set(requestId, { prediction, t, seq });
    this.queueIds.push(requestId);
    this.queueSeqs.push(seq);
    while (this.pending.size > this.capacity) {
      this.skipStale();
      this.pending.delete(this.queueIds[this.head]!);
      this.head += 1;
      this.evicted += 1;
    }
    this.compact();
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

  /** Queue slots held (live and stale), for tests of the bound. */
  get queueLength(): number {
    return this.queueIds.length - this.head;
  }

  private expire(now: number): void {
    for (;;) {
      this.skipStale();
      if (this.head >= this.queueIds.length) return;
      const id = this.queueIds[this.head]!;
      if (now - this.pending.get(id)!.t <= this.ttlMs) return;
      this.pending.delete(id);
      this.head += 1;
      this.expired += 1;
    }
  }

  /** Moves the head past slots whose entry was taken or recorded again since. */
  private skipStale(): void {
    const ids = this.queueIds;
    while (this.head < ids.length && this.pending.get(ids[this.head]!)?.seq !== this.queueSeqs[this.head]) {
      this.head += 1;
    }
  }

  /** Drops consumed and stale slots once they are the majority (amortised O(1): after ≥ n/2 appends). */
  private compact(): void {
    const held = this.queueIds.length - this.head;
    if (held < 1024 || held <= 2 * this.pending.size) {
      if (this.head > 1024 && this.head * 2 > this.queueIds.length) {
        this.queueIds = this.queueIds.slice(this.head);
        this.queueSeqs = this.queueSeqs.slice(this.head);
        this.head = 0;
      }
      return;
    }
    const ids: string[] = [];
    const seqs: number[] = [];
    for (let i = this.head; i < this.queueIds.length; i += 1) {
      const id = this.queueIds[i]!;
      if (this.pending.get(id)?.seq === this.queueSeqs[i]) {
        ids.push(id);
        seqs.push(this.queueSeqs[i]!);
      }
    }
    this.queueIds = ids;
    this.queueSeqs = seqs;
    this.head = 0;
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

/** Model quality from ground truth: joins predictions to feedback and computes the metric over a window. */
export class QualityTracker {
  private readonly joiner: FeedbackJoiner;
  private readonly ring: BucketRing;
  private readonly spec: MetricSpec;
  private readonly isPositive: (v: unknown) => boolean;
  private unmatched = 0;

  constructor(
    readonly objective: { metric: string; min?: number; max?: number; min_samples?: number },
    readonly windowMs: number,
    options: { capacity?: number; isPositive?: (v: unknown) => boolean } = {},
  ) {
    if (!isQualityMetric(objective.metric)) {
      throw new Error(
        `unsupported quality metric '${objective.metric}' (supported: ${QUALITY_METRICS.join(", ")})`,
      );
    }
    this.spec = METRICS[objective.metric];
    this.isPositive = options.isPositive ?? defaultIsPositive;
    this.joiner = new FeedbackJoiner({ capacity: options.capacity, ttlMs: windowMs });
    const bucketMs = windowMs >= 86_400_000 ? 3_600_000 : 60_000;
    this.ring = new BucketRing({
      bucketMs,
      spanMs: Math.max(windowMs, bucketMs),
      columns: this.spec.columns,
    });
  }

  recordPrediction(requestId: string, prediction: unknown, t: number): void {
    this.joiner.recordPrediction(requestId, prediction, t);
  }

  /** Returns false when no prediction is waiting for this id (unknown, expired or evicted) or it cannot be scored. */
  recordFeedback(requestId: string, truth: unknown, t: number): boolean {
    const prediction = this.joiner.take(requestId, t);
    const row = prediction === undefined ? undefined : this.spec.row(prediction, truth, this.isPositive);
    if (row === undefined) {
      this.unmatched += 1;
      return false;
    }
    this.ring.add(t, row);
    return true;
  }

  status(now: number): QualityStatus {
    const sums = this.ring.sum(now, this.windowMs);
    const samples = sums[0] ?? 0;
    const value = samples > 0 ? this.spec.value(sums) : null;
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
