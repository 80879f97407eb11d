export * from "./port.js";
export * from "./errors.js";
export { SUMMARY_MARKER, fingerprintMarker, readFingerprint } from "./markers.js";
export { LocalForge, REVIEWS_NOTES_REF } from "./local/index.js";
export type {
  LocalForgeOptions,
  LocalChangeRequestRecord,
  ProposeOptions,
  SubmitReviewOptions,
} from "./local/index.js";
