/**
 * Rollback the GitOps way: find the weights a model had before its current ones (from the main branch's
 * history of the environment file), and plan the commit that restores them on a new branch. Writing the
 * branch and opening the change request is the forge's job (`Forge.openChangeRequest`, or
 * `LocalForge.createBranch` when the commit is validated first); the change goes through review like any
 * other, and `--now` additionally applies it at once as an emergency hold.
 */
import { execFile } from "node:child_process";
import { isMap, parse, parseDocument } from "yaml";
import type { ModelDeployment } from "../registry/types.js";
import { ReconcileError } from "./errors.js";

export interface RollbackTarget {
  environment: string;
  model: string;
  /** The main branch tip the rollback starts from (the new commit's parent). */
  base: string;
  /** The commit whose weights are restored (the last one before the current weights). */
  restoreFrom: string;
  current: ModelDeployment;
  previous: ModelDeployment;
}

/** The rollback commit, planned: which file gets which content, on which branch, with which words. */
export interface RollbackPlan extends RollbackTarget {
  branch: string;
  /** `environments/<env>.yaml` */
  path: string;
  /** The environment file with the previous weights (comments and layout kept). */
  content: string;
  title: string;
  body: string;
  /** Commit message, with a `Modelgate-rollback: <env>/<model>` trailer. */
  message: string;
}

export interface RollbackOptions {
  /** A repository with the main branch's history: a work tree, a bare repository or the daemon's mirror. */
  repo: string;
  environment: string;
  model: string;
  branch?: string;
  env?: NodeJS.ProcessEnv;
}

/** Plans the rollback commit from the main branch's history; reads git, writes nothing. */
export async function planRollback(options: RollbackOptions): Promise<RollbackPlan> {
  const git = gitRunner(options.repo, options.env);
  const main = options.branch ?? "main";
  const path = `environments/${options.environment}.yaml`;
  const base = (await git(["rev-parse", "--verify", `refs/heads/${main}^{commit}`])).trim();
  const currentText = await git(["show", `${base}:${path}`]).catch(() => {
    throw new ReconcileError("stalled", "EnvironmentNotFound", `${path} does not exist on ${main}`);
  });
  const current = deploymentOf(currentText, options.model);
  if (!current)
    throw new ReconcileError(
      "stalled",
      "ModelNotDeployed",
      `${options.model} is not deployed in ${options.environment} on ${main}`,
    );

  const commits = (await git(["log", "--format=%H", "--first-parent", base, "--", path]))
    .split("\n")
    .filter(Boolean);
  let restoreFrom: string | undefined;
  let previous: ModelDeployment | undefined;
  for (const sha of commits) {
    const text = await git(["show", `${sha}:${path}`]).catch(() => undefined);
    const deployment = text === undefined ? undefined : deploymentOf(text, options.model);
    if (deployment && !sameWeights(deployment, current)) {
      restoreFrom = sha;
      previous = deployment;
      break;
    }
  }
  if (!restoreFrom || !previous) {
    throw new ReconcileError(
      "stalled",
      "NoPreviousWeights",
      `the history of ${path} on ${main} has no earlier weights for ${options.model}`,
    );
  }

  const document = parseDocument(currentText);
  // One `{ version, weight }` mapping per line, the way environment files are written.
  const traffic = document.createNode(previous.traffic);
  for (const item of traffic.items) if (isMap(item)) item.flow = true;
  document.setIn(["models", options.model, "traffic"], traffic);
  if (previous.shadow) {
    const shadow = document.createNode(previous.shadow);
    shadow.flow = true;
    document.setIn(["models", options.model, "shadow"], shadow);
  } else document.deleteIn(["models", options.model, "shadow"]);
  const content = document.toString();

  const short = base.slice(0, 7);
  const describe = (d: ModelDeployment): string =>
    d.traffic.map((t) => `${t.version}=${t.weight}`).join(", ") +
    (d.shadow ? ` (shadow ${d.shadow.version} ${d.shadow.percent}%)` : "");
  const title = `Roll back ${options.model} in ${options.environment} to ${describe(previous)}`;
  const body = [
    `Restores the weights of **${options.model}** in **${options.environment}** from commit \`${restoreFrom.slice(0, 12)}\`.`,
    "",
    `- now (\`${short}\`): ${describe(current)}`,
    `- after this change: ${describe(previous)}`,
    "",
    "Opened by `modelgate rollback`.",
  ].join("\n");
  return {
    environment: options.environment,
    model: options.model,
    base,
    restoreFrom,
    current,
    previous,
    branch: `modelgate/rollback-${options.environment}-${options.model}-${short}`,
    path,
    content,
    title,
    body,
    message: `${title}\n\n${body}\n\nModelgate-rollback: ${options.environment}/${options.model}\n`,
  };
}

function deploymentOf(text: string, model: string): ModelDeployment | undefined {
  try {
    const parsed = parse(text) as { models?: Record<string, ModelDeployment> } | null;
    return parsed?.models?.[model];
  } catch {
    return undefined;
  }
}

function sameWeights(a: ModelDeployment, b: ModelDeployment): boolean {
  const norm = (d: ModelDeployment): string =>
    JSON.stringify({
      traffic: [...d.traffic].map((t) => [t.version, t.weight, t.role ?? "stable"]).sort(),
      shadow: d.shadow ? [d.shadow.version, d.shadow.percent] : null,
    });
  return norm(a) === norm(b);
}

type GitRun = (args: string[], input?: string, env?: Record<string, string>) => Promise<string>;

function gitRunner(repo: string, baseEnv: NodeJS.ProcessEnv | undefined): GitRun {
  return (args, input, env) =>
    new Promise((resolve, reject) => {
      const child = execFile(
        "git",
        ["-C", repo, ...args],
        { env: { ...process.env, ...baseEnv, ...env }, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => (error ? reject(Object.assign(error, { stderr })) : resolve(stdout)),
      );
      if (input !== undefined) child.stdin?.end(input);
    });
}
