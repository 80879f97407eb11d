/**
 * Monitoring: data and prediction drift against a contract's baseline, SLO error budgets with
 * multiwindow multi-burn-rate alerts, Prometheus rules from SLOs, and issue evidence. Pure pieces with
 * an injected clock; the serving layer feeds observations and the forge files the issues.
 */
export { systemClock, manualClock, type Clock, type ManualClock } from "./clock.js";
export { parseDuration, formatDuration } from "../shared/duration.js";
export {
  chiSquareSurvival,
  kolmogorovSurvival,
  ksPValue,
  logGamma,
  regularizedGammaP,
  regularizedGammaQ,
} from "./stats/special.js";
export { adjustPValues, type CorrectionMethod } from "./stats/correction.js";
export {
  populationStabilityIndex,
  chiSquareGoodnessOfFit,
  binnedKolmogorovSmirnov,
  type ChiSquareResult,
  type BinnedKsResult,
} from "./drift/statistics.js";
export {
  DriftMonitor,
  DEFAULT_DRIFT_THRESHOLDS,
  driftThresholdsFromSlo,
  type ColumnBatch,
  type ColumnSource,
  type DriftBaseline,
  type DriftMonitorOptions,
  type DriftReport,
  type DriftStatus,
  type DriftTest,
  type DriftThresholds,
  type DriftWindow,
  type FeatureDrift,
  type FeatureRole,
  type FeatureVerdict,
} from "./drift/monitor.js";
export { BucketRing } from "./slo/bucket-ring.js";
export {
  DEFAULT_BURN_RATE_ALERTS,
  DEFAULT_MIN_EVENTS,
  minEventsOf,
  burnRate,
  remainingBudgetRatio,
  evaluateBurnRateAlerts,
  type FiringBurnRateAlert,
  type TrafficGuard,
} from "./slo/burn-rate.js";
export {
  FeedbackJoiner,
  QualityTracker,
  QUALITY_METRICS,
  isQualityMetric,
  defaultIsPositive,
  type QualityMetric,
  type QualityStatus,
} from "./slo/quality.js";
export {
  SloTracker,
  type BudgetObjective,
  type BudgetStatus,
  type ObjectiveBudget,
  type RequestOutcome,
  type SloTrackerOptions,
} from "./slo/tracker.js";
export {
  BUDGETS_FILE,
  buildBudgetSnapshot,
  readBudgetSnapshot,
  writeBudgetSnapshot,
  type BudgetSnapshot,
} from "./slo/budget-snapshot.js";
export {
  METRICS,
  buildRuleGroup,
  renderPrometheusRules,
  rateSuffix,
  type PrometheusRule,
  type PrometheusRuleGroup,
  type SloBinding,
} from "./rules/prometheus-rules.js";
export { readSloBindings, sloBindingsFromState, type SloBindings } from "./rules/slo-source.js";
export {
  DEFAULT_ISSUE_LIFECYCLE,
  initialIssueState,
  severityRank,
  stepIssueLifecycle,
  type IssueAction,
  type IssueLifecycleOptions,
  type IssueLifecycleState,
  type IssueObservation,
  type IssueSeverity,
} from "./issues/lifecycle.js";
export {
  issueFingerprint,
  issueMarker,
  readIssueMarker,
  renderDriftIssue,
  renderPsiChart,
  type DriftIssueInput,
  type IssueDraft,
  type IssueKind,
} from "./issues/render.js";
export {
  MonitorRuntime,
  DEFAULT_CANARY_ANALYSIS,
  monitorSpecFromRegistry,
  monitorStatePath,
  readMonitorState,
  servingCanaryActuator,
  GitRevertProposer,
  twoProportionZTest,
  runtimeFingerprint,
  type CanaryActuator,
  type CanaryAnalysisOptions,
  type MonitorForge,
  type MonitorRuntimeOptions,
  type MonitorSnapshot,
  type MonitorSpec,
  type MonitoredModel,
  type MonitoredVersion,
  type RevertProposer,
  type RuntimeIssueKind,
} from "./runtime/index.js";
