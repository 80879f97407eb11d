import { resolve } from "node:path";
import { GitRevisionSource } from "../../daemon/git-revision-source.js";
import { LocalForge } from "../../forge/index.js";
import { buildDesiredEnvironment } from "../../reconcile/desired.js";
import { ReconcileError } from "../../reconcile/errors.js";
import { planRollback } from "../../reconcile/rollback.js";
import { formatDiagnostics, loadRegistry } from "../../registry/index.js";
import { ExitCode, parseCommandArgs, UsageError, type CliIo, type Command } from "../command.js";
import { environmentOptions, environmentTarget } from "../environment-args.js";

const help = `Usage: modelgate rollback --env ENV --model NAME [--repo DIR] [--now [--daemon URL]] [--format text|json]

Rolls a model back the GitOps way: finds the weights the model had before its current ones (the history
of environments/ENV.yaml on the main branch), writes one commit restoring them on a new branch
modelgate/rollback-<env>-<model>-<short sha> (the work tree is not touched) and proposes it as a change
request through the local forge. It deploys when it is reviewed and merged, like any change.

--now also applies it at once as an emergency: the running daemon (--daemon URL) serves the restored
weights immediately, reports the environment as drifted (Ready=False, reason EmergencyOverride) and does
not undo it until the main branch moves — merge the change request to make Git agree.

Options:
  --env ENV        the environment (required)
  --model NAME     the model to roll back (required)
  --repo DIR       the registry repo (default: the current folder)
  --branch B       the main branch (default main)
  --now            apply at once through a running daemon
  --daemon URL     the daemon for --now (default http://127.0.0.1:8080)
  --format FMT     text (default) or json
  -h, --help       show this help

Exit codes: 0 proposed (and applied with --now), 1 nothing to roll back or refused, 2 error.
`;

export const rollbackCommand: Command = {
  name: "rollback",
  summary: "propose (and with --now apply) a revert of a model's weights",
  help,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(
      argv,
      {
        ...environmentOptions,
        model: { type: "string" },
        now: { type: "boolean" },
        daemon: { type: "string" },
      },
      false,
    );
    const target = environmentTarget(values);
    if (!values.model) throw new UsageError("--model NAME is required");
    if (values.daemon && !values.now) throw new UsageError("--daemon is only used with --now");
    const { format, branch: main } = target;
    const repo = resolve(io.cwd, target.repo);

    let rollback;
    try {
      rollback = await planRollback({
        repo,
        environment: target.environment,
        model: values.model,
        branch: main,
        env: io.env,
      });
    } catch (error) {
      if (error instanceof ReconcileError) {
        io.stderr(`modelgate rollback: ${error.message}\n`);
        return ExitCode.findings;
      }
      throw error;
    }
    // The branch is written first and validated before it is proposed: a rollback that does not load
    // (e.g. a version removed from the registry since) is refused, not opened for review.
    const forge = new LocalForge({ repo, env: io.env });
    const spec = {
      base: main,
      baseSha: rollback.base,
      branch: rollback.branch,
      title: rollback.title,
      body: rollback.body,
      message: rollback.message,
      files: [{ path: rollback.path, content: rollback.content }],
      labels: ["rollback"],
      author: await configuredIdentity(forge),
    };
    const { commit } = await forge.createBranch(spec);
    const loaded = await loadRegistry(new GitRevisionSource({ repo }).snapshot(commit));
    if (!loaded.ok) {
      io.stderr(
        `the rollback commit ${commit.slice(0, 12)} does not validate:\n${formatDiagnostics(loaded.errors, "text")}`,
      );
      return ExitCode.findings;
    }
    const { changeRequest } = await forge.openChangeRequest(spec);

    let applied: unknown;
    if (values.now) {
      const desired = buildDesiredEnvironment(loaded.state, target.environment, commit);
      const model = desired.models[values.model];
      const daemon = values.daemon ?? "http://127.0.0.1:8080";
      const response = await fetch(new URL("/admin/hold", daemon), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(io.env.MODELGATE_ADMIN_TOKEN
            ? { authorization: `Bearer ${io.env.MODELGATE_ADMIN_TOKEN}` }
            : {}),
        },
        body: JSON.stringify({
          reason: `rollback of ${values.model} (change request #${changeRequest.number})`,
          models: { [values.model]: model },
        }),
      });
      applied = await response.json();
      if (!response.ok) {
        io.stderr(
          `the daemon refused the emergency rollback (HTTP ${response.status}): ${JSON.stringify(applied)}\n`,
        );
        return ExitCode.findings;
      }
    }

    const report = {
      branch: rollback.branch,
      commit,
      changeRequest: changeRequest.number,
      restoreFrom: rollback.restoreFrom,
      current: rollback.current.traffic,
      previous: rollback.previous.traffic,
      applied: applied ?? null,
    };
    if (format === "json") io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else {
      io.stdout(`proposed change request #${changeRequest.number}: ${rollback.title}\n`);
      io.stdout(
        `  branch ${rollback.branch} (${commit.slice(0, 12)}), restoring weights from ${rollback.restoreFrom.slice(0, 12)}\n`,
      );
      if (values.now)
        io.stdout(`  applied now as an emergency; shown as drift until #${changeRequest.number} merges\n`);
      else io.stdout(`  review and merge it to deploy: modelgate merge ${rollback.branch} --as <name>\n`);
    }
    return ExitCode.ok;
  },
};

/** The repository's git identity for the rollback commit, else modelgate's own. */
async function configuredIdentity(forge: LocalForge): Promise<{ name: string; email: string }> {
  const name = (await forge.configuredUser()) ?? "modelgate";
  const email = (await forge.configuredEmail()) ?? "modelgate@localhost";
  return { name, email };
}
