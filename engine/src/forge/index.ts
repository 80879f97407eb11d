export * from "./port.js";
export * from "./errors.js";
export { SUMMARY_MARKER, fingerprintMarker, readFingerprint } from "./markers.js";
export { LocalForge, REVIEWS_NOTES_REF, localApprovalStatus } from "./local/index.js";
export type {
  LocalApprovalStatus,
  LocalForgeOptions,
  LocalChangeRequestRecord,
  ProposeOptions,
  SubmitReviewOptions,
} from "./local/index.js";
export { ANNOTATIONS_PER_REQUEST, GitHubForge, ISSUE_LABEL, createGitHubClient } from "./github/index.js";
export type { GitHubAuth, GitHubClientOptions, GitHubForgeOptions, GitHubLogger } from "./github/index.js";
