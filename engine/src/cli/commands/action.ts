import { resolve } from "node:path";
import { runActionCheck } from "../../forge/github/index.js";
import { formatDecision, formatMarkdown, runCheck } from "../../gate/index.js";
import { parseCommandArgs, UsageError, type CliIo, type Command } from "../command.js";
import { checkChangeRequest, openForge } from "../pr-check.js";
import { gitRegistryLoader } from "./check.js";

const help = `Usage: modelgate action check [--repo DIR] [--no-publish] [--decision-file FILE]

The job of the GitHub Action actions/check: checks the pull request of the event that started the
workflow (GITHUB_EVENT_PATH) on GITHUB_REPOSITORY through GITHUB_API_URL with GITHUB_TOKEN, publishes
the check run with annotations and the summary comment, writes the summary to GITHUB_STEP_SUMMARY,
sets the outputs allowed and decision-file (GITHUB_OUTPUT), and exits 1 when the change is denied.

Options:
  --repo DIR            the checked-out registry repo (default: GITHUB_WORKSPACE, else the current folder)
  --no-publish          do not publish the check run and comment (the job result and summary only)
  --decision-file FILE  where the JSON decision goes (default: $RUNNER_TEMP/modelgate-decision.json)
  -h, --help            show this help
`;

export const actionCommand: Command = {
  name: "action",
  summary: "run inside GitHub Actions: 'modelgate action check' checks the triggering pull request",
  help,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, {
      repo: { type: "string" },
      "no-publish": { type: "boolean" },
      "decision-file": { type: "string" },
    });
    if (positionals[0] !== "check" || positionals.length !== 1) {
      throw new UsageError("the only action is 'check': modelgate action check");
    }
    const repoDir = resolve(io.cwd, values.repo ?? io.env.GITHUB_WORKSPACE ?? ".");
    const forge = await openForge({ repoDir, env: io.env, kind: "github" });
    return runActionCheck({
      env: io.env,
      log: (line) => io.stdout(`${line}\n`),
      ...(values["decision-file"] ? { decisionFile: resolve(io.cwd, values["decision-file"]) } : {}),
      check: async (pullRequest) => {
        const checked = await checkChangeRequest({
          forge,
          id: pullRequest,
          repoDir,
          now: new Date(),
          env: io.env,
          runCheck,
          loadRegistry: gitRegistryLoader,
          formatMarkdown,
          publish: !values["no-publish"],
        });
        return {
          allowed: checked.result.decision.allowed,
          summary: checked.summary,
          decisionJson: formatDecision(checked.result, "json"),
        };
      },
    });
  },
};
