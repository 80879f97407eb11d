import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { isMap, isSeq, parseDocument, type YAMLMap } from "yaml";
import type { PullRequestSpec } from "../../forge/index.js";
import { createRollbackBranch } from "../../reconcile/rollback.js";
import type { CanaryActuator, RevertProposer } from "./monitor-runtime.js";

const run = promisify(execFile);

/**
 * Aborts a canary in the serving layer itself: its weight goes to 0 in the live routing table. Outside
 * Git, so the reconciler sees it as drift (with self-heal on, the next pass puts Git's weights back:
 * under the daemon use the reconciler's emergency hold instead, see `daemon/`).
 */
export function servingCanaryActuator(serving: {
  setTrafficWeights(model: string, weights: Record<string, number>): void;
}): CanaryActuator {
  return {
    abortCanary({ model, version }) {
      serving.setTrafficWeights(model, { [version]: 0 });
      return Promise.resolve();
    },
  };
}

export interface GitRevertProposerOptions {
  /** The registry repository (work tree or bare) on this machine. */
  repo: string;
  /** The main branch (default "main"). */
  branch?: string;
  /** Where the change request is opened (the Forge port's `openPullRequest`). */
  forge: { openPullRequest(spec: PullRequestSpec): Promise<{ number: number; url?: string }> };
  env?: NodeJS.ProcessEnv;
}

/**
 * Proposes the revert of a canary as a change request. First the reconciler's rollback
 * (`createRollbackBranch`: the weights the model had before its current ones, from the history of
 * `environments/<env>.yaml`) when those weights do not route to the canary; otherwise (no earlier weights,
 * or they had the canary too) a commit on `modelgate/abort-<env>-<model>-<version>` that removes the canary
 * and gives its weight to the stable version. Both are written with git plumbing (no work tree is
 * touched), then opened with `forge.openPullRequest`. Comments and layout of the YAML file are kept.
 */
export class GitRevertProposer implements RevertProposer {
  constructor(private readonly options: GitRevertProposerOptions) {}

  async proposeRevert(input: {
    environment: string;
    model: string;
    version: string;
    reason: string;
  }): Promise<{ number: number; url?: string } | undefined> {
    const base = this.options.branch ?? "main";
    const path = `environments/${input.environment}.yaml`;
    const rollback = await createRollbackBranch({
      repo: this.options.repo,
      environment: input.environment,
      model: input.model,
      branch: base,
      author: { name: "modelgate", email: "modelgate@localhost" },
      ...(this.options.env ? { env: this.options.env } : {}),
    }).catch(() => undefined);
    if (rollback && !rollback.previous.traffic.some((t) => t.version === input.version && t.weight > 0)) {
      return this.options.forge.openPullRequest({
        base,
        head: rollback.branch,
        title: `Abort canary ${input.model} ${input.version} in ${input.environment}: ${rollback.title}`,
        body: `The monitor took the canary out of traffic:\n\n> ${input.reason}\n\n${rollback.body}`,
      });
    }
    const head = await this.git(["rev-parse", "--verify", `refs/heads/${base}^{commit}`]);
    const text = await this.git(["show", `${head}:${path}`], false);
    const updated = removeCanary(text, input.model, input.version);
    if (updated === undefined) return undefined;
    const blob = await this.git(["hash-object", "-w", "--stdin"], true, updated);
    const scratch = await mkdtemp(join(tmpdir(), "modelgate-revert-"));
    try {
      const index = { GIT_INDEX_FILE: join(scratch, "index") };
      await this.git(["read-tree", head], true, undefined, index);
      await this.git(["update-index", "--cacheinfo", `100644,${blob},${path}`], true, undefined, index);
      const tree = await this.git(["write-tree"], true, undefined, index);
      const message = `Abort canary ${input.model} ${input.version} in ${input.environment}\n\n${input.reason}\n`;
      const commit = await this.git(["commit-tree", tree, "-p", head, "-m", message]);
      const branch = `modelgate/abort-${input.environment}-${input.model}-${input.version}`;
      await this.git(["update-ref", `refs/heads/${branch}`, commit]);
      return await this.options.forge.openPullRequest({
        base,
        head: branch,
        title: `Abort canary ${input.model} ${input.version} in ${input.environment}`,
        body: [
          `The monitor took the canary **${input.model} ${input.version}** out of traffic in \`${input.environment}\`:`,
          "",
          `> ${input.reason}`,
          "",
          `This change removes it from \`${path}\` so that Git says what serves. Merge to make it permanent.`,
        ].join("\n"),
      });
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  private async git(
    args: string[],
    trim = true,
    stdin?: string,
    extraEnv: Record<string, string> = {},
  ): Promise<string> {
    const child = run("git", args, {
      cwd: this.options.repo,
      env: {
        ...(this.options.env ?? process.env),
        GIT_AUTHOR_NAME: "modelgate",
        GIT_AUTHOR_EMAIL: "modelgate@localhost",
        GIT_COMMITTER_NAME: "modelgate",
        GIT_COMMITTER_EMAIL: "modelgate@localhost",
        ...extraEnv,
      },
      maxBuffer: 16 * 1024 * 1024,
    });
    if (stdin !== undefined) {
      child.child.stdin?.end(stdin);
    }
    const { stdout } = await child;
    return trim ? stdout.trim() : stdout;
  }
}

/**
 * `environments/<env>.yaml` without the canary `version` of `model`, its weight added to the heaviest
 * remaining entry (whose role becomes stable). Undefined when the file has no such canary.
 */
export function removeCanary(text: string, model: string, version: string): string | undefined {
  const doc = parseDocument(text);
  const traffic = doc.getIn(["models", model, "traffic"]);
  if (!isSeq(traffic)) return undefined;
  const items = traffic.items.filter(isMap) as YAMLMap[];
  const target = items.find((i) => String(i.get("version")) === version);
  if (!target) return undefined;
  const rest = items.filter((i) => i !== target);
  if (rest.length === 0) return undefined;
  const weight = Number(target.get("weight") ?? 0);
  const heaviest = rest.reduce((a, b) =>
    Number(b.get("weight") ?? 0) > Number(a.get("weight") ?? 0) ? b : a,
  );
  heaviest.set("weight", Number(heaviest.get("weight") ?? 0) + weight);
  if (heaviest.has("role")) heaviest.set("role", "stable");
  traffic.items.splice(traffic.items.indexOf(target), 1);
  return doc.toString();
}
