export { LocalForge, REVIEWS_NOTES_REF } from "./local-forge.js";
export type {
  LocalForgeOptions,
  LocalChangeRequestRecord,
  ProposeOptions,
  SubmitReviewOptions,
} from "./local-forge.js";
export { localApprovalStatus } from "./merge-gate.js";
export type { LocalApprovalStatus } from "./merge-gate.js";
