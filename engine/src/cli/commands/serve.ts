import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { ArtifactCache } from "../../artifacts/index.js";
import { compilePolicyBundle } from "../../policy/index.js";
import {
  formatDiagnostics,
  loadRegistry,
  openFolderSource,
  openGitSource,
  type RegistrySource,
} from "../../registry/index.js";
import { fromRegistry, OnnxRuntimeServing, type ServingLogger } from "../../serving/index.js";
import { StandaloneMonitor, type StandaloneMonitorOptions } from "../../daemon/standalone-monitor.js";
import { LocalForge } from "../../forge/index.js";
import { parseDuration } from "../../shared/duration.js";
import { ExitCode, parseCommandArgs, UsageError, type CliIo, type Command } from "../command.js";

const help = `Usage: modelgate serve --repo DIR --env ENV [--port P] [--host H] [--rev REV] [--no-monitor]

Serves one environment of a registry over the Open Inference Protocol (KServe V2 REST):
verifies each artifact's sha256, loads it into ONNX Runtime worker threads, checks it against its
contract, warms it up, then routes traffic as environments/ENV.yaml says (weights, sticky routing
key, shadow). Prometheus metrics on /metrics. SIGTERM or SIGINT drains in-flight requests and exits.

The monitor watches what serves, as under 'modelgate run' (docs/monitoring.md): data and prediction
drift against each contract's baseline, SLO error budgets and burn-rate alerts, model quality from
POST /v2/models/{name}/feedback, canary against stable. It evaluates every --monitor-interval, writes its
snapshot to <state>/environments/ENV/monitor.json (what 'modelgate status --state' shows), the budgets the
policy gate reads to budgets.json, and opens, updates and closes issues on the local forge when --repo is
a git repository (see 'modelgate issues'). A significantly worse canary is set to weight 0 in the live
routing table (serve has no reconciler: a restart serves Git's weights again) and its revert is proposed
as a change request. Its own cost: a few microseconds of CPU per request (docs/monitoring.md, Overhead).

Options:
  --repo DIR        the registry repo (default: the current folder)
  --env ENV         the environment to serve (required)
  --rev REV         serve the tree of a git revision instead of the working folder
  --port P          TCP port (default 8080; 0 picks a free one)
  --host H          address to bind (default 127.0.0.1, loopback only)
  --workers N       inference worker threads (default: one per CPU core but one, at least one)
  --cache DIR       artifact and policy cache (default: $XDG_CACHE_HOME/modelgate or ~/.cache/modelgate)
  --decision-log F  append every decision-policy result to F (JSON lines)
  --state DIR       the monitor's state folder (default ./.modelgate/ENV; budgets.json goes to ./.modelgate)
  --monitor-interval D
                    how often the monitor evaluates, e.g. 60s (default), 10s, 5m
  --forge KIND      where the monitor's issues go: local (default when --repo is a git repository) or none
  --no-monitor      serve without the monitor (no drift, SLO, issues; feedback answers 501)
  -h, --help        show this help

Per model, environments/ENV.yaml sets validation (reject or log), dynamic batching (batching:
{ max_batch_size: 32 } merges requests that queue while the workers are busy) and intra_op_threads
(docs/registry-format.md). MODELGATE_ORT_API=public makes the workers use onnxruntime-node's public
InferenceSession API instead of its native binding (docs/serving.md, Worker threads and batching).

Examples:
  modelgate serve --repo registry-repo-template --env staging
  modelgate serve --repo . --env production --rev origin/main --port 9000
  modelgate serve --repo . --env staging --no-monitor
  curl -s localhost:8080/v2/models/stockout-risk | jq .
`;

/** Runs `serve` until `signal` aborts (tests) or SIGTERM/SIGINT arrives (the CLI). */
export async function runServe(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      repo: { type: "string" },
      env: { type: "string" },
      rev: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      workers: { type: "string" },
      cache: { type: "string" },
      "decision-log": { type: "string" },
      state: { type: "string" },
      "monitor-interval": { type: "string" },
      forge: { type: "string" },
      "no-monitor": { type: "boolean" },
    },
    false,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  if (!values.env) throw new UsageError("--env ENV is required");
  const port = Number(values.port ?? "8080");
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0-65535 (got ${values.port})`);
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1))
    throw new UsageError("--workers must be a positive integer");
  const host = values.host ?? "127.0.0.1";
  const dir = resolve(io.cwd, values.repo ?? ".");
  const monitorOn = values["no-monitor"] !== true;
  if (!monitorOn) {
    for (const flag of ["state", "monitor-interval", "forge"] as const) {
      if (values[flag] !== undefined)
        throw new UsageError(`--${flag} configures the monitor; drop it or --no-monitor`);
    }
  }
  let evaluateEveryMs: number | undefined;
  if (values["monitor-interval"] !== undefined) {
    try {
      evaluateEveryMs = parseDuration(values["monitor-interval"]);
    } catch {
      evaluateEveryMs = undefined;
    }
    if (evaluateEveryMs === undefined || evaluateEveryMs < 1000)
      throw new UsageError(
        `--monitor-interval must be a duration of at least 1s, like 10s or 1m (got ${values["monitor-interval"]})`,
      );
  }
  if (values.forge !== undefined && !["local", "none"].includes(values.forge))
    throw new UsageError(
      `--forge must be local or none (got ${values.forge}); GitHub issues need 'modelgate run --forge github'`,
    );
  const cacheDir = resolve(
    io.cwd,
    values.cache ?? join(io.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "modelgate"),
  );
  const open = (maxFileBytes?: number): Promise<RegistrySource> =>
    values.rev !== undefined
      ? openGitSource(dir, values.rev, { maxFileBytes })
      : openFolderSource(dir, { maxFileBytes });

  const result = await loadRegistry(await open());
  if (!result.ok) {
    io.stderr(`${formatDiagnostics(result.errors, "text")}\n`);
    io.stderr(
      `modelgate serve: the registry is invalid; fix the errors above (modelgate validate shows the same)\n`,
    );
    return ExitCode.findings;
  }
  const state = result.state;
  const maxBytes = state.config.data.artifacts?.max_size_bytes ?? 100 * 1024 * 1024;
  const artifactSource = await open(maxBytes);
  const cache = new ArtifactCache({ dir: join(cacheDir, "artifacts"), maxBytes });
  const spec = await fromRegistry(
    state,
    values.env,
    async (artifact) => ({
      path: (
        await cache.ensure(
          { uri: artifact.uri, sha256: artifact.sha256, size: artifact.size },
          artifactSource,
        )
      ).path,
    }),
    async (name) => {
      const entrypoint = `decisions/${name.replace(/-/g, "_")}/decision`;
      const bundle = await compilePolicyBundle({
        sources: state.policies,
        entrypoints: [entrypoint],
        cacheDir: join(cacheDir, "policies"),
      });
      return { name, wasm: bundle.wasm, entrypoint };
    },
  );

  const logger: ServingLogger = {
    info: (message, fields) => io.stderr(`${JSON.stringify({ level: "info", message, ...fields })}\n`),
    warn: (message, fields) => io.stderr(`${JSON.stringify({ level: "warn", message, ...fields })}\n`),
    error: (message, fields) => io.stderr(`${JSON.stringify({ level: "error", message, ...fields })}\n`),
  };
  const monitor = monitorOn
    ? new StandaloneMonitor({
        state,
        environment: values.env,
        stateDir: resolve(io.cwd, values.state ?? join(".modelgate", values.env)),
        ...(await monitorForge(dir, values.forge, values.rev)),
        logger,
        ...(evaluateEveryMs ? { runtime: { evaluate_every_ms: evaluateEveryMs } } : {}),
      })
    : undefined;
  const serving = new OnnxRuntimeServing({
    workers,
    logger,
    ...(monitor ? { observer: monitor } : {}),
    ...(values["decision-log"] ? { decisionLogPath: resolve(io.cwd, values["decision-log"]) } : {}),
  });
  try {
    await serving.applyEnvironment(spec);
    monitor?.start(serving);
  } catch (error) {
    await monitor?.stop();
    await serving.close();
    throw error;
  }
  const address = await serving.listen(port, host);
  const where = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  io.stdout(
    `modelgate serving environment '${values.env}' (${Object.keys(spec.models).join(", ")}) on ${where}${monitor ? "" : " (monitor off)"}\n`,
  );

  await new Promise<void>((resolveStop) => {
    const stop = (): void => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      resolveStop();
    };
    if (signal) {
      if (signal.aborted) return stop();
      signal.addEventListener("abort", stop, { once: true });
    }
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
  io.stdout("modelgate serve: draining in-flight requests\n");
  await monitor?.stop();
  await serving.close();
  io.stdout("modelgate serve: stopped\n");
  return ExitCode.ok;
}

/**
 * The monitor's forge and the revision served: the repository's local forge when --repo is a git
 * repository (unless --forge none), and the commit (--rev, else HEAD) for deployment statuses.
 */
async function monitorForge(
  dir: string,
  kind: string | undefined,
  rev: string | undefined,
): Promise<Pick<StandaloneMonitorOptions, "forge" | "repo" | "revision">> {
  if (kind === "none") return {};
  const forge = new LocalForge({ repo: dir });
  const revision = (await forge.isRepositoryRoot()) ? await forge.resolveRevision(rev ?? "HEAD") : undefined;
  if (revision === undefined) {
    if (kind === "local")
      throw new UsageError(`--forge local needs --repo to be a git repository (${dir} is not one)`);
    return {};
  }
  return { forge, repo: dir, revision };
}

export const serveCommand: Command = {
  name: "serve",
  summary: "serve an environment's models over the Open Inference Protocol (KServe V2)",
  help,
  run: (argv, io) => runServe(argv, io),
};
