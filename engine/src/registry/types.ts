/**
 * The typed registry model: what a registry repo says, after parsing and validation.
 * Field names follow docs/registry-format.md (snake_case, as written in YAML) so that the same objects
 * can be handed to Rego policies unchanged.
 */

export type Semver = string;
export type RiskTier = "low" | "medium" | "high";
export type ModelTask =
  | "regression"
  | "binary-classification"
  | "multiclass-classification"
  | "anomaly-detection"
  | "ranking"
  | "other";
export type CompatibilityMode =
  "BACKWARD" | "FORWARD" | "FULL" | "NONE" | "BACKWARD_TRANSITIVE" | "FORWARD_TRANSITIVE" | "FULL_TRANSITIVE";
/** Open Inference Protocol tensor datatypes. */
export type Datatype =
  | "BOOL"
  | "UINT8"
  | "UINT16"
  | "UINT32"
  | "UINT64"
  | "INT8"
  | "INT16"
  | "INT32"
  | "INT64"
  | "FP16"
  | "FP32"
  | "FP64"
  | "BYTES";
export type Enforcement = "enforce" | "warn" | "audit";

// ---------- modelgate.yaml ----------
export interface EnvironmentDeclaration {
  name: string;
  promote_from?: string;
  protected?: boolean;
}
export interface RegistryConfig {
  name: string;
  main_branch?: string;
  environments: EnvironmentDeclaration[];
  artifacts?: { allowed_stores?: string[]; max_size_bytes?: number };
  forge?: {
    type?: "local" | "github";
    github?: { owner?: string; repo?: string; api_url?: string };
  };
  approvals?: { dismiss_stale?: boolean };
  teams?: Record<string, string[]>;
  policy?: {
    rules?: Record<string, { enforcement?: Enforcement; params?: Record<string, unknown> }>;
    freeze_windows?: { start: string; end: string; environments?: string[]; reason?: string }[];
    memory_mib?: number;
  };
  /** How the engine keeps environments in sync with Git (see docs/deploy.md). */
  reconcile?: {
    /** Undo live changes that Git does not hold (an admin weight override, a changed cached file). Default true. */
    self_heal?: boolean;
    /** How often to poll the main branch, e.g. `5s`, `1m` (the daemon's `--interval` wins when given). */
    interval?: string;
  };
}

// ---------- models/<m>/model.yaml ----------
export interface ModelCard {
  name: string;
  description?: string;
  owner: string;
  task: ModelTask;
  risk_tier: RiskTier;
  contract: string;
  slo?: string;
  intended_use?: string;
  limitations?: string;
  human_oversight?: string;
  tags?: string[];
}

// ---------- models/<m>/versions/<semver>.yaml ----------
export interface Artifact {
  uri: string;
  sha256: string;
  size: number;
  format: "onnx";
  opset?: number;
}
export interface ModelVersion {
  version: Semver;
  parent?: Semver;
  artifact: Artifact;
  metrics?: Record<string, number>;
  /** attribute -> slice value -> metric -> number */
  slice_metrics?: Record<string, Record<string, Record<string, number>>>;
  lineage?: {
    dataset?: { id: string; sha256?: string };
    code_commit?: string;
    hyperparameters?: Record<string, unknown>;
    trained_at?: string;
  };
}

// ---------- contracts/<c>.yaml ----------
export interface ContractField {
  name: string;
  datatype: Datatype;
  shape: number[];
  nullable?: boolean;
  min?: number;
  max?: number;
  categories?: (string | number)[];
  unit?: string;
  description?: string;
}
export interface NumericBaseline {
  edges: number[];
  proportions: number[];
  /** For a multi-column output (e.g. probabilities [-1, 2]): the 0-based column described; default the last. */
  column?: number;
}
export interface CategoricalBaseline {
  frequencies: Record<string, number>;
}
export type FeatureBaseline = NumericBaseline | CategoricalBaseline;
export interface Contract {
  name: string;
  version: Semver;
  compatibility: CompatibilityMode;
  owners?: string[];
  consumers?: { name: string; owners?: string[] }[];
  inputs: ContractField[];
  outputs: ContractField[];
  baseline?: {
    count: number;
    inputs?: Record<string, FeatureBaseline>;
    outputs?: Record<string, FeatureBaseline>;
  };
}

// ---------- slos/<s>.yaml ----------
export interface BurnRateAlert {
  severity: "page" | "ticket";
  long_window: string;
  short_window: string;
  factor: number;
}
export interface Slo {
  name: string;
  window: string;
  objectives: {
    latency?: { quantile: number; threshold_ms: number; target: number };
    availability?: { target: number };
    error_rate?: { max: number };
    quality?: { metric: string; min?: number; max?: number; window?: string; min_samples?: number };
    drift?: { psi_warn?: number; psi_alert?: number; p_value?: number; dataset_share?: number };
  };
  alerting?: {
    burn_rates?: BurnRateAlert[];
    /** Fewest requests each window of a burn-rate alert must hold before it fires (default 20; 0: off). */
    min_events?: number;
  };
  retrain_after_days?: number;
}

// ---------- environments/<env>.yaml ----------
export interface TrafficEntry {
  version: Semver;
  weight: number;
  role?: "stable" | "canary";
}
export interface ModelDeployment {
  traffic: TrafficEntry[];
  shadow?: { version: Semver; percent: number };
  validation?: "reject" | "log";
  batching?: { max_batch_size: number; max_queue_delay_ms?: number };
  intra_op_threads?: number;
  decision_policy?: string;
}
export interface Environment {
  name: string;
  models: Record<string, ModelDeployment>;
}

// ---------- waivers/<id>.yaml ----------
export interface Waiver {
  rule: string;
  scope?: { model?: string; version?: Semver; environment?: string };
  reason: string;
  ticket?: string;
  approved_by: string;
  expires: string;
}

// ---------- positions and diagnostics ----------
/** A 1-based line/column position in a file. */
export interface Position {
  line: number;
  column: number;
}

/** Finds where a JSON pointer's node sits in the YAML source (falls back to the nearest parent). */
export interface SourcePositions {
  locate(pointer: string): Position;
}

/** A parsed registry document together with where it came from. */
export interface Sourced<T> {
  readonly file: string;
  readonly data: T;
  readonly positions: SourcePositions;
}

/** One problem in a registry, precise enough for an editor, a PR annotation and a human. */
export interface RegistryDiagnostic {
  file: string;
  line: number;
  column: number;
  /** JSON pointer of the offending node inside the file ("" for the whole file). */
  pointer: string;
  message: string;
  /** What to do about it, e.g. "did you mean `sha256`?" */
  hint?: string;
  /** Stable machine-readable code, e.g. "unknown-key", "weights-sum", "yaml-syntax". */
  code: string;
}

export interface CodeOwnersRule {
  pattern: string;
  owners: string[];
  line: number;
  /** The CODEOWNERS file the rule comes from (`.github/CODEOWNERS`, `CODEOWNERS` or `docs/CODEOWNERS`). */
  file?: string;
}

export interface ModelEntry {
  card: Sourced<ModelCard>;
  versions: Record<Semver, Sourced<ModelVersion>>;
}

/** A policy source file from the registry repo (`policies/*.rego`). */
export interface PolicySource {
  path: string;
  content: string;
}

/** A whole registry at one revision (or working folder), valid or not. */
export interface RegistryState {
  /** Commit sha when loaded from Git; undefined for a working folder. */
  revision?: string;
  config: Sourced<RegistryConfig>;
  models: Record<string, ModelEntry>;
  contracts: Record<string, Sourced<Contract>>;
  slos: Record<string, Sourced<Slo>>;
  environments: Record<string, Sourced<Environment>>;
  waivers: Record<string, Sourced<Waiver>>;
  codeowners: CodeOwnersRule[];
  policies: PolicySource[];
}

/**
 * Read access to the files of a registry at one revision (git) or in a folder.
 * Paths are POSIX, relative to the repository root. Implementations refuse paths that leave the repo.
 */
export interface RegistrySource {
  /** Commit sha, or undefined for a working folder. */
  readonly revision: string | undefined;
  /** A label for messages, e.g. "/repo@abc1234". */
  readonly description: string;
  listFiles(): Promise<string[]>;
  readFile(path: string): Promise<Buffer>;
  /**
   * Optional bulk read (git: one `cat-file --batch` process for all paths): calls `onFile` for each
   * path as soon as its content has arrived, in any order, and resolves when all have been delivered.
   * A file that cannot be used (too big, a link leaving the repo) is delivered as an Error instead of
   * its content. The loader falls back to `readFile` per path when a source does not implement this.
   */
  readEach?(paths: readonly string[], onFile: (path: string, content: Buffer | Error) => void): Promise<void>;
}

export type LoadResult =
  | { ok: true; state: RegistryState; warnings: RegistryDiagnostic[] }
  | { ok: false; errors: RegistryDiagnostic[]; warnings: RegistryDiagnostic[]; state?: RegistryState };
