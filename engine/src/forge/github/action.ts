import { randomUUID } from "node:crypto";
import { appendFile, readFile, writeFile } from "node:fs/promises";

/** What a pull request check reports back to the action. */
export interface ActionCheckOutcome {
  allowed: boolean;
  /** Markdown for the job summary. */
  summary: string;
  /** The decision as JSON (written to the decision file). */
  decisionJson: string;
}

export interface ActionCheckOptions {
  env: NodeJS.ProcessEnv;
  /** Runs the check for a pull request number (the composition root injects the gate). */
  check: (pullRequest: number) => Promise<ActionCheckOutcome>;
  /** Where the decision file goes (default `$RUNNER_TEMP/modelgate-decision.json`). */
  decisionFile?: string;
  log: (line: string) => void;
}

/** The pull request number of the event that started the workflow. */
export async function pullRequestFromEvent(env: NodeJS.ProcessEnv): Promise<number> {
  const eventPath = env.GITHUB_EVENT_PATH;
  if (!eventPath) throw new Error("GITHUB_EVENT_PATH is not set: run this inside GitHub Actions");
  const event = JSON.parse(await readFile(eventPath, "utf8")) as {
    pull_request?: { number?: number };
    number?: number;
    issue?: { number?: number; pull_request?: unknown };
  };
  const number =
    event.pull_request?.number ??
    (event.issue?.pull_request ? event.issue.number : undefined) ??
    event.number;
  if (typeof number !== "number") {
    throw new Error(
      `the ${env.GITHUB_EVENT_NAME ?? "triggering"} event has no pull request; run the check on pull_request and pull_request_review events`,
    );
  }
  return number;
}

/** Appends `name=value` to $GITHUB_OUTPUT (heredoc form, so values may span lines). */
export async function setOutputs(file: string | undefined, outputs: Record<string, string>): Promise<void> {
  if (!file) return;
  let text = "";
  for (const [name, value] of Object.entries(outputs)) {
    const delimiter = `modelgate_${randomUUID()}`;
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  await appendFile(file, text);
}

/**
 * The GitHub Action's job: checks the pull request that triggered the workflow, writes the summary to
 * $GITHUB_STEP_SUMMARY, sets the outputs `allowed` and `decision-file` through $GITHUB_OUTPUT, and
 * returns 1 (failing the job) when the change is denied.
 */
export async function runActionCheck(options: ActionCheckOptions): Promise<number> {
  const { env } = options;
  const pullRequest = await pullRequestFromEvent(env);
  options.log(`modelgate: checking ${env.GITHUB_REPOSITORY ?? "?"}#${pullRequest}`);
  const outcome = await options.check(pullRequest);
  const decisionFile = options.decisionFile ?? `${env.RUNNER_TEMP ?? "."}/modelgate-decision.json`;
  await writeFile(decisionFile, outcome.decisionJson);
  if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, `${outcome.summary}\n`);
  await setOutputs(env.GITHUB_OUTPUT, { allowed: String(outcome.allowed), "decision-file": decisionFile });
  if (!outcome.allowed) {
    options.log(
      `::error title=modelgate::the change is denied; see the job summary and the modelgate check run`,
    );
    return 1;
  }
  options.log("modelgate: allowed");
  return 0;
}
