/**
 * The live monitoring runtime: the serving layer's observer (drift, SLOs, quality from feedback, canary
 * analysis) turning what it sees into issues, canary aborts, `budgets.json` and gauges.
 */
export {
  MonitorRuntime,
  DEFAULT_CANARY_ANALYSIS,
  readMonitorState,
  monitorStatePath,
  type CanaryActuator,
  type CanaryAnalysisOptions,
  type MonitorForge,
  type MonitorLogger,
  type MonitorRuntimeOptions,
  type MonitorSnapshot,
  type RevertProposer,
  type VersionSnapshot,
} from "./monitor-runtime.js";
export {
  monitorSpecFromRegistry,
  type MonitorSpec,
  type MonitoredModel,
  type MonitoredVersion,
} from "./spec.js";
export {
  servingCanaryActuator,
  GitRevertProposer,
  removeCanary,
  type GitRevertProposerOptions,
} from "./actuators.js";
export { twoProportionZTest, upperTailNormal } from "./significance.js";
export { featureColumns, rowWidth, cell, type FeatureColumn } from "./columns.js";
export { runtimeFingerprint, type RuntimeIssueKind, type CanaryFinding } from "./issue-bodies.js";
