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
import { ExitCode, parseCommandArgs, UsageError, type CliIo, type Command } from "../command.js";

const help = `Usage: modelgate serve --repo DIR --env ENV [--port P] [--host H] [--rev REV]

Serves one environment of a registry over the Open Inference Protocol (KServe V2 REST):
verifies each artifact's sha256, loads it into ONNX Runtime worker threads, checks it against its
contract, warms it up, then routes traffic as environments/ENV.yaml says (weights, sticky routing
key, shadow). Prometheus metrics on /metrics. SIGTERM or SIGINT drains in-flight requests and exits.

Options:
  --repo DIR        the registry repo (default: the current folder)
  --env ENV         the environment to serve (required)
  --rev REV         serve the tree of a git revision instead of the working folder
  --port P          TCP port (default 8080; 0 picks a free one)
  --host H          address to bind (default 127.0.0.1, loopback only)
  --workers N       inference worker threads (default: the number of CPU cores)
  --cache DIR       artifact and policy cache (default: $XDG_CACHE_HOME/modelgate or ~/.cache/modelgate)
  --decision-log F  append every decision-policy result to F (JSON lines)
  -h, --help        show this help

Examples:
  modelgate serve --repo registry-repo-template --env staging
  modelgate serve --repo . --env production --rev origin/main --port 9000
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
  const serving = new OnnxRuntimeServing({
    workers,
    logger,
    ...(values["decision-log"] ? { decisionLogPath: resolve(io.cwd, values["decision-log"]) } : {}),
  });
  try {
    await serving.applyEnvironment(spec);
  } catch (error) {
    await serving.close();
    throw error;
  }
  const address = await serving.listen(port, host);
  const where = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  io.stdout(
    `modelgate serving environment '${values.env}' (${Object.keys(spec.models).join(", ")}) on ${where}\n`,
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
  await serving.close();
  io.stdout("modelgate serve: stopped\n");
  return ExitCode.ok;
}

export const serveCommand: Command = {
  name: "serve",
  summary: "serve an environment's models over the Open Inference Protocol (KServe V2)",
  help,
  run: (argv, io) => runServe(argv, io),
};
