import type { Contract, Datatype } from "../registry/types.js";
import type { WireTensor } from "./tensors.js";

/**
 * The serving layer's desired state: plain data, independent of how a registry is loaded.
 * `fromRegistry` maps a loaded `RegistryState` to it; tests and other callers can build it directly.
 */

/** Where a model's ONNX bytes come from; the sha256 (hex) is checked before a session is created. */
export interface ServingArtifact {
  /** The artifact's bytes, or */
  bytes?: Uint8Array;
  /** a file path to read them from. */
  path?: string;
  sha256: string;
}

/** One immutable model version that may serve. */
export interface ServingModelSpec {
  model: string;
  version: string;
  contract: Contract;
  artifact: ServingArtifact;
}

export interface TrafficSplit {
  version: string;
  /** Relative weight; the weights of a model need not sum to 100 (they are normalised). */
  weight: number;
  role?: "stable" | "canary";
}

export interface BatchingSettings {
  maxBatchSize: number;
  /**
   * While every worker is busy, the longest a queued request waits before it is sent anyway (it then
   * queues in a worker behind the run in flight). Undefined: it waits for that run to finish, so that
   * as many requests as possible share the next run.
   */
  maxQueueDelayMs?: number;
}

/** A Rego decision policy compiled to WASM, evaluated after each prediction. */
export interface DecisionPolicySpec {
  /** A name for logs and metrics (e.g. the registry's policy path). */
  name: string;
  /** The compiled `policy.wasm` bytes. */
  wasm: Uint8Array;
  /** Entrypoint, e.g. "decisions/stockout/decision"; default: the bundle's first. */
  entrypoint?: string;
  /** Optional `data` document for the policy. */
  data?: Record<string, unknown>;
}

/** How one model serves in an environment. */
export interface ServingModelDeployment {
  /** Every version the deployment references (traffic and shadow). */
  versions: ServingModelSpec[];
  traffic: TrafficSplit[];
  shadow?: { version: string; percent: number };
  /** reject: 400 on contract violations; log: pass and count. Default reject. */
  validation?: "reject" | "log";
  batching?: BatchingSettings;
  /** ONNX Runtime intra-op threads per session (default 1). */
  intraOpThreads?: number;
  decisionPolicy?: DecisionPolicySpec;
}

export interface ServingEnvironmentSpec {
  name: string;
  models: Record<string, ServingModelDeployment>;
}

/** V2 tensor metadata as `GET /v2/models/{m}` reports it. */
export interface TensorMetadata {
  name: string;
  datatype: Datatype;
  shape: number[];
}

/** Injected logger (structured, one line per event). */
export interface ServingLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: ServingLogger = { info() {}, warn() {}, error() {} };

/**
 * One served inference as the monitor sees it. Built on the request path from data already at hand and
 * handed to the observer later (a bounded queue drained on `setImmediate`), never while the client waits.
 */
export interface InferenceObservation {
  model: string;
  version: string;
  /** How the version was reached: weighted traffic (stable / canary), a shadow mirror, or an explicit `/versions/{v}`. */
  role: "stable" | "canary" | "shadow" | "explicit";
  /** The request's V2 `id`, when it sent one (ground truth joins on it). */
  requestId: string | undefined;
  /** Decoded inputs by contract field name (typed arrays; strings for BYTES); absent when decoding failed. */
  inputs?: Record<string, WireTensor>;
  /** Outputs by name; absent when the inference failed. */
  outputs?: Record<string, WireTensor>;
  /** Rows in the batch (0 when unknown). */
  rows: number;
  /** HTTP status of the response (for a shadow: 200, or 500 when the shadow run failed). */
  status: number;
  /** Parse-to-response time in milliseconds. */
  durationMs: number;
  /** Shadow observations: the version that answered, and whether the outputs agreed. */
  shadowOf?: { version: string; result: "agree" | "disagree" | "error" };
  /** Milliseconds since the epoch. */
  at: number;
}

/** Ground truth for an earlier inference, from `POST /v2/models/{name}/feedback`. */
export interface InferenceFeedback {
  model: string;
  /** The earlier request's `id` (for a batch: `id#row`). */
  id: string;
  /** A class label (classification) or */
  label?: unknown;
  /** a numeric target (regression). */
  value?: number;
}

/** accepted → 202; unknown → 404 (never seen, or past the bounded store); invalid → 400. */
/**
 * What became of a feedback record: accepted; `unknown` (no prediction waits for the id: 404); `invalid`
 * (a label the quality metric cannot score: 400); `unsupported` (the model's SLO has no quality
 * objective, so nothing is kept to score against: 409).
 */
export type FeedbackOutcome =
  { result: "accepted" } | { result: "unknown" | "invalid" | "unsupported"; message: string };

/** Injected into the serving layer by the monitor: receives observations and answers feedback. */
export interface InferenceObserver {
  observe(observation: InferenceObservation): void;
  feedback?(feedback: InferenceFeedback): FeedbackOutcome;
  /**
   * Asked on the request path, before the input tensors are copied for the observation: false skips the
   * copy (the monitor samples requests for drift under heavy traffic). Absent: always copy.
   */
  wantsInputs?(model: string, version: string): boolean;
}
