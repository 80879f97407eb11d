import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { isMap, isSeq, parseDocument, type YAMLMap } from "yaml";
import type { ChangeRequestSpec, Forge } from "../../forge/index.js";
import { planRollback } from "../../reconcile/rollback.js";
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
  /**
   * A repository with the main branch's history to read from: the registry itself, or under `modelgate
   * run` the daemon's mirror (`<state>/repo.git`), so a registry given as a git URL works too. Nothing is
   * written here; the forge writes the branch.
   */
  repo: string;
  /** The main branch (default "main"). */
  branch?: string;
  /** Where the branch is written and the change request opened (the Forge port). */
  forge: Pick<Forge, "openChangeRequest">;
  env?: NodeJS.ProcessEnv;
}

/** Who the revert commits are by. */
const MONITOR_AUTHOR = { name: "modelgate", email: "modelgate@localhost" };

/**
 * Proposes the revert of a canary as a change request. First the reconciler's rollback (`planRollback`:
 * the weights the model had before its current ones, from the history of `environments/<env>.yaml`) when
 * those weights do not route to the canary; otherwise (no earlier weights, or they had the canary too) a
 * commit on `modelgate/abort-<env>-<model>-<version>` that removes the canary and gives its weight to the
 * stable version. The content is computed here from the main branch's tip (comments and layout of the YAML
 * file kept); `forge.openChangeRequest` writes it as one commit on that tip and opens the change request
 * — on the local forge with git plumbing, on GitHub with the Git Data API — reusing the branch and the
 * open change request when an earlier attempt got that far.
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
    const rollback = await planRollback({
      repo: this.options.repo,
      environment: input.environment,
      model: input.model,
      branch: base,
      ...(this.options.env ? { env: this.options.env } : {}),
    }).catch(() => undefined);
    if (rollback && !rollback.previous.traffic.some((t) => t.version === input.version && t.weight > 0)) {
      return this.open({
        base,
        baseSha: rollback.base,
        branch: rollback.branch,
        title: `Abort canary ${input.model} ${input.version} in ${input.environment}: ${rollback.title}`,
        body: `The monitor took the canary out of traffic:\n\n> ${input.reason}\n\n${rollback.body}`,
        message: rollback.message,
        files: [{ path, content: rollback.content }],
        labels: ["modelgate", "rollback"],
        author: MONITOR_AUTHOR,
      });
    }
    const head = await this.git(["rev-parse", "--verify", `refs/heads/${base}^{commit}`]);
    const text = await this.git(["show", `${head}:${path}`], false);
    const updated = removeCanary(text, input.model, input.version);
    if (updated === undefined) return undefined;
    return this.open({
      base,
      baseSha: head,
      branch: `modelgate/abort-${input.environment}-${input.model}-${input.version}`,
      title: `Abort canary ${input.model} ${input.version} in ${input.environment}`,
      body: [
        `The monitor took the canary **${input.model} ${input.version}** out of traffic in \`${input.environment}\`:`,
        "",
        `> ${input.reason}`,
        "",
        `This change removes it from \`${path}\` so that Git says what serves. Merge to make it permanent.`,
      ].join("\n"),
      message: `Abort canary ${input.model} ${input.version} in ${input.environment}\n\n${input.reason}\n`,
      files: [{ path, content: updated }],
      labels: ["modelgate", "rollback"],
      author: MONITOR_AUTHOR,
    });
  }

  private async open(spec: ChangeRequestSpec): Promise<{ number: number; url?: string }> {
    const { changeRequest } = await this.options.forge.openChangeRequest(spec);
    return changeRequest.url === undefined
      ? { number: changeRequest.number }
      : { number: changeRequest.number, url: changeRequest.url };
  }

  private async git(args: string[], trim = true): Promise<string> {
    const { stdout } = await run("git", ["-C", this.options.repo, ...args], {
      env: { ...(this.options.env ?? process.env), GIT_TERMINAL_PROMPT: "0" },
      maxBuffer: 16 * 1024 * 1024,
    });
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
