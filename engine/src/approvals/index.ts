export {
  CODEOWNERS_PATHS,
  codeOwnersPatternToRegExp,
  ownersOf,
  parseCodeOwners,
  teamsNamedIn,
} from "./codeowners.js";
export { evaluateApprovals, isOwner } from "./evaluate.js";
export type {
  ApprovalFacts,
  ApprovalVerdict,
  BlockingReview,
  IgnoredReason,
  IgnoredReview,
  ValidApproval,
} from "./evaluate.js";
export { describeApprovalGap, findMissingApprovals } from "./requirements.js";
export type {
  ApprovalGap,
  ApprovalRequirements,
  MissingApproval,
  RequirementContext,
} from "./requirements.js";
export { resolveChangeRequest } from "./resolve.js";
export type { ResolveOptions, ResolvedChangeRequest } from "./resolve.js";
