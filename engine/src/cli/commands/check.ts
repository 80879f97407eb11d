import { resolve } from "node:path";
import {
  DECISION_FORMATS,
  formatDecision,
  formatMarkdown,
  readApprovalsFile,
  runCheck,
  type ApprovalRecord,
  type RegistryLoader,
} from "../../gate/index.js";
import { loadRegistry, openGitSource, type RegistrySource } from "../../registry/index.js";
import { ExitCode, parseCommandArgs, pickFormat, UsageError, type CliIo, type Command } from "../command.js";

const help = `Usage: modelgate check --base REV --head REV [--repo DIR] [--format text|json|sarif|junit|markdown]
                       [--approvals FILE] [--author USER] [--labels a,b] [--pr N] [--title T] [--branch B]
                       [--budgets FILE] [--now RFC3339] [--max-file-bytes N] [--full-state]
       modelgate check --pr N|BRANCH [--forge local|github] [--publish] [--repo DIR] [--format ...]

Checks a change to a registry repo: computes the semantic change set between two revisions (version
bumps, contract compatibility, traffic, metric deltas), assembles the policy input and evaluates the
built-in policies plus the repo's own policies/*.rego, compiled to WebAssembly.

Options:
  --base REV        the target branch's commit (must be an ancestor of --head)
  --head REV        the change's commit
  --repo DIR        the registry repo (default: the current folder)
  --format FMT      text (default), json (decision), sarif (2.1.0), junit (XML), markdown (PR summary)
  --approvals FILE  reviews as JSON: [{"reviewer", "state": "APPROVED", "teams": [], "commit": "<sha>"}]
  --author USER     the change's author (default: the head commit's author name)
  --labels a,b      the change's labels (e.g. emergency)
  --pr N            the pull request number; --title and --branch describe it further.
                    Without --base/--head: check that change request as its forge has it (a GitHub PR
                    number, or a local change request's number or branch): base, head, author, labels
                    and validated approvals (docs/approvals.md) come from the forge
  --forge KIND      local or github (default: github in GitHub Actions, else modelgate.yaml forge.type)
  --publish         with --pr: publish a check run with annotations and the one summary comment
                    (updated in place on re-runs)
  --budgets FILE    error-budget snapshot (default: <repo>/.modelgate/budgets.json when present)
  --now RFC3339     the clock (default: now); for reproducible runs
  --max-file-bytes N  refuse registry files bigger than N bytes (default 1 MiB)
  --full-state      put every model into the policy input's state (default: the touched models)
  -h, --help        show this help

Exit codes: 0 allowed, 1 denied, 2 error (no decision: bad revision, base not an ancestor of head,
policy compile or evaluation error). An invalid registry at head is a denial (schema-validity).

Examples:
  modelgate check --base origin/main --head HEAD
  modelgate check --base main --head feature --format markdown --approvals reviews.json --author alice
`;

/**
 * Only the files `include` accepts (the gate loads just what it compares from the base revision).
 * A proxy, so whatever else the source offers (batch reads) still reaches the loader.
 */
function filtered(source: RegistrySource, include: ((path: string) => boolean) | undefined): RegistrySource {
  if (!include) return source;
  return new Proxy(source, {
    get(target, property) {
      if (property === "listFiles") return async () => (await target.listFiles()).filter(include);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Loads a registry at a commit through the registry module; the per-file limit defaults to 1 MiB. */
function gitLoader(maxFileBytes?: number): RegistryLoader {
  const limits = maxFileBytes !== undefined ? { maxFileBytes } : {};
  const load = async (
    repoDir: string,
    commit: string,
    options: { include?: (path: string) => boolean } = {},
  ) => loadRegistry(filtered(await openGitSource(repoDir, commit, limits), options.include), limits);
  // The source itself lets the gate load the head scoped to the change.
  return Object.assign(load, {
    // runCheck passes the commits it resolved and verified: no second `git rev-parse` per source.
    openSource: (repoDir: string, commit: string, paths?: readonly string[]) =>
      openGitSource(repoDir, commit, { ...limits, ...(paths ? { paths } : {}), resolvedCommit: true }),
    ...limits,
  });
}

export const gitRegistryLoader: RegistryLoader = gitLoader();

export const checkCommand: Command = {
  name: "check",
  summary: "evaluate the policies on a change (base..head) and print the decision",
  help,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        base: { type: "string" },
        head: { type: "string" },
        repo: { type: "string" },
        format: { type: "string" },
        approvals: { type: "string" },
        author: { type: "string" },
        labels: { type: "string" },
        pr: { type: "string" },
        title: { type: "string" },
        branch: { type: "string" },
        budgets: { type: "string" },
        now: { type: "string" },
        forge: { type: "string" },
        publish: { type: "boolean" },
        "max-file-bytes": { type: "string" },
        "full-state": { type: "boolean" },
      },
      false,
    );
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const fromForge = values.pr !== undefined && values.base === undefined && values.head === undefined;
    if (values.publish && !fromForge) throw new UsageError("--publish needs --pr without --base/--head");
    if (!fromForge && (values.base === undefined || values.head === undefined))
      throw new UsageError("--base and --head are required");
    const format = pickFormat(values.format, DECISION_FORMATS, "text");
    let now = new Date();
    if (values.now !== undefined) {
      now = new Date(values.now);
      if (Number.isNaN(now.getTime()))
        throw new UsageError(`--now must be an RFC 3339 time (got ${values.now})`);
    }
    if (fromForge && values.pr !== undefined) return checkFromForge(values, values.pr, format, now, io);
    if (values.base === undefined || values.head === undefined)
      throw new UsageError("--base and --head are required");
    let loader = gitRegistryLoader;
    if (values["max-file-bytes"] !== undefined) {
      const limit = Number(values["max-file-bytes"]);
      if (!Number.isInteger(limit) || limit <= 0)
        throw new UsageError("--max-file-bytes must be a positive integer");
      loader = gitLoader(limit);
    }
    const approvals: ApprovalRecord[] =
      values.approvals !== undefined ? await readApprovalsFile(resolve(io.cwd, values.approvals)) : [];
    const labels = (values.labels ?? "")
      .split(",")
      .map((l) => l.trim())
      .filter((l) => l !== "");
    const pr: { number?: number | string; title?: string; branch?: string } = {};
    if (values.pr !== undefined) pr.number = /^\d+$/.test(values.pr) ? Number(values.pr) : values.pr;
    if (values.title !== undefined) pr.title = values.title;
    if (values.branch !== undefined) pr.branch = values.branch;

    const result = await runCheck({
      repoDir: resolve(io.cwd, values.repo ?? "."),
      base: values.base,
      head: values.head,
      loadRegistry: loader,
      fullState: values["full-state"] === true,
      now,
      env: io.env,
      approvals,
      labels,
      pr,
      ...(values.author !== undefined ? { author: values.author.replace(/^@/, "") } : {}),
      ...(values.budgets !== undefined ? { budgetsPath: resolve(io.cwd, values.budgets) } : {}),
    });
    io.stdout(formatDecision(result, format));
    if (io.env.MODELGATE_TIMINGS === "1")
      io.stderr(
        `modelgate check timings (ms): ${JSON.stringify(result.timings_ms)} cpu (ms): ${JSON.stringify(result.cpu_ms)} scope: ${JSON.stringify(result.scope)}\n`,
      );
    return result.decision.allowed ? ExitCode.ok : ExitCode.findings;
  },
};

/** `check --pr` without --base/--head: the change request as its forge has it (see ../pr-check.ts). */
async function checkFromForge(
  values: { repo?: string; forge?: string; publish?: boolean; budgets?: string },
  pr: string,
  format: (typeof DECISION_FORMATS)[number],
  now: Date,
  io: CliIo,
): Promise<number> {
  if (values.forge !== undefined && values.forge !== "local" && values.forge !== "github")
    throw new UsageError(`--forge must be local or github (got ${values.forge})`);
  const repoDir = resolve(io.cwd, values.repo ?? ".");
  // Loaded here only: the forge clients (octokit and its plugins) and approval resolution are
  // needed by --pr/--publish/--forge, not by a plain --base/--head check (start-up cost).
  const { checkChangeRequest, openForge } = await import("../pr-check.js");
  const kind = values.forge as "local" | "github" | undefined;
  const forge = await openForge({ repoDir, env: io.env, ...(kind ? { kind } : {}) });
  const checked = await checkChangeRequest({
    forge,
    id: /^\d+$/.test(pr) ? Number(pr) : pr,
    repoDir,
    now,
    env: io.env,
    runCheck,
    loadRegistry: gitRegistryLoader,
    formatMarkdown,
    publish: values.publish === true,
    ...(values.budgets !== undefined ? { budgetsPath: resolve(io.cwd, values.budgets) } : {}),
  });
  io.stdout(format === "markdown" ? checked.summary : formatDecision(checked.result, format));
  if (checked.published)
    io.stderr(
      `published check run ${checked.published.check.id}; summary comment ${checked.published.comment.action}\n`,
    );
  return checked.result.decision.allowed ? ExitCode.ok : ExitCode.findings;
}
