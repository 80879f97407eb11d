/** The gate's own failures. Anything thrown here means "no decision": the CLI exits 2, never allows. */
export class GateError extends Error {
  override readonly name: string = "GateError";
}

/** Bad arguments or input files (approvals, budgets, revisions). */
export class GateInputError extends GateError {
  override readonly name = "GateInputError";
}

/** A git revision problem: unknown revision, base not an ancestor of head. */
export class GateRevisionError extends GateError {
  override readonly name = "GateRevisionError";
}

/** The policy produced no usable decision (malformed output). */
export class GateDecisionError extends GateError {
  override readonly name = "GateDecisionError";
}
