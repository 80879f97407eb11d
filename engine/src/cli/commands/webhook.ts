import { resolve } from "node:path";
import { formatMarkdown, runCheck } from "../../gate/index.js";
import { createWebhookReceiver, type WebhookEvent } from "../../webhook/index.js";
import { parseCommandArgs, UsageError, type CliIo, type Command } from "../command.js";
import { checkChangeRequest, openForge } from "../pr-check.js";
import { gitRegistryLoader } from "./check.js";

const help = `Usage: modelgate webhook --port P [--host H] [--secret-env VAR] [--repo DIR]

Receives GitHub webhook deliveries and re-runs the check of the pull request they concern (published as
a check run with annotations and the one summary comment). Deliveries must be signed with the webhook
secret (X-Hub-Signature-256; unsigned or badly signed ones get 401); each X-GitHub-Delivery is handled at
most once. Re-checks on pull_request (opened, synchronize, reopened, labeled, unlabeled, edited) and
pull_request_review (submitted, dismissed, edited). The registry repo at --repo must be a clone of the
GitHub repository (commits it lacks are fetched from origin). GitHub credentials as for
'modelgate check --pr' (GITHUB_TOKEN, or a GitHub App; see docs/github.md).

Options:
  --port P          the port to listen on (0 = any free port)
  --host H          the address to listen on (default 127.0.0.1; put a TLS proxy in front)
  --secret-env VAR  the environment variable holding the webhook secret (default MODELGATE_WEBHOOK_SECRET)
  --repo DIR        the registry clone (default: the current folder)
  -h, --help        show this help
`;

/** The webhook's handler: check the delivery's pull request on GitHub and publish the result. */
export function createPullRequestCheckHandler(options: {
  repoDir: string;
  env: NodeJS.ProcessEnv;
  log: { info(message: string): void };
  now?: () => Date;
}): (event: WebhookEvent) => Promise<void> {
  return async (event) => {
    const env = { ...options.env, GITHUB_REPOSITORY: options.env.GITHUB_REPOSITORY || event.repository };
    const forge = await openForge({ repoDir: options.repoDir, env, kind: "github" });
    const checked = await checkChangeRequest({
      forge,
      id: event.pullRequest,
      repoDir: options.repoDir,
      now: options.now?.() ?? new Date(),
      env,
      runCheck,
      loadRegistry: gitRegistryLoader,
      formatMarkdown,
      publish: true,
    });
    options.log.info(
      `${event.repository}#${event.pullRequest}: ${checked.result.decision.allowed ? "allowed" : "denied"} (delivery ${event.deliveryId})`,
    );
  };
}

export const webhookCommand: Command = {
  name: "webhook",
  summary: "receive GitHub webhooks and re-run the check of the pull request they concern",
  help,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, {
      port: { type: "string" },
      host: { type: "string" },
      "secret-env": { type: "string" },
      repo: { type: "string" },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    if (values.port === undefined || !/^\d+$/.test(values.port))
      throw new UsageError("--port P is required (a number)");
    const secretVar = values["secret-env"] ?? "MODELGATE_WEBHOOK_SECRET";
    const secret = io.env[secretVar];
    if (!secret)
      throw new UsageError(
        `the webhook secret is missing: set ${secretVar} (or name another variable with --secret-env)`,
      );
    const repoDir = resolve(io.cwd, values.repo ?? ".");
    const log = {
      info: (m: string) => io.stdout(`${new Date().toISOString()} ${m}\n`),
      error: (m: string) => io.stderr(`${new Date().toISOString()} ${m}\n`),
    };
    const handler = createPullRequestCheckHandler({ repoDir, env: io.env, log });
    const receiver = createWebhookReceiver({ secret, handler, log });
    const address = await receiver.listen(Number(values.port), values.host ?? "127.0.0.1");
    log.info(`modelgate webhook listening on http://${address.address}:${address.port}/`);
    await new Promise<void>((done) => {
      const stop = (): void => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        done();
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    await receiver.close();
    await receiver.idle();
    return 0;
  },
};
