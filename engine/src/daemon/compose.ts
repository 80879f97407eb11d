/** Wiring shared by `modelgate plan`, `apply`, `run` and `rollback`: the composition root's helpers. */
import { LocalForge, localApprovalStatus, type Forge } from "../forge/index.js";
import { compilePolicyBundle } from "../policy/index.js";
import { loadRegistry } from "../registry/index.js";
import type { DecisionPolicyCompiler } from "../reconcile/serving-runtime-adapter.js";
import { buildDesiredEnvironment } from "../reconcile/desired.js";
import type {
  ActualState,
  ApprovalLookup,
  DeploymentReporter,
  DeploymentState,
  DesiredEnvironment,
  IssueReporter,
  ReconcileLogger,
} from "../reconcile/ports.js";
import type { RegistryDiagnostic } from "../registry/types.js";
import { GitRevisionSource } from "./git-revision-source.js";

export type HeadDesired =
  | { ok: true; revision: string; desired: DesiredEnvironment; source: GitRevisionSource }
  | { ok: false; revision: string | undefined; errors: RegistryDiagnostic[]; message: string };

/** Loads the desired state of `environment` at the tip of the main branch of a local repository. */
export async function desiredAtHead(
  repo: string,
  environment: string,
  branch = "main",
): Promise<HeadDesired> {
  const source = new GitRevisionSource({ repo, branch });
  const revision = await source.head();
  if (!revision) return { ok: false, revision, errors: [], message: `${repo} has no branch ${branch}` };
  const loaded = await loadRegistry(source.snapshot(revision));
  if (!loaded.ok)
    return {
      ok: false,
      revision,
      errors: loaded.errors,
      message: `the registry at ${revision.slice(0, 12)} is invalid`,
    };
  return {
    ok: true,
    revision,
    desired: buildDesiredEnvironment(loaded.state, environment, revision),
    source,
  };
}

/** The actual state a runtime has after applying `desired` exactly (for planning against the last applied commit). */
export function actualFromDesired(desired: DesiredEnvironment | undefined): ActualState {
  const models: ActualState["models"] = {};
  for (const [name, model] of Object.entries(desired?.models ?? {})) {
    models[name] = {
      loaded: Object.values(model.versions).map((v) => ({ version: v.version, sha256: v.artifact.sha256 })),
      routing: structuredClone(model.routing),
    };
  }
  return { models };
}

/** Sends every report to several reporters (the local forge and the JSON-lines audit file); one failing does not stop the others. */
export class FanOutReporter implements DeploymentReporter, IssueReporter {
  constructor(private readonly targets: (DeploymentReporter & IssueReporter)[]) {}

  async ensureIssue(spec: {
    fingerprint: string;
    title: string;
    body: string;
    labels?: string[];
  }): Promise<void> {
    await settle(this.targets.map((t) => t.ensureIssue(spec)));
  }
  async closeIssue(fingerprint: string, comment?: string): Promise<void> {
    await settle(this.targets.map((t) => t.closeIssue(fingerprint, comment)));
  }
  async reportDeployment(report: {
    environment: string;
    sha: string;
    state: DeploymentState;
    description: string;
  }): Promise<void> {
    await settle(this.targets.map((t) => t.reportDeployment(report)));
  }
}

async function settle(work: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(work);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}

/** The local forge of a registry repository on disk, as reporter and approval lookup. */
export function localForgeAdapters(repo: string): { forge: LocalForge; approvals: ApprovalLookup } {
  const forge = new LocalForge({ repo });
  return {
    forge,
    approvals: {
      async approvers(pullRequest: number) {
        const status = await localApprovalStatus(forge, pullRequest);
        return status.changeRequest.approvals.valid.map((v) => v.reviewer);
      },
    },
  };
}

/** One JSON line per event on stderr (the daemon's log). */
export function jsonLogger(write: (text: string) => void, clock: () => number = Date.now): ReconcileLogger {
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    write(`${JSON.stringify({ at: new Date(clock()).toISOString(), level, message, ...fields })}\n`);
  return { info: log("info"), warn: log("warn"), error: log("error") };
}

export function isGitUrl(repo: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[^/\s]+@[^/\s]+:/.test(repo);
}

/** Compiles decision policies to WASM with the pinned OPA, cached by content under `cacheDir`. */
export function decisionPolicyCompiler(cacheDir: string): DecisionPolicyCompiler {
  return async (name, sources) => {
    const entrypoint = `decisions/${name.replace(/-/g, "_")}/decision`;
    const bundle = await compilePolicyBundle({ sources, entrypoints: [entrypoint], cacheDir });
    return { name, wasm: bundle.wasm, entrypoint };
  };
}

/** Approvers from any forge: reviewers whose latest verdict on the change request is an approval. */
export function forgeApprovals(forge: Pick<Forge, "listReviews">): ApprovalLookup {
  return {
    async approvers(pullRequest: number) {
      const latest = new Map<string, string>();
      for await (const review of forge.listReviews(pullRequest)) {
        if (review.state !== "COMMENTED") latest.set(review.reviewer, review.state);
      }
      return [...latest]
        .filter(([, state]) => state === "APPROVED")
        .map(([reviewer]) => reviewer)
        .sort();
    },
  };
}
