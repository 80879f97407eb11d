import { resolve } from "node:path";
import {
  FanOutReporter,
  forgeApprovals,
  isGitUrl,
  jsonLogger,
  localForgeAdapters,
} from "../../daemon/compose.js";
import { startDaemon } from "../../daemon/daemon.js";
import { parseInterval } from "../../reconcile/desired.js";
import { JsonLinesReporter } from "../../reconcile/json-lines-reporter.js";
import type { Forge } from "../../forge/index.js";
import type { ApprovalLookup, CrashPoint } from "../../reconcile/ports.js";
import { openForge } from "../pr-check.js";
import { loadRegistry } from "../../registry/index.js";
import { ExitCode, parseCommandArgs, UsageError, type CliIo, type Command } from "../command.js";

const help = `Usage: modelgate run --repo PATH_OR_URL --env ENV [--port P] [--interval 5s] [--state DIR]

Serves an environment and keeps it equal to the registry's main branch (GitOps). The branch is mirrored
into <state>/repo.git with git plumbing (your work tree is never touched), polled every --interval and
fetched at once on a push webhook. Each pass plans desired (Git) against actual (serving): new versions are
fetched into the content-addressed cache, verified, loaded, checked against their contract and warmed up
before traffic shifts atomically; a bad commit leaves the previous state serving and is reported once.
Live drift (a weight override, a changed cached file) is reported and undone (reconcile.self_heal).

Endpoints on --port: the Open Inference Protocol (/v2/...), /metrics, GET /status,
POST /hooks/push (X-Hub-Signature-256 checked when MODELGATE_WEBHOOK_SECRET is set),
POST /admin/reconcile (reconcile now), POST /admin/hold (emergency change; used by rollback --now);
with MODELGATE_ADMIN_TOKEN set, /admin/* needs "Authorization: Bearer <token>" (apply and rollback send it).

Options:
  --repo R         registry repo: a local path or a git URL (required)
  --env ENV        the environment to serve (required)
  --port P         TCP port (default 8080; 0 picks a free one)
  --host H         address to bind (default 127.0.0.1)
  --interval D     poll interval, e.g. 5s, 1m (default: reconcile.interval of modelgate.yaml, else 5s)
  --state DIR      state folder: mirror, artifact cache, status, history.jsonl (default ./.modelgate/ENV)
  --branch B       the desired-state branch (default main)
  --workers N      inference worker threads (default: CPU cores)
  --forge KIND     where issues, deployment statuses and the revert pull request of an aborted canary
                   go besides <state>/reports.jsonl: local (the default for a local --repo), github
                   (GITHUB_REPOSITORY and GITHUB_TOKEN or a GitHub App, as for 'modelgate check'; the
                   revert needs the 'contents: write' permission), none (the default for a git URL)
  -h, --help       show this help

SIGTERM or SIGINT drains in-flight requests and exits.

Example:
  MODELGATE_WEBHOOK_SECRET=s3cret modelgate run --repo ./retail-models --env staging --port 8080
`;

const CRASH_POINTS: CrashPoint[] = ["after-fetch", "after-route", "after-history", "after-applied"];

/** Runs the daemon until `signal` aborts (tests) or SIGTERM/SIGINT arrives. */
export async function runDaemonCommand(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    {
      repo: { type: "string" },
      env: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      interval: { type: "string" },
      state: { type: "string" },
      branch: { type: "string" },
      workers: { type: "string" },
      forge: { type: "string" },
    },
    false,
  );
  if (!values.repo) throw new UsageError("--repo PATH_OR_URL is required");
  if (!values.env) throw new UsageError("--env ENV is required");
  const port = Number(values.port ?? "8080");
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0-65535 (got ${values.port})`);
  let intervalMs: number | undefined;
  if (values.interval !== undefined) {
    try {
      intervalMs = parseInterval(values.interval);
    } catch {
      throw new UsageError(`--interval must be a duration like 5s or 1m (got ${values.interval})`);
    }
  }
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1))
    throw new UsageError("--workers must be a positive integer");
  const repo = isGitUrl(values.repo) ? values.repo : resolve(io.cwd, values.repo);
  const stateDir = resolve(io.cwd, values.state ?? `.modelgate/${values.env}`);
  const logger = jsonLogger(io.stderr);
  const audit = new JsonLinesReporter(resolve(stateDir, "reports.jsonl"));
  const forgeKind = values.forge ?? (isGitUrl(repo) ? "none" : "local");
  if (!["local", "github", "none"].includes(forgeKind))
    throw new UsageError("--forge must be local, github or none");
  if (forgeKind === "local" && isGitUrl(repo))
    throw new UsageError("--forge local needs --repo to be a local path");
  let forge: Forge | undefined;
  let approvals: ApprovalLookup | undefined;
  if (forgeKind === "local") {
    const local = localForgeAdapters(repo);
    forge = local.forge;
    approvals = local.approvals;
  } else if (forgeKind === "github") {
    const github = await openForge({ repoDir: isGitUrl(repo) ? io.cwd : repo, env: io.env, kind: "github" });
    forge = github;
    approvals = forgeApprovals(github);
  }
  const reporter = forge ? new FanOutReporter([forge, audit]) : audit;
  const crashAt = io.env.MODELGATE_TEST_CRASH_AT as CrashPoint | undefined;
  if (crashAt && !CRASH_POINTS.includes(crashAt))
    throw new UsageError(`MODELGATE_TEST_CRASH_AT must be one of ${CRASH_POINTS.join(", ")}`);

  const daemon = await startDaemon({
    repo,
    environment: values.env,
    stateDir,
    port,
    ...(values.host ? { host: values.host } : {}),
    ...(intervalMs ? { intervalMs } : {}),
    ...(values.branch ? { branch: values.branch } : {}),
    ...(io.env.MODELGATE_WEBHOOK_SECRET ? { webhookSecret: io.env.MODELGATE_WEBHOOK_SECRET } : {}),
    ...(io.env.MODELGATE_ADMIN_TOKEN ? { adminToken: io.env.MODELGATE_ADMIN_TOKEN } : {}),
    ...(workers ? { workers } : {}),
    loadRegistry,
    deployments: reporter,
    issues: reporter,
    ...(forge ? { forge } : {}),
    ...(approvals ? { approvals } : {}),
    logger: { ...logger },
    ...(crashAt
      ? {
          crash: (point: CrashPoint) => {
            if (point === crashAt) process.kill(process.pid, "SIGKILL");
          },
        }
      : {}),
  });
  io.stdout(
    `modelgate run: serving ${values.env} from ${values.repo} on ${daemon.url} (status: ${daemon.url}/status)\n`,
  );

  await new Promise<void>((resolveStop) => {
    const stop = (): void => resolveStop();
    if (signal) {
      if (signal.aborted) return resolveStop();
      signal.addEventListener("abort", stop, { once: true });
    } else {
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    }
  });
  io.stdout("modelgate run: stopping (draining in-flight requests)\n");
  await daemon.stop();
  return ExitCode.ok;
}

export const runCommand: Command = {
  name: "run",
  summary: "serve an environment and keep it reconciled with the main branch (daemon)",
  help,
  run: (argv, io) => runDaemonCommand(argv, io),
};
