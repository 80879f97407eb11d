/** The policy gate: policy input assembly, the decision bundle, running the decision, decision formats. */
export { runCheck } from "./check.js";
export type { CheckResult, RegistryLoader, RunCheckOptions } from "./check.js";
export { assemblePolicyInput, toPlainState, POLICY_INPUT_VERSION } from "./input.js";
export type {
  ArtifactCheck,
  AssemblePolicyInputOptions,
  BudgetSnapshot,
  BudgetStatus,
  PlainState,
  PolicyInput,
  PullRequestFacts,
  ServingFact,
  WaiverFact,
  WaiverStatus,
} from "./input.js";
export { parseApprovals, readApprovalsFile, validateApprovals } from "./approvals.js";
export type { ApprovalRecord, ValidatedApproval } from "./approvals.js";
export { codeOwnersPattern, groupCodeOwners, ownersOf, resolveOwner } from "./codeowners.js";
export type { CodeOwnerGroup } from "./codeowners.js";
export { readBudgets, DEFAULT_BUDGETS_PATH } from "./budgets.js";
export {
  BUILTIN_PREFIX,
  CUSTOM_NAMESPACE,
  DECISION_ENTRYPOINT,
  buildDecisionBundle,
  builtinPoliciesDir,
  builtinPolicySources,
  customPolicySources,
  defaultCacheDir,
} from "./bundle.js";
export type { BuildDecisionBundleOptions } from "./bundle.js";
export { checkDecision, evaluateDecision, loadDecisionPolicy } from "./decision.js";
export type {
  ApprovalRequirement,
  Decision,
  EnforcementMode,
  Finding,
  LoadDecisionPolicyOptions,
  Override,
  Severity,
} from "./decision.js";
export { GateDecisionError, GateError, GateInputError, GateRevisionError } from "./errors.js";
export {
  DECISION_FORMATS,
  formatDecision,
  formatJson,
  formatJunit,
  formatMarkdown,
  formatSarif,
  formatText,
} from "./formats/index.js";
export type { DecisionFormat } from "./formats/index.js";
