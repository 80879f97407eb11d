/**
 * The forge's own error types. Adapters translate library errors (Octokit, git) into these at the edge;
 * the core matches on the class, never on message text.
 */
export type ForgeErrorKind = "not-found" | "permission-denied" | "rate-limited" | "transient" | "conflict";

export abstract class ForgeError extends Error {
  abstract readonly kind: ForgeErrorKind;
  /** Whether trying again later can succeed without anybody changing anything. */
  abstract readonly retryable: boolean;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The change request, issue, team, file or repository does not exist (or is invisible to these credentials). */
export class ForgeNotFoundError extends ForgeError {
  override readonly name = "ForgeNotFoundError";
  readonly kind = "not-found" as const;
  readonly retryable = false;
}

/** The credentials lack a permission. `permission` names it, e.g. `checks: write`. */
export class ForgePermissionDeniedError extends ForgeError {
  override readonly name = "ForgePermissionDeniedError";
  readonly kind = "permission-denied" as const;
  readonly retryable = false;
  constructor(
    message: string,
    readonly permission: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The forge's rate limit was hit and retries ran out; `retryAfterSeconds` when the forge said. */
export class ForgeRateLimitedError extends ForgeError {
  override readonly name = "ForgeRateLimitedError";
  readonly kind = "rate-limited" as const;
  readonly retryable = true;
  constructor(
    message: string,
    readonly retryAfterSeconds: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A network error or a 5xx that outlived the retries. */
export class ForgeTransientError extends ForgeError {
  override readonly name = "ForgeTransientError";
  readonly kind = "transient" as const;
  readonly retryable = true;
}

/** The request conflicts with the current state (already exists, not mergeable, stale head, invalid input). */
export class ForgeConflictError extends ForgeError {
  override readonly name = "ForgeConflictError";
  readonly kind = "conflict" as const;
  readonly retryable = false;
}
