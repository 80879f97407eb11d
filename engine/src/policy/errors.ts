/**
 * Typed errors of the policy layer. Callers branch on the class and `code`, never on message text.
 * Every error here means "fail closed": a policy that cannot be built, loaded or evaluated blocks.
 */

/** Base class, so callers can catch every policy-layer failure at once. */
export abstract class PolicyError extends Error {
  abstract readonly code: string;
}

/** OPA is missing, unusable, or failed for a reason that is not the policy's fault. */
export class PolicyToolchainError extends PolicyError {
  override readonly name = "PolicyToolchainError";
  constructor(
    readonly code: "opa_not_found" | "opa_unusable" | "opa_failed" | "opa_timeout",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** One problem in a policy source, pointing at the Rego file as the caller named it. */
export interface PolicyCompileProblem {
  /** Source path as given in `sources[].path`; undefined for problems that belong to no file (entrypoints). */
  readonly file: string | undefined;
  /** 1-based; undefined when OPA gave no position. */
  readonly line: number | undefined;
  /** 1-based; undefined when OPA gave no column. */
  readonly column: number | undefined;
  /** OPA's error code, e.g. `rego_parse_error`, `rego_type_error`; `entrypoint_not_found`, `invalid_source` from us. */
  readonly code: string;
  readonly message: string;
}

/** The policy sources or entrypoints are wrong; the user fixes the Rego. */
export class PolicyCompileError extends PolicyError {
  override readonly name = "PolicyCompileError";
  readonly code = "policy_compile_failed";
  constructor(readonly problems: readonly PolicyCompileProblem[]) {
    super(formatProblems(problems));
  }
}

export type PolicyLoadErrorCode = "invalid_wasm" | "missing_builtins" | "memory_too_small";

/** A compiled policy cannot be instantiated (bad module, builtins the host does not supply). */
export class PolicyLoadError extends PolicyError {
  override readonly name = "PolicyLoadError";
  constructor(
    readonly code: PolicyLoadErrorCode,
    message: string,
    readonly details: { readonly builtins?: readonly string[] } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type PolicyEvaluationErrorCode =
  | "input_too_large"
  | "memory_exhausted"
  | "unsupported_builtin"
  | "builtin_failed"
  | "unknown_entrypoint"
  | "undefined_result"
  | "invalid_input"
  | "unexpected_result"
  | "runtime_error";

/** Evaluation did not produce a decision. Never to be read as "allow". */
export class PolicyEvaluationError extends PolicyError {
  override readonly name = "PolicyEvaluationError";
  constructor(
    readonly code: PolicyEvaluationErrorCode,
    message: string,
    readonly details: { readonly entrypoint?: string; readonly builtin?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

function formatProblems(problems: readonly PolicyCompileProblem[]): string {
  const lines = problems.map((p) => {
    const where =
      p.file === undefined
        ? ""
        : `${p.file}${p.line === undefined ? "" : `:${p.line}`}${p.column === undefined ? "" : `:${p.column}`}: `;
    return `${where}${p.code}: ${p.message}`;
  });
  const head = problems.length === 1 ? "policy compile error" : `${problems.length} policy compile errors`;
  return `${head}:\n  ${lines.join("\n  ")}`;
}
