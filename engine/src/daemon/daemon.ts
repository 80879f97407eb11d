/**
 * The composition root of `modelgate run`: a git mirror of the registry's main branch, the artifact cache,
 * the serving layer, the reconciler, its scheduler, reporters, and one HTTP server on the daemon's port
 * (Open Inference Protocol and `/metrics` from the serving layer, plus `/status`, `/hooks/push` and the
 * admin endpoints below).
 */
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { ArtifactCache } from "../artifacts/index.js";
import type { Forge } from "../forge/index.js";
import { OnnxRuntimeServing } from "../serving/index.js";
import type { ServingLogger } from "../serving/index.js";
import { JsonLinesReporter } from "../reconcile/json-lines-reporter.js";
import type {
  ApprovalLookup,
  CrashPoint,
  DeploymentReporter,
  DesiredModel,
  IssueReporter,
  ReconcileLogger,
  RegistryLoader,
} from "../reconcile/ports.js";
import { Reconciler, type ReconcileResult } from "../reconcile/reconciler.js";
import { OnnxServingRuntimeAdapter } from "../reconcile/serving-runtime-adapter.js";
import { EnvironmentStore } from "../reconcile/store.js";
import { decisionPolicyCompiler } from "./compose.js";
import { GitRevisionSource } from "./git-revision-source.js";
import { ReconcileMetrics } from "./metrics.js";
import { DaemonMonitor, type DaemonMonitorOptions } from "./monitor-wiring.js";
import { ReconcileScheduler, type Sleep } from "./scheduler.js";
import { verifyHubSignature } from "./webhook.js";

export interface DaemonOptions {
  /** Registry repository: a local path or a git URL (mirrored into `<state>/repo.git`). */
  repo: string;
  environment: string;
  /** State folder: mirror, artifact cache, status, history, reports. */
  stateDir: string;
  port?: number;
  host?: string;
  /** Poll interval; when absent, `reconcile.interval` from modelgate.yaml, else 5 s. */
  intervalMs?: number;
  branch?: string;
  /** HMAC secret of the push webhook; when set, unsigned or badly signed pushes get 401. */
  webhookSecret?: string;
  /** When set, `/admin/*` needs `Authorization: Bearer <token>` (401 otherwise). */
  adminToken?: string;
  loadRegistry: RegistryLoader;
  /** Default: a JSON-lines reporter at `<state>/reports.jsonl`. */
  deployments?: DeploymentReporter;
  issues?: IssueReporter;
  /**
   * The forge behind `issues`/`deployments` (GitHub or local), for the monitor's revert change requests,
   * issue comments and issue listing; default: the local forge of a local `repo`.
   */
  forge?: Forge;
  approvals?: ApprovalLookup;
  /** Inference worker threads (serving). */
  workers?: number;
  logger?: ReconcileLogger & ServingLogger;
  clock?: () => number;
  sleep?: Sleep;
  crash?: (point: CrashPoint) => void;
  /** Largest artifact accepted (default 100 MiB). */
  maxArtifactBytes?: number;
  /** The live monitor (drift, SLOs, feedback, canary analysis → issues); on unless false. */
  monitor?: DaemonMonitorOptions | false;
}

export interface RunningDaemon {
  readonly url: string;
  readonly port: number;
  readonly reconciler: Reconciler;
  readonly scheduler: ReconcileScheduler;
  readonly serving: OnnxRuntimeServing;
  readonly store: EnvironmentStore;
  /** Undefined when started with `monitor: false`. */
  readonly monitor: DaemonMonitor | undefined;
  stop(): Promise<void>;
}

const DEFAULT_INTERVAL_MS = 5_000;
const MAX_HOOK_BODY = 1024 * 1024;

export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const clock = options.clock ?? Date.now;
  const logger = options.logger;
  const mirror = join(options.stateDir, "repo.git");
  const source = new GitRevisionSource({
    repo: options.repo,
    mirrorDir: mirror,
    ...(options.branch ? { branch: options.branch } : {}),
  });
  const reporter = new JsonLinesReporter(join(options.stateDir, "reports.jsonl"), clock);
  const monitor =
    options.monitor === false
      ? undefined
      : new DaemonMonitor({
          environment: options.environment,
          stateDir: options.stateDir,
          repo: options.repo,
          branch: options.branch ?? "main",
          source,
          loadRegistry: options.loadRegistry,
          issues: options.issues ?? reporter,
          issuesGiven: options.issues !== undefined,
          deployments: options.deployments ?? reporter,
          ...(options.forge ? { forge: options.forge } : {}),
          mirror,
          clock,
          ...(logger ? { logger } : {}),
          options: options.monitor ?? {},
        });
  const serving = new OnnxRuntimeServing({
    ...(monitor ? { observer: monitor } : {}),
    ...(options.workers ? { workers: options.workers } : {}),
    ...(logger ? { logger } : {}),
    drainTimeoutMs: 10_000,
  });
  const metrics = new ReconcileMetrics(serving.metrics.registry);
  const store = new EnvironmentStore(options.stateDir, options.environment);
  let registryIntervalMs: number | undefined;
  const reconciler = new Reconciler({
    environment: options.environment,
    source,
    loadRegistry: options.loadRegistry,
    runtime: new OnnxServingRuntimeAdapter(serving, {
      compileDecisionPolicy: decisionPolicyCompiler(join(options.stateDir, "policies")),
    }),
    cache: new ArtifactCache({
      dir: join(options.stateDir, "cache"),
      ...(options.maxArtifactBytes ? { maxBytes: options.maxArtifactBytes } : {}),
    }),
    store,
    deployments: options.deployments ?? reporter,
    issues: options.issues ?? reporter,
    ...(options.approvals ? { approvals: options.approvals } : {}),
    clock,
    ...(logger ? { logger } : {}),
    ...(options.crash ? { crash: options.crash } : {}),
    onResult: (result) => metrics.observe(result, clock()),
  });
  const scheduler = new ReconcileScheduler({
    pass: async () => {
      const result = await reconciler.reconcile();
      registryIntervalMs = (await store.readRecord()).applied?.desired.intervalMs;
      await monitor
        ?.afterPass()
        .catch((error: unknown) => logger?.error("monitor not configured", { error: String(error) }));
      return result;
    },
    intervalMs: () => options.intervalMs ?? registryIntervalMs ?? DEFAULT_INTERVAL_MS,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    onError: (error) => logger?.error("reconcile pass threw", { error: String(error) }),
  });
  monitor?.attach({
    registry: serving.metrics.registry,
    store,
    reconciler,
    reconcileNow: () => scheduler.reconcileNow(),
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "/").split("?")[0];
    const method = req.method ?? "GET";
    if (path === "/status" && method === "GET") {
      const [status, record, actual] = await Promise.all([
        reconciler.status(),
        store.readRecord(),
        reconciler.observe(),
      ]);
      sendJson(res, 200, {
        environment: options.environment,
        status,
        applied: record.applied
          ? { revision: record.applied.revision, appliedAt: record.applied.appliedAt }
          : null,
        failed: record.failed ?? null,
        hold: record.hold
          ? { revision: record.hold.revision, reason: record.hold.reason, since: record.hold.since }
          : null,
        actual,
        lastPass: summarize(scheduler.last),
        passes: scheduler.passCount,
        monitor: monitor?.snapshot() ?? null,
      });
      return true;
    }
    if (path === "/hooks/push" && method === "POST") {
      const body = await readBody(req, MAX_HOOK_BODY).catch(() => undefined);
      if (body === undefined) return (sendJson(res, 413, { error: "payload too large" }), true);
      if (options.webhookSecret) {
        const signature = header(req, "x-hub-signature-256");
        if (!verifyHubSignature(options.webhookSecret, body, signature)) {
          sendJson(res, 401, { error: "missing or invalid X-Hub-Signature-256" });
          return true;
        }
      }
      // The payload is not trusted for content: any push only wakes the loop, which reads Git itself.
      scheduler.wake();
      sendJson(res, 202, { queued: true });
      return true;
    }
    if (
      path?.startsWith("/admin/") &&
      options.adminToken &&
      !bearerMatches(header(req, "authorization"), options.adminToken)
    ) {
      sendJson(res, 401, { error: "the admin endpoints need Authorization: Bearer <MODELGATE_ADMIN_TOKEN>" });
      return true;
    }
    if (path === "/admin/reconcile" && method === "POST") {
      const result = await scheduler.reconcileNow();
      sendJson(res, result.outcome === "failed" ? 409 : 200, summarize(result));
      return true;
    }
    if (path === "/admin/hold" && method === "POST") {
      const body = await readBody(req, MAX_HOOK_BODY).catch(() => undefined);
      let parsed: { reason?: unknown; models?: unknown } | undefined;
      try {
        parsed = body ? (JSON.parse(body.toString("utf8")) as typeof parsed) : undefined;
      } catch {
        parsed = undefined;
      }
      if (
        !parsed ||
        typeof parsed.reason !== "string" ||
        typeof parsed.models !== "object" ||
        parsed.models === null
      ) {
        sendJson(res, 400, { error: "expected {reason: string, models: {name: DesiredModel}}" });
        return true;
      }
      reconciler.requestHold(parsed.reason, parsed.models as Record<string, DesiredModel>);
      const result = await scheduler.reconcileNow();
      sendJson(res, result.outcome === "failed" ? 409 : 200, summarize(result));
      return true;
    }
    return false;
  };

  const server: Server = createServer((req, res) => {
    handle(req, res)
      .then((handled) => {
        if (!handled) serving.handle(req, res);
      })
      .catch((error: unknown) => {
        logger?.error("daemon request failed", { error: String(error) });
        if (!res.headersSent) sendJson(res, 500, { error: String(error) });
        else res.destroy();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8080, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  scheduler.start();
  logger?.info("daemon started", {
    environment: options.environment,
    repo: options.repo,
    port: address.port,
  });

  return {
    url: `http://${address.address}:${address.port}`,
    port: address.port,
    reconciler,
    scheduler,
    serving,
    store,
    monitor,
    async stop() {
      await scheduler.stop();
      await monitor?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      });
      await serving.close();
    },
  };
}

function summarize(result: ReconcileResult | undefined): Record<string, unknown> | null {
  if (!result) return null;
  return {
    outcome: result.outcome,
    revision: result.revision ?? null,
    steps: result.steps,
    durationMs: result.durationMs,
    failure: result.failure
      ? { kind: result.failure.kind, reason: result.failure.reason, message: result.failure.message }
      : null,
  };
}

function bearerMatches(value: string | undefined, token: string): boolean {
  const given = Buffer.from(value?.startsWith("Bearer ") ? value.slice("Bearer ".length) : "", "utf8");
  const expected = Buffer.from(token, "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error("too large"));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
