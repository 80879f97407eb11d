import { Counter, Gauge, Histogram, Registry, type Metric } from "prom-client";

/**
 * One label set of a request-path metric: plain numbers. prom-client's own children validate and hash
 * their labels on every `inc`/`observe` (about 1 µs each); these only add.
 */
export class HistogramChild {
  /** Observations per bucket (not cumulative), one slot per finite bound. */
  readonly counts: number[];
  sum = 0;
  count = 0;

  constructor(private readonly bounds: readonly number[]) {
    this.counts = bounds.map(() => 0);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    const bounds = this.bounds;
    for (let i = 0; i < bounds.length; i++) {
      if (value <= bounds[i]!) {
        this.counts[i]! += 1;
        break;
      }
    }
    this.sum += value;
    this.count += 1;
  }
}

export class CounterChild {
  value = 0;

  inc(by = 1): void {
    this.value += by;
  }
}

type MetricRow = { value: number; labels: Record<string, string | number>; metricName?: string };

/**
 * A labelled counter or histogram for the request path, registered in a prom-client registry (which
 * reads it through `get()` at scrape time, in prom-client's exposition format). Children are cached per
 * label set, so the hot path does one Map lookup at most.
 */
abstract class FastMetric<L extends string, C> {
  readonly aggregator = "sum";
  private readonly children = new Map<string, { labels: Record<L, string>; child: C }>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly L[],
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Metric<L>);
  }

  protected abstract create(): C;
  protected abstract rows(labels: Record<L, string>, child: C, out: MetricRow[]): void;
  protected abstract zero(child: C): void;

  labels(...values: string[]): C {
    const key = values.length === 1 ? values[0]! : values.join("\u0000");
    let entry = this.children.get(key);
    if (!entry) {
      const labels = {} as Record<L, string>;
      this.labelNames.forEach((name, i) => (labels[name] = String(values[i] ?? "")));
      entry = { labels, child: this.create() };
      this.children.set(key, entry);
    }
    return entry.child;
  }

  get(): { name: string; help: string; type: string; aggregator: string; values: MetricRow[] } {
    const values: MetricRow[] = [];
    for (const { labels, child } of this.children.values()) this.rows(labels, child, values);
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  abstract readonly type: string;

  /** Zeroes every label set (children stay valid: callers may hold them). */
  reset(): void {
    for (const { child } of this.children.values()) this.zero(child);
  }
}

export class FastCounter<L extends string> extends FastMetric<L, CounterChild> {
  readonly type = "counter";
  protected create(): CounterChild {
    return new CounterChild();
  }
  protected rows(labels: Record<L, string>, child: CounterChild, out: MetricRow[]): void {
    out.push({ value: child.value, labels });
  }
  protected zero(child: CounterChild): void {
    child.value = 0;
  }
}

export class FastHistogram<L extends string> extends FastMetric<L, HistogramChild> {
  readonly type = "histogram";
  constructor(
    name: string,
    help: string,
    labelNames: readonly L[],
    private readonly buckets: readonly number[],
    registry: Registry,
  ) {
    super(name, help, labelNames, registry);
  }
  protected create(): HistogramChild {
    return new HistogramChild(this.buckets);
  }
  protected rows(labels: Record<L, string>, child: HistogramChild, out: MetricRow[]): void {
    const bucket = `${this.name}_bucket`;
    let acc = 0;
    this.buckets.forEach((le, i) => {
      acc += child.counts[i]!;
      out.push({ value: acc, labels: { le, ...labels }, metricName: bucket });
    });
    out.push({ value: child.count, labels: { le: "+Inf", ...labels }, metricName: bucket });
    out.push({ value: child.sum, labels, metricName: `${this.name}_sum` });
    out.push({ value: child.count, labels, metricName: `${this.name}_count` });
  }
  protected zero(child: HistogramChild): void {
    child.counts.fill(0);
    child.sum = 0;
    child.count = 0;
  }
}

/** Request-path children of one model version: 200 responses, their duration, rows per run. */
export interface VersionMetrics {
  ok: CounterChild;
  duration: HistogramChild;
  batch: HistogramChild;
}

/** The serving layer's Prometheus metrics, in their own registry (never prom-client's global one). */
export class ServingMetrics {
  readonly registry = new Registry();
  readonly requests: FastCounter<"model" | "version" | "status">;
  readonly duration: FastHistogram<"model" | "version">;
  readonly batchSize: FastHistogram<"model" | "version">;
  readonly queueDepth: Gauge;
  readonly validationFailures: Counter<"model" | "version" | "field" | "reason" | "mode">;
  readonly loadDuration: Histogram<"model" | "version">;
  readonly loadFailures: Counter<"model" | "version" | "reason">;
  readonly shadowRequests: Counter<"model" | "version" | "shadow_version" | "result">;
  readonly shadowDisagreements: Counter<"model" | "version" | "shadow_version">;
  readonly decisions: Counter<"model" | "version" | "action">;
  readonly decisionDuration: Histogram;
  private readonly requestChildren = new Map<string, CounterChild>();
  private readonly durationChildren = new Map<string, HistogramChild>();
  private readonly batchChildren = new Map<string, HistogramChild>();
  private readonly versionChildren = new Map<string, VersionMetrics>();

  /** Records the rows of one ONNX Runtime run (cached label child, as for requests). */
  observeBatch(model: string, version: string, rows: number): void {
    const key = `${model}\u0000${version}`;
    let hist = this.batchChildren.get(key);
    if (!hist) {
      hist = this.batchSize.labels(model, version);
      this.batchChildren.set(key, hist);
    }
    hist.observe(rows);
  }

  constructor(queueDepth: () => number) {
    const registers = [this.registry];
    // The three metrics every inference touches are FastCounter/FastHistogram (same names, labels and
    // exposition); the rest are prom-client's own.
    this.requests = new FastCounter(
      "modelgate_inference_requests_total",
      "Inference requests by model, version that answered and HTTP status.",
      ["model", "version", "status"],
      this.registry,
    );
    this.duration = new FastHistogram(
      "modelgate_inference_duration_seconds",
      "Time from a parsed inference request to its response, in seconds.",
      ["model", "version"],
      [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      this.registry,
    );
    this.batchSize = new FastHistogram(
      "modelgate_batch_size",
      "Rows per ONNX Runtime run (after dynamic batching).",
      ["model", "version"],
      [1, 2, 4, 8, 16, 32, 64, 128, 256],
      this.registry,
    );
    this.queueDepth = new Gauge({
      name: "modelgate_queue_depth",
      help: "Inference runs waiting for or inside a worker thread.",
      registers,
      collect() {
        this.set(queueDepth());
      },
    });
    this.validationFailures = new Counter({
      name: "modelgate_validation_failures_total",
      help: "Contract violations in inference requests, by field and reason (mode: reject or log).",
      labelNames: ["model", "version", "field", "reason", "mode"],
      registers,
    });
    this.loadDuration = new Histogram({
      name: "modelgate_model_load_duration_seconds",
      help: "Time to verify, load, check and warm up one model version.",
      labelNames: ["model", "version"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.loadFailures = new Counter({
      name: "modelgate_model_load_failures_total",
      help: "Model versions that failed to load, by reason.",
      labelNames: ["model", "version", "reason"],
      registers,
    });
    this.shadowRequests = new Counter({
      name: "modelgate_shadow_requests_total",
      help: "Requests mirrored to a shadow version, by result (agree, disagree, error, dropped).",
      labelNames: ["model", "version", "shadow_version", "result"],
      registers,
    });
    this.shadowDisagreements = new Counter({
      name: "modelgate_shadow_disagreements_total",
      help: "Mirrored requests whose shadow outputs differ from the answering version's.",
      labelNames: ["model", "version", "shadow_version"],
      registers,
    });
    this.decisions = new Counter({
      name: "modelgate_decisions_total",
      help: "Decision policy results by action.",
      labelNames: ["model", "version", "action"],
      registers,
    });
    this.decisionDuration = new Histogram({
      name: "modelgate_decision_duration_seconds",
      help: "Time to evaluate a decision policy for one request.",
      buckets: [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.001, 0.01],
      registers,
    });
  }

  /**
   * The children a successful inference of one model version touches, found once: the server keeps
   * them per loaded version, so the request path builds no label key at all.
   */
  versionMetrics(model: string, version: string): VersionMetrics {
    const key = `${model}\u0000${version}`;
    let found = this.versionChildren.get(key);
    if (!found) {
      found = {
        ok: this.requests.labels(model, version, "200"),
        duration: this.duration.labels(model, version),
        batch: this.batchSize.labels(model, version),
      };
      this.versionChildren.set(key, found);
    }
    return found;
  }

  /** Counts one request; label children are cached, so the hot path does no label hashing. */
  observeRequest(model: string, version: string, status: number, seconds: number | undefined): void {
    const key = `${model}\u0000${version}\u0000${status}`;
    let child = this.requestChildren.get(key);
    if (!child) {
      child = this.requests.labels(model, version, String(status));
      this.requestChildren.set(key, child);
    }
    child.inc();
    if (seconds === undefined) return;
    const dkey = `${model}\u0000${version}`;
    let hist = this.durationChildren.get(dkey);
    if (!hist) {
      hist = this.duration.labels(model, version);
      this.durationChildren.set(dkey, hist);
    }
    hist.observe(seconds);
  }
}
