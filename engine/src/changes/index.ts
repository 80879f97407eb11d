/** Semantic change set between two registry states (pure functions, no I/O). */
export { computeChangeSet, ageDays, higherIsBetter, metricDeltas, sliceGaps } from "./change-set.js";
export type { ComputeChangeSetOptions } from "./change-set.js";
export {
  classifyContractChange,
  diffContractFields,
  isWidening,
  judge,
  requiredChecks,
} from "./contract-compat.js";
export type { ContractVerdict, DiffFieldsOptions } from "./contract-compat.js";
export { classifyBump, compareVersions, isSemver, latestVersion } from "./semver.js";
export { diffPointers, deepEqual, joinPointer } from "./json-diff.js";
export type * from "./types.js";
