import { ArtifactError } from "../artifacts/errors.js";

/**
 * How a failure is handled, controller-runtime style:
 * - `stalled`: the commit itself must change (invalid registry, checksum mismatch, broken contract);
 *   never retried for the same commit, reported once;
 * - `transient`: a retry can succeed without anybody changing anything (network, disk full); retried
 *   with backoff and jitter;
 * - `waiting`: nothing to do yet (no main branch, environment not declared yet); requeued at the interval.
 */
export type FailureKind = "stalled" | "transient" | "waiting";

export class ReconcileError extends Error {
  override readonly name = "ReconcileError";
  constructor(
    readonly kind: FailureKind,
    /** Machine-readable reason, e.g. `InvalidRegistry`, `ArtifactChecksumMismatch`, `ContractMismatch`. */
    readonly reason: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A failure of the serving runtime while loading, checking or warming a version. Thrown by
 * `ServingRuntime.applyEnvironment` implementations (adapters translate their library's errors into it).
 */
export class ServingApplyError extends Error {
  override readonly name = "ServingApplyError";
  constructor(
    readonly reason:
      | "ContractMismatch"
      | "ArtifactCorrupt"
      | "ModelLoadFailed"
      | "WarmupFailed"
      | "DecisionPolicyFailed"
      | "ServingUnavailable",
    message: string,
    readonly transient: boolean,
    readonly target?: { model: string; version: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Translates any error into a typed reconcile failure; unknown errors count as transient (retried with backoff). */
export function classifyFailure(error: unknown): ReconcileError {
  if (error instanceof ReconcileError) return error;
  if (error instanceof ArtifactError) {
    return new ReconcileError(error.transient ? "transient" : "stalled", error.reason, error.message, {
      cause: error,
    });
  }
  if (error instanceof ServingApplyError) {
    return new ReconcileError(error.transient ? "transient" : "stalled", error.reason, error.message, {
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ReconcileError("transient", "InternalError", message, { cause: error });
}
