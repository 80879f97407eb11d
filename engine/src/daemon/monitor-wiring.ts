/**
 * The monitor in `modelgate run`: the serving layer's observer, configured from the registry at the
 * applied commit after every reconcile pass; a canary abort is an emergency hold of the reconciler (so
 * self-heal does not put the canary back before Git moves), and the revert is proposed as a change
 * request on the daemon's forge (GitHub or local), computed from the daemon's mirror of the main branch.
 */
import { LateRuntimeObserver } from "./late-runtime-observer.js";
import { basename, dirname } from "node:path";
import type { Registry } from "prom-client";
import { LocalForge, type Forge } from "../forge/index.js";
import {
  GitRevertProposer,
  MonitorRuntime,
  monitorSpecFromRegistry,
  type CanaryActuator,
  type MonitorForge,
  type MonitorRuntimeOptions,
  type MonitorSnapshot,
  type RevertProposer,
} from "../monitor/runtime/index.js";
import type {
  DeploymentReporter,
  IssueReporter,
  ReconcileLogger,
  RegistryLoader,
  RevisionSource,
} from "../reconcile/ports.js";
import type { Reconciler, ReconcileResult } from "../reconcile/reconciler.js";
import type { EnvironmentStore } from "../reconcile/store.js";

export interface DaemonMonitorOptions {
  /** Where the monitor's issues go; default: the daemon's issue reporter (plus the local forge's comments and listing). */
  forge?: MonitorForge;
  /** Proposes the revert of an aborted canary; default: a change request on the daemon's forge (see `forge` in the deps). */
  revert?: RevertProposer | false;
  /** Runtime settings (windows, lifecycle, canary analysis, evaluation period). */
  runtime?: Omit<
    MonitorRuntimeOptions,
    "spec" | "forge" | "registry" | "stateDir" | "actuator" | "revert" | "clock" | "logger"
  >;
}

export interface DaemonMonitorDeps {
  environment: string;
  stateDir: string;
  repo: string;
  branch: string;
  source: RevisionSource;
  loadRegistry: RegistryLoader;
  issues: IssueReporter;
  /** False when `issues` is only the daemon's JSON-lines default: issues then also go to the local forge. */
  issuesGiven: boolean;
  deployments: DeploymentReporter;
  /**
   * The forge behind `issues` (GitHub or local), for what the narrow reporter ports lack: the revert change
   * request, comments on issues, the listing of open issues after a restart. Default: the local forge of
   * a local registry repository; none for a git URL.
   */
  forge?: Forge;
  /** A git repository with the main branch's history (the daemon's mirror): the revert is computed from it. */
  mirror: string;
  clock: () => number;
  logger?: ReconcileLogger;
  options: DaemonMonitorOptions;
}

/** The daemon's monitor: exists from the start (as the observer), watches once a commit is applied. */
export class DaemonMonitor extends LateRuntimeObserver {
  protected readonly notReadyReason = "nothing is monitored yet (no commit applied)";
  private revision: string | undefined;
  private reconciler: Reconciler | undefined;
  private reconcileNow: (() => Promise<ReconcileResult>) | undefined;
  private registry: Registry | undefined;
  private store: EnvironmentStore | undefined;
  private readonly local: LocalForge | undefined;
  /** The forge of record: the one given, else the local forge of a local repository. */
  private readonly forge: Forge | undefined;

  constructor(private readonly deps: DaemonMonitorDeps) {
    super();
    this.local = isLocalRepo(deps.repo) ? new LocalForge({ repo: deps.repo }) : undefined;
    this.forge = deps.forge ?? this.local;
  }

  /** The pieces built after the monitor (the serving layer's registry, the store, the reconciler and its scheduler). */
  attach(input: {
    registry: Registry;
    store: EnvironmentStore;
    reconciler: Reconciler;
    reconcileNow: () => Promise<ReconcileResult>;
  }): void {
    this.registry = input.registry;
    this.store = input.store;
    this.reconciler = input.reconciler;
    this.reconcileNow = input.reconcileNow;
  }

  /** After each reconcile pass: follow the applied commit (a new one reconfigures the runtime). */
  async afterPass(): Promise<void> {
    if (!this.store) return;
    const record = await this.store.readRecord();
    const revision = record.applied?.revision;
    if (!revision || revision === this.revision) return;
    const loaded = await this.deps.loadRegistry(this.deps.source.snapshot(revision));
    if (!loaded.ok) return;
    const spec = monitorSpecFromRegistry(loaded.state, this.deps.environment, revision);
    this.revision = revision;
    if (this.runtime) {
      this.runtime.configure(spec);
      return;
    }
    const d = this.deps;
    const revert =
      d.options.revert === false
        ? undefined
        : (d.options.revert ??
          (this.forge
            ? new GitRevertProposer({ repo: d.mirror, branch: d.branch, forge: this.forge })
            : undefined));
    this.runtime = new MonitorRuntime({
      ...d.options.runtime,
      spec,
      forge: d.options.forge ?? this.defaultForge(),
      stateDir: d.stateDir,
      // `modelgate run` keeps one state folder per environment (`.modelgate/<env>`); the policy gate reads
      // `.modelgate/budgets.json`, shared by all of them (each writes only its own environment's entries).
      budgets_dir: basename(d.stateDir) === d.environment ? dirname(d.stateDir) : d.stateDir,
      ...(this.registry ? { registry: this.registry } : {}),
      clock: d.clock,
      ...(d.logger ? { logger: d.logger } : {}),
      actuator: this.holdActuator(),
      ...(revert ? { revert } : {}),
    });
    this.runtime.start();
  }

  snapshot(): MonitorSnapshot | null {
    return this.runtime?.snapshot() ?? null;
  }

  async stop(): Promise<void> {
    await this.runtime?.stop();
  }

  private defaultForge(): MonitorForge {
    const { issues, deployments, issuesGiven } = this.deps;
    const forge = this.forge;
    const also = !issuesGiven && this.local ? this.local : undefined;
    return {
      ensureIssue: async (spec) => {
        await issues.ensureIssue(spec);
        await also?.ensureIssue(spec);
      },
      closeIssue: async (fingerprint, comment) => {
        await issues.closeIssue(fingerprint, comment);
        await also?.closeIssue(fingerprint, comment);
      },
      commentOnIssue: (fingerprint, body) =>
        forge ? forge.commentOnIssue(fingerprint, body) : Promise.resolve(),
      ...(forge ? { listIssues: (options) => forge.listIssues(options) } : {}),
      reportDeployment: (report) => deployments.reportDeployment(report),
    };
  }

  /**
   * A canary abort as the reconciler's emergency hold: the applied state with the canary at weight 0
   * (its weight given to stable), applied now, reported as drift and kept until the main branch moves.
   */
  private holdActuator(): CanaryActuator {
    return {
      abortCanary: async ({ model, version, stable, reason }) => {
        if (!this.reconciler || !this.reconcileNow || !this.store)
          throw new Error("the reconciler is not attached");
        const record = await this.store.readRecord();
        const base = record.hold?.desired ?? record.applied?.desired;
        const current = base?.models[model];
        if (!current) throw new Error(`${model} is not applied in ${this.deps.environment}`);
        const next = structuredClone(current);
        const canary = next.routing.traffic.find((t) => t.version === version);
        if (!canary) return;
        const weight = canary.weight;
        canary.weight = 0;
        const receiver =
          next.routing.traffic.find((t) => t.version === stable) ??
          next.routing.traffic.find((t) => t.version !== version);
        if (receiver) receiver.weight += weight;
        this.reconciler.requestHold(`monitor: ${reason}`, { [model]: next });
        const result = await this.reconcileNow();
        if (result.outcome === "failed")
          throw new Error(`the hold was not applied: ${result.failure?.message ?? "failed"}`);
      },
    };
  }
}

function isLocalRepo(repo: string): boolean {
  return !(/^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[^/\s]+@[^/\s]+:/.test(repo));
}
