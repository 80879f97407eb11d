import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** The serving layer's Prometheus metrics, in their own registry (never prom-client's global one). */
export class ServingMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<"model" | "version" | "status">;
  readonly duration: Histogram<"model" | "version">;
  readonly batchSize: Histogram<"model" | "version">;
  readonly queueDepth: Gauge;
  readonly validationFailures: Counter<"model" | "version" | "field" | "reason" | "mode">;
  readonly loadDuration: Histogram<"model" | "version">;
  readonly loadFailures: Counter<"model" | "version" | "reason">;
  readonly shadowRequests: Counter<"model" | "version" | "shadow_version" | "result">;
  readonly shadowDisagreements: Counter<"model" | "version" | "shadow_version">;
  readonly decisions: Counter<"model" | "version" | "action">;
  readonly decisionDuration: Histogram;
  private readonly requestChildren = new Map<string, Counter.Internal>();
  private readonly durationChildren = new Map<string, Histogram.Internal<"model" | "version">>();
  private readonly batchChildren = new Map<string, Histogram.Internal<"model" | "version">>();

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
    this.requests = new Counter({
      name: "modelgate_inference_requests_total",
      help: "Inference requests by model, version that answered and HTTP status.",
      labelNames: ["model", "version", "status"],
      registers,
    });
    this.duration = new Histogram({
      name: "modelgate_inference_duration_seconds",
      help: "Time from a parsed inference request to its response, in seconds.",
      labelNames: ["model", "version"],
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.batchSize = new Histogram({
      name: "modelgate_batch_size",
      help: "Rows per ONNX Runtime run (after dynamic batching).",
      labelNames: ["model", "version"],
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers,
    });
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
