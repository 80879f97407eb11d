import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ArtifactCache } from "../../artifacts/index.js";
import { decisionPolicyCompiler } from "../../daemon/compose.js";
import { GitRevisionSource } from "../../daemon/git-revision-source.js";
import { JsonLinesReporter } from "../../reconcile/json-lines-reporter.js";
import { describeStep } from "../../reconcile/plan.js";
import { Reconciler, type ReconcileResult } from "../../reconcile/reconciler.js";
import { OnnxServingRuntimeAdapter } from "../../reconcile/serving-runtime-adapter.js";
import { EnvironmentStore } from "../../reconcile/store.js";
import { loadRegistry } from "../../registry/index.js";
import { OnnxRuntimeServing } from "../../serving/index.js";
import { ExitCode, parseCommandArgs, type CliIo, type Command } from "../command.js";
import {
  assertDaemonOrState,
  daemonOrStateOptions,
  environmentOptions,
  environmentTarget,
} from "../environment-args.js";

const help = `Usage: modelgate apply --env ENV [--repo DIR] [--daemon URL | --state DIR] [--format text|json]

Runs one reconcile pass of the main branch for an environment.

With --daemon URL, asks a running 'modelgate run' to reconcile now (POST /admin/reconcile) and prints the
result: this is how to apply at once instead of waiting for the next poll or webhook.

Without it, applies in-process and exits: every artifact is fetched into the content-addressed cache and
its sha256 verified, every version is loaded into ONNX Runtime, checked against its contract and warmed
up, and traffic is switched — then the process exits, so nothing keeps serving. Use it to prove that a
commit deploys cleanly (CI, a pre-flight before a release); with --state DIR the applied commit, status,
history and reports are recorded there (default: a temporary folder, removed afterwards).

Options:
  --env ENV        the environment (required)
  --repo DIR       the registry repo (default: the current folder)
  --branch B       the desired-state branch (default main)
  --daemon URL     reconcile a running daemon now
  --state DIR      state folder for an in-process apply
  --format FMT     text (default) or json
  -h, --help       show this help

Exit codes: 0 applied (or nothing to do), 1 refused (invalid registry, checksum, contract, ...), 2 error.
`;

export const applyCommand: Command = {
  name: "apply",
  summary: "reconcile an environment once (in-process, or a running daemon now)",
  help,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(argv, { ...environmentOptions, ...daemonOrStateOptions }, false);
    const { environment, repo, branch, format } = environmentTarget(values);
    assertDaemonOrState(values);
    let result: Pick<ReconcileResult, "outcome" | "revision" | "steps" | "durationMs"> & {
      failure?: { kind: string; reason: string; message: string } | null;
    };
    if (values.daemon) {
      const response = await fetch(new URL("/admin/reconcile", values.daemon), {
        method: "POST",
        headers: io.env.MODELGATE_ADMIN_TOKEN
          ? { authorization: `Bearer ${io.env.MODELGATE_ADMIN_TOKEN}` }
          : {},
      });
      if (response.status !== 200 && response.status !== 409) {
        throw new Error(`${values.daemon}/admin/reconcile answered HTTP ${response.status}`);
      }
      result = (await response.json()) as typeof result;
    } else {
      const stateDir = values.state
        ? resolve(io.cwd, values.state)
        : await mkdtemp(join(tmpdir(), "modelgate-apply-"));
      const serving = new OnnxRuntimeServing({ workers: 1 });
      try {
        const reconciler = new Reconciler({
          environment,
          source: new GitRevisionSource({
            repo: resolve(io.cwd, repo),
            branch,
          }),
          loadRegistry,
          runtime: new OnnxServingRuntimeAdapter(serving, {
            compileDecisionPolicy: decisionPolicyCompiler(join(stateDir, "policies")),
          }),
          cache: new ArtifactCache({ dir: join(stateDir, "cache") }),
          store: new EnvironmentStore(stateDir, environment),
          ...(values.state ? { deployments: new JsonLinesReporter(join(stateDir, "reports.jsonl")) } : {}),
        });
        // A state folder remembers what it applied; the in-process runtime starts empty, so apply the head again.
        result = await reconciler.reconcile();
      } finally {
        await serving.close();
        if (!values.state) await rm(stateDir, { recursive: true, force: true });
      }
    }
    if (format === "json") io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else {
      const rev = result.revision ? result.revision.slice(0, 12) : "(none)";
      io.stdout(
        `${environment} at ${rev}: ${result.outcome}${result.failure ? ` — ${result.failure.reason}: ${result.failure.message}` : ""}\n`,
      );
      for (const step of result.steps) io.stdout(`  - ${describeStep(step)}\n`);
    }
    return result.outcome === "failed" || result.outcome === "waiting" ? ExitCode.findings : ExitCode.ok;
  },
};
