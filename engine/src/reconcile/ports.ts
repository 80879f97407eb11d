/**
 * The reconciler's ports: the narrow interfaces it needs from the serving runtime, from Git and from the
 * forge. Adapters in the composition root (`daemon/`, CLI) map them onto the real serving layer, the git
 * mirror and the Forge port; tests use small real implementations.
 */
import { createHash } from "node:crypto";
import type { Contract, LoadResult, RegistrySource } from "../registry/types.js";

// ---------- desired and actual state ----------

export interface TrafficWeight {
  version: string;
  weight: number;
  role: "stable" | "canary";
}

export interface ShadowSpec {
  version: string;
  percent: number;
}

/** How requests for one model are routed: weighted versions, plus an optional mirrored shadow. */
export interface ModelRouting {
  traffic: TrafficWeight[];
  shadow?: ShadowSpec;
}

/** A version the environment references, with what Git says about its artifact and contract. */
export interface DesiredVersion {
  version: string;
  artifact: { uri: string; sha256: string; size: number };
  contract: Contract;
}

export interface DesiredModel {
  routing: ModelRouting;
  /** Every version in traffic or shadow, by version. */
  versions: Record<string, DesiredVersion>;
  validation: "reject" | "log";
  batching?: { max_batch_size: number; max_queue_delay_ms?: number };
  intra_op_threads?: number;
  /** A Rego decision policy evaluated after each prediction (`decisions.<name>.decision` in policies/). */
  decision_policy?: string;
}

/** What Git says should serve in one environment at one commit. */
export interface DesiredEnvironment {
  environment: string;
  revision: string;
  models: Record<string, DesiredModel>;
  /** `modelgate.yaml` → `reconcile.self_heal` (default true). */
  selfHeal: boolean;
  /** `modelgate.yaml` → `reconcile.interval` in ms, when set. */
  intervalMs?: number;
  /** The repo's `policies/*.rego`, present when a model uses a decision policy. */
  policies?: { path: string; content: string }[];
}

export interface LoadedVersion {
  version: string;
  sha256: string;
}

export interface ActualModel {
  /** Sessions loaded and ready (warm), whether or not they take traffic. */
  loaded: LoadedVersion[];
  /** What the router uses now; undefined when the model takes no traffic. */
  routing?: ModelRouting;
  /** The decision policy in force, as `decisionPolicyKey` names it. */
  decisionPolicy?: string;
}

/** What the serving runtime has loaded and how it routes, right now. */
export interface ActualState {
  models: Record<string, ActualModel>;
}

/** The desired environment with each version's verified artifact path in the content-addressed cache. */
export interface RuntimeEnvironment {
  desired: DesiredEnvironment;
  /** sha256 -> absolute path of the verified cached file. */
  artifactPaths: Record<string, string>;
}

/** Identity of a model's decision policy: its name and a digest of the policy sources it compiles from. */
export function decisionPolicyKey(desired: DesiredEnvironment, model: string): string | undefined {
  const name = desired.models[model]?.decision_policy;
  if (!name) return undefined;
  const hash = createHash("sha256");
  for (const p of desired.policies ?? []) hash.update(p.path).update("\0").update(p.content).update("\0");
  return `${name}@${hash.digest("hex").slice(0, 12)}`;
}

// ---------- ports ----------

/**
 * The serving runtime, seen from the reconciler.
 *
 * `applyEnvironment` must be all-or-nothing: it loads every version not yet loaded (checking the bytes'
 * sha256 and the session's signature against the contract, then warming it), and only then switches the
 * routing of every model at once; versions no longer referenced are unloaded after their in-flight
 * requests drain. On failure the previous routing keeps serving and a `ServingApplyError` is thrown.
 */
export interface ServingRuntime {
  observe(): Promise<ActualState>;
  applyEnvironment(target: RuntimeEnvironment): Promise<void>;
}

export type DeploymentState = "pending" | "in_progress" | "success" | "failure" | "error" | "inactive";

/** Deployment statuses on commits (the Forge port satisfies it). */
export interface DeploymentReporter {
  reportDeployment(report: {
    environment: string;
    sha: string;
    state: DeploymentState;
    description: string;
  }): Promise<void>;
}

/** Issues, one per problem, identified by a fingerprint (the Forge port satisfies it). */
export interface IssueReporter {
  ensureIssue(spec: {
    fingerprint: string;
    title: string;
    body: string;
    labels?: string[];
  }): Promise<unknown>;
  closeIssue(fingerprint: string, comment?: string): Promise<unknown>;
}

/** Who approved a change request, when the forge knows (optional). */
export interface ApprovalLookup {
  approvers(pullRequest: number): Promise<string[]>;
}

export interface CommitInfo {
  sha: string;
  subject: string;
  body: string;
  author: string;
  /** ISO 8601. */
  committedAt: string;
}

/** The registry's main branch, read with git plumbing (never a work tree). */
export interface RevisionSource {
  /** Refreshes (fetch) when the source is remote, then returns the branch tip; undefined when there is none yet. */
  head(): Promise<string | undefined>;
  /** The files at one revision. */
  snapshot(revision: string): RegistrySource;
  commit(revision: string): Promise<CommitInfo>;
}

/** Loads and validates a registry (the registry module's `loadRegistry`). */
export type RegistryLoader = (source: RegistrySource) => Promise<LoadResult>;

export interface ReconcileLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentReconcileLogger: ReconcileLogger = { info() {}, warn() {}, error() {} };

/** Points at which `MODELGATE_TEST_CRASH_AT` can kill the process, for crash-safety tests. */
export type CrashPoint = "after-fetch" | "after-route" | "after-history" | "after-applied";
