import type { Contract, Datatype } from "../registry/types.js";

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
  maxQueueDelayMs: number;
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
