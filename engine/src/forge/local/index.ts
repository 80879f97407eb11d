export { LocalForge, REVIEWS_NOTES_REF } from "./local-forge.js";
export type {
  LocalForgeOptions,
  LocalChangeRequestRecord,
  ProposeOptions,
  SubmitReviewOptions,
} from "./local-forge.js";
