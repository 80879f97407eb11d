/**
 * The monitor in `modelgate serve` (no reconciler): the same `MonitorRuntime` as under `modelgate run`,
 * configured once from the registry being served. A canary abort sets the canary's weight to 0 in the
 * live routing table (there is no reconciler to hold it), and the revert is proposed as a change request
 * on the forge when there is one.
 */
import { LateRuntimeObserver } from "./late-runtime-observer.js";
import { basename, dirname } from "node:path";
import type { Forge } from "../forge/index.js";
import {
  GitRevertProposer,
  MonitorRuntime,
  monitorSpecFromRegistry,
  servingCanaryActuator,
  type MonitorLogger,
  type MonitorRuntimeOptions,
} from "../monitor/runtime/index.js";
import type { RegistryState } from "../registry/types.js";
import type { OnnxRuntimeServing } from "../serving/index.js";

export interface StandaloneMonitorOptions {
  state: RegistryState;
  environment: string;
  /** The commit served, when known (deployment statuses of a healthy canary name it). */
  revision?: string;
  /** `environments/<env>/monitor.json` (lifecycle state and the snapshot `modelgate status --state` reads). */
  stateDir: string;
  /** Where issues go; without one the monitor still evaluates, writes its snapshot and `budgets.json`. */
  forge?: Pick<Forge, "ensureIssue" | "closeIssue" | "commentOnIssue" | "listIssues" | "reportDeployment"> &
    Partial<Pick<Forge, "openChangeRequest">>;
  /** A local git repository with the main branch, for the revert change request of an aborted canary. */
  repo?: string;
  branch?: string;
  logger?: MonitorLogger;
  runtime?: Omit<
    MonitorRuntimeOptions,
    "spec" | "forge" | "registry" | "stateDir" | "budgets_dir" | "actuator" | "revert" | "logger"
  >;
}

/** The serving layer's observer from the start; watches once `start` has the serving layer. */
export class StandaloneMonitor extends LateRuntimeObserver {
  protected readonly notReadyReason = "the monitor is starting";

  constructor(private readonly options: StandaloneMonitorOptions) {
    super();
  }

  /** Builds the runtime on the serving layer (its `/metrics` registry, its live weights) and starts its timer. */
  start(serving: OnnxRuntimeServing): MonitorRuntime {
    const o = this.options;
    const forge = o.forge;
    const revert =
      forge?.openChangeRequest && o.repo
        ? new GitRevertProposer({
            repo: o.repo,
            forge: { openChangeRequest: forge.openChangeRequest.bind(forge) },
            ...(o.branch ? { branch: o.branch } : {}),
          })
        : undefined;
    this.runtime = new MonitorRuntime({
      ...o.runtime,
      spec: monitorSpecFromRegistry(o.state, o.environment, o.revision),
      ...(forge ? { forge } : {}),
      stateDir: o.stateDir,
      // As under `modelgate run`: a per-environment folder `.modelgate/<env>` shares `.modelgate/budgets.json`,
      // the file `modelgate check` reads by default.
      budgets_dir: basename(o.stateDir) === o.environment ? dirname(o.stateDir) : o.stateDir,
      registry: serving.metrics.registry,
      actuator: servingCanaryActuator(serving),
      ...(revert ? { revert } : {}),
      ...(o.logger ? { logger: o.logger } : {}),
    });
    this.runtime.start();
    return this.runtime;
  }

  async stop(): Promise<void> {
    await this.runtime?.stop();
  }
}
