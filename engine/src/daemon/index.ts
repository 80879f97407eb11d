/**
 * The daemon (`modelgate run`): the composition root that wires Git, the artifact cache, the serving layer,
 * the reconciler, the monitor and the forge behind one HTTP port. See docs/deploy.md.
 */
export { startDaemon } from "./daemon.js";
export type { DaemonOptions, RunningDaemon } from "./daemon.js";
export { GitRevisionSource, GitSourceError } from "./git-revision-source.js";
export type { GitRevisionSourceOptions } from "./git-revision-source.js";
export { ReconcileScheduler, realSleep } from "./scheduler.js";
export type { SchedulerOptions, Sleep } from "./scheduler.js";
export { ReconcileMetrics } from "./metrics.js";
export { signHubBody, verifyHubSignature } from "./webhook.js";
export {
  FanOutReporter,
  actualFromDesired,
  decisionPolicyCompiler,
  desiredAtHead,
  forgeApprovals,
  isGitUrl,
  jsonLogger,
  localForgeAdapters,
} from "./compose.js";
export { StandaloneMonitor } from "./standalone-monitor.js";
export type { StandaloneMonitorOptions } from "./standalone-monitor.js";
