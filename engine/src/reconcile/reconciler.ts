import { rm, stat } from "node:fs/promises";
import type { ArtifactRef, EnsuredArtifact, RepoFileReader } from "../artifacts/cache.js";
import { ReconcileError, classifyFailure, type FailureKind } from "./errors.js";
import { buildDesiredEnvironment } from "./desired.js";
import { computePlan, describeStep, type PlanStep } from "./plan.js";
import type {
  ActualState,
  ApprovalLookup,
  DesiredModel,
  CommitInfo,
  CrashPoint,
  DeploymentReporter,
  DesiredEnvironment,
  IssueReporter,
  ReconcileLogger,
  RegistryLoader,
  RevisionSource,
  ServingRuntime,
} from "./ports.js";
import { silentReconcileLogger } from "./ports.js";
import { emptyStatus, getCondition, setCondition, type EnvironmentStatus } from "./status.js";
import type { EnvironmentRecord, EnvironmentStore, HistoryEntry } from "./store.js";

/** The part of `ArtifactCache` the reconciler uses. */
export interface ArtifactStore {
  ensure(ref: ArtifactRef, repo: RepoFileReader): Promise<EnsuredArtifact>;
  verify(sha256: string): Promise<boolean>;
  pathFor(sha256: string): string;
}

export type ReconcileOutcome =
  /** A new commit now serves. */
  | "applied"
  /** Serving already matched; nothing was written. */
  | "unchanged"
  /** Live state had drifted from the applied commit and was put back. */
  | "self-healed"
  /** Live state drifted and self-heal is off (or an emergency rollback holds): reported, not changed. */
  | "drift-held"
  /** After a restart (or a failed commit), the last good state was loaded again. */
  | "recovered"
  /** An emergency change (`rollback --now`) was applied outside Git; it holds until main moves. */
  | "emergency"
  | "failed"
  | "waiting";

export interface ReconcileResult {
  environment: string;
  outcome: ReconcileOutcome;
  /** The main-branch tip seen. */
  revision?: string;
  steps: PlanStep[];
  failure?: ReconcileError;
  durationMs: number;
}

export interface ReconcilerOptions {
  environment: string;
  source: RevisionSource;
  loadRegistry: RegistryLoader;
  runtime: ServingRuntime;
  cache: ArtifactStore;
  store: EnvironmentStore;
  deployments?: DeploymentReporter;
  issues?: IssueReporter;
  approvals?: ApprovalLookup;
  /** Milliseconds since the epoch. */
  clock?: () => number;
  logger?: ReconcileLogger;
  /** Test hook: called at crash points (the daemon wires `MODELGATE_TEST_CRASH_AT` to SIGKILL). */
  crash?: (point: CrashPoint) => void;
  /** Called with every result (metrics). */
  onResult?: (result: ReconcileResult) => void;
}

type Mode = "deploy" | "steady" | "previous" | "hold";

/**
 * Keeps one environment's serving state equal to the main branch, one pass at a time. Each pass starts
 * from current state (the branch tip, what the runtime reports, the remembered record), never from the
 * event that triggered it, so passes can be coalesced, repeated and restarted after a crash.
 * The caller guarantees one pass at a time per environment (the daemon's scheduler does).
 */
export class Reconciler {
  readonly environment: string;
  private readonly clock: () => number;
  private readonly logger: ReconcileLogger;
  /** The revision this process has seen serving exactly; a later difference is drift, not recovery. */
  private convergedRevision: string | undefined;
  /** sha256 -> stat fingerprint of the cached file when it last hashed correctly. */
  private readonly verifiedFiles = new Map<string, string>();
  private pendingHold: { reason: string; models: Record<string, DesiredModel> } | undefined;

  constructor(private readonly options: ReconcilerOptions) {
    this.environment = options.environment;
    this.clock = options.clock ?? Date.now;
    this.logger = options.logger ?? silentReconcileLogger;
  }

  async reconcile(): Promise<ReconcileResult> {
    const started = this.clock();
    const before = (await this.options.store.readStatus()) ?? emptyStatus(this.environment);
    const status: EnvironmentStatus = structuredClone(before);
    let result: ReconcileResult;
    try {
      const record = await this.options.store.readRecord();
      result = await this.pass(record, status, started);
    } catch (error) {
      const failure = classifyFailure(error);
      this.logger.error("reconcile failed", {
        environment: this.environment,
        reason: failure.reason,
        error: failure.message,
      });
      setCondition(status, "Ready", "False", failure.reason, failure.message, this.now());
      setCondition(status, "Reconciling", "False", failure.reason, failure.message, this.now());
      result = { environment: this.environment, outcome: "failed", steps: [], failure, durationMs: 0 };
    } finally {
      // Status is written at the end of every pass, and only when it changed.
      if (JSON.stringify(status) !== JSON.stringify(before)) await this.options.store.writeStatus(status);
    }
    result.durationMs = this.clock() - started;
    this.options.onResult?.(result);
    return result;
  }

  /** What the runtime serves now. */
  observe(): Promise<ActualState> {
    return this.options.runtime.observe();
  }

  /**
   * Asks the next pass to apply an emergency change outside Git (`rollback --now`): the applied state
   * with these models replaced. It is reported as drift and never self-healed until main moves.
   */
  requestHold(reason: string, models: Record<string, DesiredModel>): void {
    this.pendingHold = { reason, models };
  }

  /** The status as last written (for `GET /status`). */
  async status(): Promise<EnvironmentStatus> {
    return (await this.options.store.readStatus()) ?? emptyStatus(this.environment);
  }

  private async pass(
    record: EnvironmentRecord,
    status: EnvironmentStatus,
    started: number,
  ): Promise<ReconcileResult> {
    const env = this.environment;
    let head: string | undefined;
    try {
      head = await this.options.source.head();
    } catch (error) {
      throw new ReconcileError(
        "transient",
        "GitFetchFailed",
        `cannot read the main branch: ${messageOf(error)}`,
        {
          cause: error,
        },
      );
    }
    if (!head) {
      const message = "the registry has no main branch yet";
      setCondition(status, "Ready", "False", "BranchNotFound", message, this.now());
      return { environment: env, outcome: "waiting", steps: [], durationMs: 0 };
    }
    status.observedRevision = head;
    let recordChanged = false;
    // An emergency hold lasts until main moves; it is released when a newer commit applies (a newer commit
    // that fails leaves the emergency state serving, not the state from before it).

    let newHold = false;
    if (this.pendingHold) {
      const { reason, models } = this.pendingHold;
      this.pendingHold = undefined;
      const base = record.hold?.desired ?? record.applied?.desired;
      if (base) {
        record.hold = {
          revision: head,
          reason,
          since: this.now(),
          desired: { ...base, models: { ...base.models, ...models } },
        };
        recordChanged = true;
        newHold = true;
      } else {
        this.logger.warn("emergency change ignored: nothing applied yet", { environment: env });
      }
    }

    let desired: DesiredEnvironment;
    let mode: Mode;
    if (record.hold && record.hold.revision === head) {
      desired = record.hold.desired;
      mode = "hold";
    } else if (record.failed && record.failed.revision === head && record.failed.kind === "stalled") {
      const lastGood = record.hold?.desired ?? record.applied?.desired;
      if (!lastGood) {
        if (recordChanged) await this.options.store.writeRecord(record);
        return { environment: env, outcome: "failed", revision: head, steps: [], durationMs: 0 };
      }
      desired = lastGood;
      mode = "previous";
    } else if (record.applied?.revision === head) {
      desired = record.applied.desired;
      mode = "steady";
      if (record.hold) {
        // main went back to the applied commit: Git's state wins again.
        delete record.hold;
        recordChanged = true;
      }
      // A crash after the record was written but before the status was: the record is the truth.
      if (status.appliedRevision !== record.applied.revision) {
        status.appliedRevision = record.applied.revision;
        status.appliedAt = record.applied.appliedAt;
        delete status.failure;
      }
    } else {
      try {
        desired = await this.loadDesired(head);
      } catch (error) {
        return this.fail(head, error, record, status, []);
      }
      mode = "deploy";
    }

    const actual = await this.options.runtime.observe();
    const tampered = await this.findTampered(desired, actual);
    const plan = computePlan(desired, actual, { tamperedArtifacts: tampered });

    if (plan.steps.length === 0) {
      if (mode === "deploy") {
        // The commit changes nothing that serves here: it is applied as it is.
        return this.succeed(head, desired, [], record, status, started, "deploy");
      }
      this.convergedRevision = desired.revision;
      if (mode === "steady" && (getCondition(status, "Ready")?.status !== "True" || status.drift)) {
        this.markReady(status, "Applied", `serving ${short(desired.revision)}`);
      }
      if (mode === "hold") this.markHold(status, record);
      if (recordChanged) await this.options.store.writeRecord(record);
      if (mode === "previous" && record.failed) {
        // The head is a commit already refused: nothing new to try, the previous state serves.
        const { kind, reason, message } = record.failed;
        const failure = new ReconcileError(kind as FailureKind, reason, message);
        return { environment: env, outcome: "failed", revision: head, steps: [], failure, durationMs: 0 };
      }
      return { environment: env, outcome: "unchanged", revision: head, steps: [], durationMs: 0 };
    }

    const drift = mode !== "deploy" && !newHold && this.convergedRevision === desired.revision;
    if (drift) {
      const differences = plan.steps.map(describeStep);
      status.drift = differences;
      setCondition(status, "Drifted", "True", "LiveStateDrifted", differences.join("; "), this.now());
      this.logger.warn("live state drifted from Git", { environment: env, differences });
      recordChanged =
        (await this.reportIssueOnce(record, `drift:${env}`, {
          title: `modelgate: ${env} drifted from Git`,
          body: [
            `What serves in **${env}** no longer matches commit \`${short(desired.revision)}\`:`,
            "",
            ...differences.map((d) => `- ${d}`),
            "",
            desired.selfHeal && mode !== "hold"
              ? "Self-heal is on: the engine puts Git's state back."
              : "Self-heal is off (or an emergency rollback holds): change Git or put the live state back by hand.",
          ].join("\n"),
          labels: ["modelgate", "drift"],
        })) || recordChanged;
      if (!desired.selfHeal || mode === "hold") {
        if (mode === "hold") this.markHold(status, record);
        else
          setCondition(
            status,
            "Ready",
            "False",
            "Drifted",
            `live state differs from ${short(desired.revision)}`,
            this.now(),
          );
        if (recordChanged) await this.options.store.writeRecord(record);
        return { environment: env, outcome: "drift-held", revision: head, steps: plan.steps, durationMs: 0 };
      }
    }

    setCondition(
      status,
      "Reconciling",
      "True",
      "Progressing",
      `applying ${plan.steps.length} step(s) for ${short(desired.revision)}`,
      this.now(),
    );
    if (getCondition(status, "Ready")?.status === "True") {
      setCondition(
        status,
        "Ready",
        "Unknown",
        "Progressing",
        `applying ${short(desired.revision)}`,
        this.now(),
      );
    }
    await this.options.store.writeStatus(status);
    try {
      await this.apply(desired, tampered);
    } catch (error) {
      if (mode === "deploy") return this.fail(head, error, record, status, plan.steps);
      const failure = classifyFailure(error);
      setCondition(status, "Ready", "False", failure.reason, failure.message, this.now());
      setCondition(status, "Reconciling", "False", failure.reason, failure.message, this.now());
      if (recordChanged) await this.options.store.writeRecord(record);
      return {
        environment: env,
        outcome: "failed",
        revision: head,
        steps: plan.steps,
        failure,
        durationMs: 0,
      };
    }

    if (mode === "deploy") return this.succeed(head, desired, plan.steps, record, status, started, "deploy");
    if (newHold) {
      await this.options.store.appendHistory({
        at: this.now(),
        environment: env,
        kind: "emergency",
        revision: head,
        subject: record.hold?.reason ?? "",
        durationMs: this.clock() - started,
        steps: plan.steps,
      });
      this.convergedRevision = desired.revision;
      setCondition(
        status,
        "Reconciling",
        "False",
        "EmergencyOverride",
        "emergency change applied",
        this.now(),
      );
      this.markHold(status, record);
      await this.options.store.writeRecord(record);
      return { environment: env, outcome: "emergency", revision: head, steps: plan.steps, durationMs: 0 };
    }
    if (drift) return this.succeed(head, desired, plan.steps, record, status, started, "self-heal");
    // A restart (or a failed head): the last good state serves again; not a new deployment.
    this.convergedRevision = desired.revision;
    setCondition(
      status,
      "Reconciling",
      "False",
      "Recovered",
      `reloaded ${short(desired.revision)}`,
      this.now(),
    );
    if (mode === "steady") this.markReady(status, "Applied", `serving ${short(desired.revision)}`);
    if (mode === "hold") this.markHold(status, record);
    if (recordChanged) await this.options.store.writeRecord(record);
    return { environment: env, outcome: "recovered", revision: head, steps: plan.steps, durationMs: 0 };
  }

  private async loadDesired(revision: string): Promise<DesiredEnvironment> {
    const source = this.options.source.snapshot(revision);
    const loaded = await this.options.loadRegistry(source);
    if (!loaded.ok) {
      const first = loaded.errors.slice(0, 5).map((e) => `${e.file}:${e.line}:${e.column} ${e.message}`);
      const more = loaded.errors.length > 5 ? ` (and ${loaded.errors.length - 5} more)` : "";
      throw new ReconcileError("stalled", "InvalidRegistry", `${first.join("; ")}${more}`);
    }
    return buildDesiredEnvironment(loaded.state, this.environment, revision);
  }

  /** Fetch + verify every artifact into the cache, then hand the whole environment to the runtime. */
  private async apply(desired: DesiredEnvironment, tampered: ReadonlySet<string>): Promise<void> {
    const reader = this.options.source.snapshot(desired.revision);
    const cache = this.options.cache;
    const artifactPaths: Record<string, string> = {};
    for (const model of Object.values(desired.models)) {
      for (const version of Object.values(model.versions)) {
        const ref = version.artifact;
        if (artifactPaths[ref.sha256]) continue;
        if (tampered.has(ref.sha256)) await rm(cache.pathFor(ref.sha256), { force: true });
        let ensured = await cache.ensure(ref, reader);
        if (!ensured.fetched && !(await cache.verify(ref.sha256))) {
          // The cached copy changed on disk since it was verified: fetch it again from the source.
          await rm(cache.pathFor(ref.sha256), { force: true });
          ensured = await cache.ensure(ref, reader);
        }
        artifactPaths[ref.sha256] = ensured.path;
        await this.rememberVerified(ref.sha256);
      }
    }
    this.options.crash?.("after-fetch");
    await this.options.runtime.applyEnvironment({ desired, artifactPaths });
    this.options.crash?.("after-route");
    const after = computePlan(desired, await this.options.runtime.observe());
    if (after.steps.length > 0) {
      throw new ReconcileError(
        "transient",
        "ServingDiverged",
        `the runtime reports a different state after apply: ${after.steps.map(describeStep).join("; ")}`,
      );
    }
  }

  private async succeed(
    head: string,
    desired: DesiredEnvironment,
    steps: PlanStep[],
    record: EnvironmentRecord,
    status: EnvironmentStatus,
    started: number,
    kind: "deploy" | "self-heal",
  ): Promise<ReconcileResult> {
    const env = this.environment;
    const at = this.now();
    const durationMs = this.clock() - started;
    const previousRevision = record.applied?.revision;
    if (kind === "deploy" || steps.length > 0) {
      const entry: HistoryEntry = {
        at,
        environment: env,
        kind,
        revision: desired.revision,
        durationMs,
        steps,
      };
      if (previousRevision && previousRevision !== desired.revision)
        entry.previousRevision = previousRevision;
      if (kind === "deploy") await this.describeCommit(desired.revision, entry);
      if (!(await this.alreadyInHistory(entry))) await this.options.store.appendHistory(entry);
      this.options.crash?.("after-history");
    }
    if (kind === "deploy") {
      record.applied = { revision: desired.revision, desired, appliedAt: at };
      delete record.failed;
      if (record.hold) this.logger.info("main moved: emergency hold released", { environment: env, head });
      delete record.hold;
    }
    const toClose = record.openIssues ?? [];
    delete record.openIssues;
    await this.options.store.writeRecord(record);
    this.options.crash?.("after-applied");
    this.convergedRevision = desired.revision;
    for (const fingerprint of toClose) {
      await this.options.issues
        ?.closeIssue(
          fingerprint,
          kind === "deploy"
            ? `Resolved: ${short(head)} now serves in ${env}.`
            : `Self-healed: ${env} serves ${short(desired.revision)} again.`,
        )
        .catch((error: unknown) =>
          this.logger.warn("closing an issue failed", { fingerprint, error: messageOf(error) }),
        );
    }
    if (kind === "deploy") {
      await this.options.deployments
        ?.reportDeployment({
          environment: env,
          sha: head,
          state: "success",
          description: `${steps.length} step(s) applied`,
        })
        .catch((error: unknown) =>
          this.logger.warn("reporting the deployment failed", { error: messageOf(error) }),
        );
      this.logger.info("applied", { environment: env, revision: head, steps: steps.length, durationMs });
    } else {
      this.logger.info("self-healed", { environment: env, revision: desired.revision, steps: steps.length });
    }
    status.appliedRevision = desired.revision;
    status.appliedAt = record.applied?.appliedAt ?? at;
    if (kind === "deploy") status.lastApplyDurationMs = durationMs;
    delete status.failure;
    this.markReady(
      status,
      kind === "deploy" ? "Applied" : "SelfHealed",
      kind === "deploy"
        ? `applied ${short(desired.revision)} (${steps.length} step(s))`
        : `put ${short(desired.revision)} back after drift`,
    );
    return {
      environment: env,
      outcome: kind === "deploy" ? "applied" : "self-healed",
      revision: head,
      steps,
      durationMs,
    };
  }

  private async fail(
    head: string,
    error: unknown,
    record: EnvironmentRecord,
    status: EnvironmentStatus,
    steps: PlanStep[],
  ): Promise<ReconcileResult> {
    const env = this.environment;
    const failure = classifyFailure(error);
    const now = this.now();
    const serving = record.applied ? `; still serving ${short(record.applied.revision)}` : "";
    const message = `commit ${short(head)}: ${failure.message}${serving}`;
    this.logger.error("reconcile failed", {
      environment: env,
      revision: head,
      kind: failure.kind,
      reason: failure.reason,
      error: failure.message,
    });
    status.failure = { revision: head, reason: failure.reason, message: failure.message, kind: failure.kind };
    setCondition(status, "Ready", "False", failure.reason, message, now);
    setCondition(
      status,
      "Reconciling",
      failure.kind === "transient" ? "True" : "False",
      failure.kind === "transient" ? "RetryingAfterError" : failure.reason,
      message,
      now,
    );
    setCondition(
      status,
      "Stalled",
      failure.kind === "stalled" ? "True" : "False",
      failure.reason,
      message,
      now,
    );
    if (failure.kind === "waiting") {
      return { environment: env, outcome: "waiting", revision: head, steps, failure, durationMs: 0 };
    }
    const repeated = record.failed?.revision === head && record.failed.reason === failure.reason;
    record.failed = {
      revision: head,
      kind: failure.kind,
      reason: failure.reason,
      message: failure.message,
      at: now,
    };
    if (!repeated) {
      await this.reportIssueOnce(record, `reconcile-failed:${env}:${short(head)}:${failure.reason}`, {
        title: `modelgate: ${env} cannot apply ${short(head)} (${failure.reason})`,
        body: [
          `Commit \`${head}\` on the main branch could not be applied to **${env}**.`,
          "",
          `**Reason:** \`${failure.reason}\` (${failure.kind})`,
          "",
          failure.message,
          "",
          record.applied
            ? `The previous state (\`${short(record.applied.revision)}\`) keeps serving.`
            : "Nothing served in this environment before.",
          failure.kind === "stalled"
            ? "The engine will not retry this commit: push a fix (or a revert) to the main branch."
            : "The engine retries with backoff.",
        ].join("\n"),
        labels: ["modelgate", "deployment"],
      });
      await this.options.deployments
        ?.reportDeployment({
          environment: env,
          sha: head,
          state: failure.kind === "stalled" ? "failure" : "error",
          description: `${failure.reason}: ${failure.message}`.slice(0, 140),
        })
        .catch((e: unknown) => this.logger.warn("reporting the deployment failed", { error: messageOf(e) }));
    }
    await this.options.store.writeRecord(record);
    // Keep the previous state (an emergency hold, else the applied commit) serving: after a restart
    // nothing may be loaded yet.
    const lastGood = record.hold?.desired ?? record.applied?.desired;
    if (lastGood) {
      try {
        const actual = await this.options.runtime.observe();
        const tampered = await this.findTampered(lastGood, actual);
        if (computePlan(lastGood, actual, { tamperedArtifacts: tampered }).steps.length > 0) {
          await this.apply(lastGood, tampered);
        }
        this.convergedRevision = lastGood.revision;
      } catch (fallbackError) {
        this.logger.error("could not restore the previous state", {
          environment: env,
          error: messageOf(fallbackError),
        });
      }
    }
    return { environment: env, outcome: "failed", revision: head, steps, failure, durationMs: 0 };
  }

  /** Opens an issue unless this fingerprint is already open; returns whether the record changed. */
  private async reportIssueOnce(
    record: EnvironmentRecord,
    fingerprint: string,
    spec: { title: string; body: string; labels: string[] },
  ): Promise<boolean> {
    if (record.openIssues?.includes(fingerprint)) return false;
    try {
      await this.options.issues?.ensureIssue({ fingerprint, ...spec });
    } catch (error) {
      this.logger.warn("opening an issue failed", { fingerprint, error: messageOf(error) });
      return false;
    }
    record.openIssues = [...(record.openIssues ?? []), fingerprint];
    return true;
  }

  /** Cached artifacts of loaded versions that no longer hash to their sha256 (changed or removed on disk). */
  private async findTampered(desired: DesiredEnvironment, actual: ActualState): Promise<Set<string>> {
    const tampered = new Set<string>();
    for (const [name, model] of Object.entries(desired.models)) {
      const loaded = actual.models[name]?.loaded ?? [];
      for (const version of Object.values(model.versions)) {
        const sha = version.artifact.sha256;
        if (!loaded.some((l) => l.version === version.version && l.sha256 === sha)) continue;
        const fingerprint = await this.statFingerprint(sha);
        if (fingerprint !== undefined && this.verifiedFiles.get(sha) === fingerprint) continue;
        if (fingerprint !== undefined && (await this.options.cache.verify(sha))) {
          this.verifiedFiles.set(sha, fingerprint);
          continue;
        }
        this.verifiedFiles.delete(sha);
        tampered.add(sha);
      }
    }
    return tampered;
  }

  private async rememberVerified(sha: string): Promise<void> {
    const fingerprint = await this.statFingerprint(sha);
    if (fingerprint !== undefined) this.verifiedFiles.set(sha, fingerprint);
  }

  private async statFingerprint(sha: string): Promise<string | undefined> {
    try {
      const info = await stat(this.options.cache.pathFor(sha));
      return `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
    } catch {
      return undefined;
    }
  }

  private async describeCommit(revision: string, entry: HistoryEntry): Promise<void> {
    let commit: CommitInfo;
    try {
      commit = await this.options.source.commit(revision);
    } catch (error) {
      this.logger.warn("reading the commit failed", { revision, error: messageOf(error) });
      return;
    }
    entry.subject = commit.subject;
    entry.author = commit.author;
    const pr = parsePullRequestNumber(commit);
    if (pr !== undefined) {
      entry.pullRequest = pr;
      if (this.options.approvals) {
        try {
          entry.approvedBy = await this.options.approvals.approvers(pr);
        } catch (error) {
          this.logger.warn("reading approvals failed", { pr, error: messageOf(error) });
        }
      }
    }
  }

  private async alreadyInHistory(entry: HistoryEntry): Promise<boolean> {
    if (entry.kind !== "deploy") return false;
    const history = await this.options.store.readHistory();
    const last = history.filter((h) => h.environment === entry.environment).at(-1);
    return last?.kind === "deploy" && last.revision === entry.revision;
  }

  private markReady(status: EnvironmentStatus, reason: string, message: string): void {
    const now = this.now();
    setCondition(status, "Ready", "True", reason, message, now);
    setCondition(status, "Reconciling", "False", reason, message, now);
    setCondition(status, "Stalled", "False", reason, message, now);
    setCondition(status, "Drifted", "False", "InSync", "serving matches Git", now);
    delete status.drift;
  }

  private markHold(status: EnvironmentStatus, record: EnvironmentRecord): void {
    const message = `emergency change held until main moves past ${short(record.hold?.revision ?? "")}: ${record.hold?.reason ?? ""}`;
    setCondition(status, "Drifted", "True", "EmergencyOverride", message, this.now());
    setCondition(status, "Ready", "False", "EmergencyOverride", message, this.now());
  }

  private now(): string {
    return new Date(this.clock()).toISOString();
  }
}

/** `Merge pull request #12 from …`, `Title (#12)`, or a `modelgate-pr: 12` / `Change-Request: #12` trailer. */
export function parsePullRequestNumber(commit: Pick<CommitInfo, "subject" | "body">): number | undefined {
  const text = `${commit.subject}\n${commit.body}`;
  const match =
    /Merge pull request #(\d+)/i.exec(text) ??
    /\(#(\d+)\)\s*$/m.exec(commit.subject) ??
    /^(?:modelgate-pr|change-request|pull-request):\s*#?(\d+)\s*$/im.exec(text) ??
    /Merge (?:change request|request) #(\d+)/i.exec(text);
  return match ? Number(match[1]) : undefined;
}

function short(revision: string): string {
  return revision.slice(0, 12);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
