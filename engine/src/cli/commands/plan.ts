import { resolve } from "node:path";
import { actualFromDesired, desiredAtHead } from "../../daemon/compose.js";
import { computePlan, formatPlan } from "../../reconcile/plan.js";
import type { ActualState } from "../../reconcile/ports.js";
import { EnvironmentStore } from "../../reconcile/store.js";
import { formatDiagnostics } from "../../registry/index.js";
import { ExitCode, parseCommandArgs, type CliIo, type Command } from "../command.js";
import {
  assertDaemonOrState,
  daemonOrStateOptions,
  environmentOptions,
  environmentTarget,
} from "../environment-args.js";

const help = `Usage: modelgate plan --env ENV [--repo DIR] [--daemon URL | --state DIR] [--branch B] [--format text|json]

Shows what applying the main branch would do to an environment: the steps between desired state (the
environment file at the main branch's tip, with its versions' artifacts and contracts) and actual state,
in the order the engine runs them — load new versions (fetch → verify sha256 → load → check contract →
warm), shift traffic and shadows atomically, unload what is no longer referenced after draining.

Actual state comes from a running daemon (--daemon URL, its GET /status), else from a state folder (the
commit last applied there, --state DIR), else it is empty (a fresh engine).

Options:
  --env ENV        the environment (required)
  --repo DIR       the registry repo (default: the current folder); read with git plumbing only
  --branch B       the desired-state branch (default main)
  --daemon URL     plan against what a running 'modelgate run' serves
  --state DIR      plan against the last commit applied with this state folder
  --format FMT     text (default) or json
  -h, --help       show this help

Exit codes: 0 nothing to do, 1 steps to apply or an invalid registry, 2 error.
`;

export const planCommand: Command = {
  name: "plan",
  summary: "show the steps that would bring an environment to the main branch",
  help,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(argv, { ...environmentOptions, ...daemonOrStateOptions }, false);
    const { environment, repo, branch, format } = environmentTarget(values);
    assertDaemonOrState(values);
    const head = await desiredAtHead(resolve(io.cwd, repo), environment, branch);
    if (!head.ok) {
      io.stderr(`${head.message}\n`);
      if (head.errors.length > 0) io.stderr(formatDiagnostics(head.errors, "text"));
      return ExitCode.findings;
    }
    let actual: ActualState = { models: {} };
    let against = "an empty engine";
    if (values.daemon) {
      const response = await fetch(new URL("/status", values.daemon));
      if (!response.ok) throw new Error(`${values.daemon}/status answered HTTP ${response.status}`);
      actual = ((await response.json()) as { actual: ActualState }).actual;
      against = `what ${values.daemon} serves`;
    } else if (values.state) {
      const record = await new EnvironmentStore(resolve(io.cwd, values.state), environment).readRecord();
      actual = actualFromDesired(record.applied?.desired);
      against = record.applied ? `commit ${record.applied.revision.slice(0, 12)} (last applied)` : against;
    }
    const plan = computePlan(head.desired, actual);
    if (format === "json") io.stdout(`${JSON.stringify({ ...plan, against }, null, 2)}\n`);
    else io.stdout(`${formatPlan(plan)}(against ${against})\n`);
    return plan.steps.length === 0 ? ExitCode.ok : ExitCode.findings;
  },
};
