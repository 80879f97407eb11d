import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Counter } from "prom-client";
import { packageVersion } from "../shared/project-paths.js";
import { Batcher } from "./batcher.js";
import {
  createDecisionEvaluator,
  DecisionLog,
  sha256Json,
  type DecisionEvaluator,
  type DecisionResult,
} from "./decision.js";
import { HttpError, readBody } from "./http-util.js";
import { decodeFastRequest } from "./fast-request.js";
import { binaryWanted, parseRequest, requestedOutputs, type InferRequest } from "./infer-request.js";
import { ServingMetrics, type VersionMetrics } from "./metrics.js";
import {
  loadModelVersion,
  MODEL_VERSION_HEADER,
  versionKey,
  type LoadedVersion,
  ModelLoadError,
} from "./model-repository.js";
import { pickShadow, pickVersion, RoutingTable, type ModelRoute, type VersionRoute } from "./router.js";
import { jsonDataText, toBinary, toJsonData, type NumericData, type WireTensor } from "./tensors.js";
import {
  silentLogger,
  type BatchingSettings,
  type InferenceFeedback,
  type InferenceObservation,
  type InferenceObserver,
  type ServingEnvironmentSpec,
  type ServingLogger,
  type ServingModelDeployment,
} from "./types.js";
import { decodeInputs, type FieldViolation } from "./validation.js";
import { InferenceError, WorkerPool, WorkerUnavailableError } from "./worker-pool.js";

export const ROUTING_KEY_HEADER = "x-modelgate-routing-key";
export { MODEL_VERSION_HEADER };
export const SERVER_EXTENSIONS = ["binary_tensor_data"] as const;

export interface ShadowResult {
  model: string;
  version: string;
  shadowVersion: string;
  requestId: string | undefined;
  /** agree / disagree (outputs differ) / error (the shadow failed) / dropped (workers too busy). */
  result: "agree" | "disagree" | "error" | "dropped";
  primary?: Record<string, unknown[]>;
  shadow?: Record<string, unknown[]>;
}

export interface ServingOptions {
  /** Server name in `GET /v2` (default "modelgate"). */
  name?: string;
  /** Inference worker threads (default: one per core but one, at least one: `defaultWorkerCount()`). */
  workers?: number;
  logger?: ServingLogger;
  /** Random source for weighted routing and shadow sampling without a routing key (tests inject one). */
  random?: () => number;
  /** Largest request body in bytes (default 16 MiB); larger is a 413. */
  maxBodyBytes?: number;
  /** Time a client has to send a whole request (default 30 s); slower is a 408. */
  requestTimeoutMs?: number;
  /** How long a removed version may keep serving in-flight requests before its sessions are released. */
  drainTimeoutMs?: number;
  /** Shadow runs are dropped (and counted) while more than this many runs are queued in the workers. */
  shadowMaxQueueDepth?: number;
  /** Called with every shadow comparison (in addition to the metrics). */
  onShadowResult?: (result: ShadowResult) => void;
  /** JSON-lines file that every decision-policy result is appended to. */
  decisionLogPath?: string;
  /** Receives every inference (and shadow run) after its response, and answers `POST .../feedback`. */
  observer?: InferenceObserver;
  /** Observations waiting for the observer; beyond this they are dropped and counted (default 10 000). */
  observationQueueSize?: number;
}

export interface ApplyReport {
  environment: string;
  loaded: string[];
  reused: string[];
  released: string[];
}

/**
 * The model server: Open Inference Protocol (KServe V2) REST over `node:http`, ONNX Runtime sessions in
 * worker threads, weighted/sticky/shadow routing, contract validation, Prometheus metrics, optional
 * decision policies. Desired state comes in through `applyEnvironment`.
 */
export class OnnxRuntimeServing {
  readonly metrics: ServingMetrics;
  readonly pool: WorkerPool;
  private table = RoutingTable.empty();
  private ready = false;
  private shuttingDown = false;
  private inflight = 0;
  private idle: (() => void) | undefined;
  private applying: Promise<unknown> = Promise.resolve();
  private server: Server | undefined;
  private readonly loaded = new Map<string, LoadedVersion>();
  private readonly options: Required<
    Pick<
      ServingOptions,
      "name" | "maxBodyBytes" | "requestTimeoutMs" | "drainTimeoutMs" | "shadowMaxQueueDepth"
    >
  >;
  private readonly logger: ServingLogger;
  private readonly random: () => number;
  private readonly decisionLog: DecisionLog | undefined;
  private readonly serverMetadata: string;
  private observations: InferenceObservation[] = [];
  private observationsScheduled = false;
  private readonly observationsDropped: Counter;
  private readonly versionMetrics = new WeakMap<LoadedVersion, VersionMetrics>();

  constructor(private readonly settings: ServingOptions = {}) {
    this.logger = settings.logger ?? silentLogger;
    this.random = settings.random ?? Math.random;
    this.pool = new WorkerPool({ size: settings.workers, logger: this.logger });
    this.metrics = new ServingMetrics(() => this.queueDepth());
    this.options = {
      name: settings.name ?? "modelgate",
      maxBodyBytes: settings.maxBodyBytes ?? 16 * 1024 * 1024,
      requestTimeoutMs: settings.requestTimeoutMs ?? 30_000,
      drainTimeoutMs: settings.drainTimeoutMs ?? 30_000,
      shadowMaxQueueDepth: settings.shadowMaxQueueDepth ?? this.pool.size * 2,
    };
    this.decisionLog = settings.decisionLogPath ? new DecisionLog(settings.decisionLogPath) : undefined;
    this.observationsDropped = new Counter({
      name: "modelgate_observations_dropped_total",
      help: "Inference observations dropped because the monitor's queue was full.",
      registers: [this.metrics.registry],
    });
    this.serverMetadata = JSON.stringify({
      name: this.options.name,
      version: packageVersion(),
      extensions: SERVER_EXTENSIONS,
    });
  }

  /** The current routing table (immutable; replaced as a whole by `applyEnvironment`). */
  get routing(): RoutingTable {
    return this.table;
  }

  /**
   * Makes the server serve `spec`: loads, verifies and warms every new version first (a failure throws
   * and leaves the current table serving), then swaps the routing table in one assignment, then drains
   * and releases versions that are no longer referenced. Calls are serialised.
   */
  applyEnvironment(spec: ServingEnvironmentSpec): Promise<ApplyReport> {
    const run = this.applying.then(
      () => this.doApply(spec),
      () => this.doApply(spec),
    );
    this.applying = run.catch(() => undefined);
    return run;
  }

  private async doApply(spec: ServingEnvironmentSpec): Promise<ApplyReport> {
    const report: ApplyReport = { environment: spec.name, loaded: [], reused: [], released: [] };
    const fresh: LoadedVersion[] = [];
    const models = new Map<string, ModelRoute>();
    try {
      for (const [name, deployment] of Object.entries(spec.models)) {
        checkDeployment(name, deployment);
        const versions = new Map<string, VersionRoute>();
        const decision = deployment.decisionPolicy
          ? await createDecisionEvaluator(deployment.decisionPolicy)
          : undefined;
        const roles = new Map<string, VersionRoute["role"]>();
        for (const t of deployment.traffic) roles.set(t.version, t.role ?? "stable");
        if (deployment.shadow) roles.set(deployment.shadow.version, "shadow");
        for (const versionSpec of deployment.versions) {
          const threads = Math.max(1, deployment.intraOpThreads ?? 1);
          const key = `${versionKey(versionSpec)}/t${threads}`;
          let loaded = this.loaded.get(key) ?? fresh.find((f) => f.key === key);
          if (loaded) report.reused.push(key);
          else {
            loaded = await loadModelVersion(versionSpec, this.pool, {
              intraOpThreads: threads,
              metrics: this.metrics,
            });
            fresh.push(loaded);
            report.loaded.push(key);
          }
          versions.set(versionSpec.version, {
            loaded,
            batcher: deployment.batching ? this.makeBatcher(loaded, deployment.batching) : undefined,
            role: roles.get(versionSpec.version) ?? "explicit",
          });
        }
        const total = deployment.traffic.reduce((s, t) => s + Math.max(0, t.weight), 0);
        let acc = 0;
        const weighted = deployment.traffic
          .filter((t) => t.weight > 0)
          .map((t) => {
            acc += t.weight / total;
            return { version: t.version, upTo: acc };
          });
        if (weighted.length > 0) weighted[weighted.length - 1]!.upTo = 1;
        models.set(name, {
          name,
          versions,
          weighted,
          shadow: deployment.shadow
            ? { version: deployment.shadow.version, fraction: deployment.shadow.percent / 100 }
            : undefined,
          validation: deployment.validation ?? "reject",
          decision,
        });
      }
    } catch (error) {
      // Nothing of a failed apply serves: release what this attempt loaded, keep the current table.
      for (const v of fresh) await this.pool.release(v.key);
      this.logger.error("environment not applied; the previous one keeps serving", {
        environment: spec.name,
        error: (error as Error).message,
      });
      throw error;
    }
    for (const v of fresh) this.loaded.set(v.key, v);
    const previous = this.table;
    this.table = new RoutingTable(spec.name, models);
    this.ready = true;
    const keep = this.table.loadedVersions();
    const removed = [...previous.loadedVersions()].filter((v) => !keep.has(v));
    for (const v of removed) {
      const drained = await v.drain(this.options.drainTimeoutMs);
      if (!drained)
        this.logger.warn("version still had requests in flight at the drain timeout", { key: v.key });
      this.loaded.delete(v.key);
      await this.pool.release(v.key);
      report.released.push(v.key);
    }
    this.logger.info("environment applied", { ...report });
    return report;
  }

  private makeBatcher(loaded: LoadedVersion, settings: BatchingSettings): Batcher {
    const hist = this.metrics.batchSize.labels(loaded.model, loaded.version);
    return new Batcher(
      (feeds) => this.pool.run(loaded.key, feeds, loaded.fetches(loaded.outputNames), { flush: true }),
      settings,
      (rows) => hist.observe(rows),
      this.pool.size,
      // ONNX Runtime refusing a merged run may be one request's fault: each then runs alone. A dead or
      // closed pool fails them all at once.
      (error) => !(error instanceof WorkerUnavailableError),
    );
  }

  /** The request-path metric children of a loaded version (found once per version). */
  private metricsOf(loaded: LoadedVersion): VersionMetrics {
    let m = this.versionMetrics.get(loaded);
    if (!m) {
      m = this.metrics.versionMetrics(loaded.model, loaded.version);
      this.versionMetrics.set(loaded, m);
    }
    return m;
  }

  private queueDepth(): number {
    return this.pool.queueDepth;
  }

  /** Starts listening (loopback by default); resolves with the bound address. */
  async listen(port = 8080, host = "127.0.0.1"): Promise<AddressInfo> {
    const timeout = this.options.requestTimeoutMs;
    const server = createServer(
      {
        requestTimeout: timeout,
        headersTimeout: Math.min(timeout, 60_000),
        connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(timeout / 4))),
        keepAliveTimeout: 5_000,
      },
      (req, res) => this.handle(req, res),
    );
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    return server.address() as AddressInfo;
  }

  /**
   * Stops accepting connections, lets in-flight requests finish (up to the drain timeout), then stops the
   * workers. Readiness turns false at once so load balancers stop sending traffic.
   */
  async close(): Promise<void> {
    this.shuttingDown = true;
    this.ready = false;
    const server = this.server;
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    server?.closeIdleConnections();
    if (this.inflight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.drainTimeoutMs);
        this.idle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    server?.closeAllConnections();
    await closed;
    await this.decisionLog?.flush();
    await this.pool.close();
  }

  /** One listener for every response's `close` (a response closes once): no closure per request. */
  private readonly onResponseClose = (): void => {
    this.inflight -= 1;
    if (this.inflight === 0 && this.idle) this.idle();
  };

  /** The request listener (usable with any `node:http` server). */
  handle(req: IncomingMessage, res: ServerResponse): void {
    this.inflight += 1;
    res.on("close", this.onResponseClose);
    let pending: Promise<void> | undefined;
    try {
      pending = this.route(req, res);
    } catch (error) {
      this.fail(res, error);
      return;
    }
    pending?.catch((error: unknown) => this.fail(res, error));
  }

  /**
   * Answers one request; returns the promise of the asynchronous endpoints (not an async function: the
   * inference promise goes straight back to `handle`, without one more promise adopting it).
   */
  private route(req: IncomingMessage, res: ServerResponse): Promise<void> | undefined {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    const method = req.method ?? "GET";
    if (path === "/v2/health/live") {
      this.empty(res, 200);
      return undefined;
    }
    if (path === "/v2/health/ready") {
      this.empty(res, this.ready ? 200 : 503);
      return undefined;
    }
    if (path === "/metrics") {
      return this.metrics.registry.metrics().then((body) => {
        res.writeHead(200, { "content-type": this.metrics.registry.contentType });
        res.end(body);
      });
    }
    if (path === "/v2" || path === "/v2/") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(this.serverMetadata);
      return;
    }
    const { name, version, action } = modelPath(method, path);
    if (action === "feedback") {
      if (method !== "POST") throw new HttpError(405, "feedback takes POST");
      return this.feedback(req, res, name);
    }
    if (action === "infer") {
      if (method !== "POST") throw new HttpError(405, "inference takes POST");
      return this.infer(req, res, name, version);
    }
    if (method !== "GET") throw new HttpError(405, `${path} takes GET`);
    const table = this.table;
    const model = table.models.get(name);
    if (!model) throw new HttpError(404, `unknown model '${name}'`);
    const chosen = version !== undefined ? model.versions.get(version) : defaultVersion(model);
    if (version !== undefined && !chosen)
      throw new HttpError(404, `model '${name}' has no version '${version}'`);
    if (action === "ready") {
      this.empty(res, chosen && !this.shuttingDown ? 200 : 503);
      return undefined;
    }
    if (!chosen) throw new HttpError(503, `model '${name}' has no version taking traffic`);
    this.json(res, 200, {
      name,
      versions: version !== undefined ? [version] : [...model.versions.keys()],
      platform: "onnx_onnxv1",
      inputs: chosen.loaded.inputs,
      outputs: chosen.loaded.outputs,
    });
  }

  private async infer(
    req: IncomingMessage,
    res: ServerResponse,
    name: string,
    explicitVersion: string | undefined,
  ): Promise<void> {
    const table = this.table;
    const model = table.models.get(name);
    if (!model) {
      req.resume();
      this.metrics.observeRequest("", "", 404, undefined);
      throw new HttpError(404, `unknown model '${name}'`);
    }
    let chosen: VersionRoute | undefined;
    if (explicitVersion !== undefined) {
      chosen = model.versions.get(explicitVersion);
      if (!chosen) {
        req.resume();
        this.metrics.observeRequest(name, "", 404, undefined);
        throw new HttpError(404, `model '${name}' has no version '${explicitVersion}'`);
      }
    } else {
      const key = req.headers[ROUTING_KEY_HEADER];
      chosen = pickVersion(model, typeof key === "string" ? key : undefined, this.random);
      if (!chosen) {
        req.resume();
        throw new HttpError(503, `model '${name}' has no version taking traffic`);
      }
    }
    if (this.shuttingDown) throw new HttpError(503, "the server is shutting down");
    const loaded = chosen.loaded;
    const leave = loaded.enter();
    let status = 500;
    let started = 0;
    // What the observer gets (kept only when one is set; inputs are copied because run() detaches them).
    let seen: Pick<InferenceObservation, "requestId" | "inputs" | "outputs" | "rows"> | undefined;
    try {
      const body = await readBody(req, this.options.maxBodyBytes);
      started = performance.now();
      const headerLength = req.headers["inference-header-content-length"];
      // The common all-JSON request with valid values decodes in one pass; anything else (and every
      // request with a problem to report) takes the general path.
      const fast = headerLength === undefined ? decodeFastRequest(body, loaded.compiledInputs) : undefined;
      const request: InferRequest = fast ? { id: fast.id } : parseRequest(body, headerLength);
      const id =
        typeof request.id === "string"
          ? request.id
          : request.id === undefined
            ? undefined
            : String(request.id);
      const decoded = fast ? fast.decoded : decodeInputs(request.inputs, loaded.compiledInputs);
      const violations = decoded.violations;
      if (violations.length > 0) this.countViolations(loaded, model.validation, violations);
      const blocking =
        violations.length === 0
          ? violations
          : violations.filter((v) => v.structural || model.validation === "reject");
      if (blocking.length > 0) {
        throw new HttpError(
          400,
          `request does not match the contract of ${name}@${loaded.version}: ${blocking.map((v) => v.message).join("; ")}`,
          blocking.map(({ field, reason, message }) => ({ field, reason, message })),
        );
      }
      if (this.settings.observer) {
        seen = { requestId: id, rows: decoded.rows };
        if (decoded.rows > 0 && (this.settings.observer.wantsInputs?.(name, loaded.version) ?? true))
          seen.inputs = cloneFeeds(decoded.tensors);
      }
      if (decoded.rows === 0) throw new HttpError(400, "inputs disagree on the batch size (first dimension)");
      const requested = requestedOutputs(request, loaded.outputNames);
      const wantBinary = (o: string): boolean => binaryWanted(request, o);
      const shadow =
        explicitVersion === undefined ? pickShadow(model, headerKey(req), this.random) : undefined;
      const shadowFeeds = shadow && shadow.loaded !== loaded ? cloneFeeds(decoded.tensors) : undefined;
      const decisionInputs = model.decision ? jsonTensors(decoded.tensors) : undefined;
      let outputs: Record<string, WireTensor>;
      if (chosen.batcher) outputs = await chosen.batcher.submit(decoded.tensors, decoded.rows);
      else {
        this.metricsOf(loaded).batch.observe(decoded.rows);
        outputs = await this.pool.run(loaded.key, decoded.tensors, loaded.fetches(requested));
      }
      let parameters: Record<string, string | number | boolean> | undefined;
      let decision: DecisionResult | undefined;
      if (model.decision && decisionInputs) {
        decision = this.decide(
          model.decision,
          { id, inputs: decisionInputs, parameters: request.parameters },
          outputs,
          name,
          loaded.version,
        );
        parameters = {
          decision_allow: decision.allow,
          decision_action: decision.action,
          decision_reasons: decision.reasons.join("; "),
          decision_policy: model.decision.name,
        };
      }
      status = 200;
      this.respond(res, {
        name,
        version: loaded.version,
        prefix: loaded.responsePrefix,
        headers: loaded.jsonResponseHeaders,
        id,
        parameters,
        outputs,
        requested,
        wantBinary,
      });
      if (seen) seen.outputs = outputs;
      if (shadow && shadowFeeds) {
        const primary = outputs;
        setImmediate(() => this.runShadow(model, loaded, shadow, shadowFeeds, primary, id));
      }
    } catch (error) {
      status =
        error instanceof HttpError ? error.status : error instanceof WorkerUnavailableError ? 503 : 500;
      throw error;
    } finally {
      leave();
      if (status === 200 && started > 0) {
        const m = this.metricsOf(loaded);
        m.ok.inc();
        m.duration.observe((performance.now() - started) / 1000);
      } else this.metrics.observeRequest(name, loaded.version, status, undefined);
      if (this.settings.observer) {
        this.enqueueObservation({
          model: name,
          version: loaded.version,
          role: explicitVersion !== undefined ? "explicit" : chosen.role,
          requestId: seen?.requestId,
          rows: seen?.rows ?? 0,
          ...(seen?.inputs ? { inputs: seen.inputs } : {}),
          ...(seen?.outputs ? { outputs: seen.outputs } : {}),
          status,
          durationMs: started > 0 ? performance.now() - started : 0,
          at: Date.now(),
        });
      }
    }
  }

  /**
   * Queues an observation for the observer without slowing the response: the queue is drained on
   * `setImmediate`, after the current I/O; when it is full the observation is dropped and counted.
   */
  private enqueueObservation(observation: InferenceObservation): void {
    if (this.observations.length >= (this.settings.observationQueueSize ?? 10_000)) {
      this.observationsDropped.inc();
      return;
    }
    this.observations.push(observation);
    if (!this.observationsScheduled) {
      this.observationsScheduled = true;
      setImmediate(() => this.drainObservations());
    }
  }

  /** Hands every queued observation to the observer (also called before feedback, so a prediction is never missed). */
  drainObservations(): void {
    this.observationsScheduled = false;
    const observer = this.settings.observer;
    const batch = this.observations;
    if (batch.length === 0 || !observer) return;
    this.observations = [];
    for (const o of batch) {
      try {
        observer.observe(o);
      } catch (error) {
        this.logger.error("observer failed", { model: o.model, error: (error as Error).message });
      }
    }
  }

  /** `POST /v2/models/{name}/feedback` with `{id, label}` or `{id, value}`: ground truth for an earlier request. */
  private async feedback(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const body = await readBody(req, 64 * 1024);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch (error) {
      throw new HttpError(400, `malformed JSON: ${(error as Error).message}`);
    }
    const record = parsed as { id?: unknown; label?: unknown; value?: unknown } | null;
    if (typeof record !== "object" || record === null || Array.isArray(record))
      throw new HttpError(400, "the body must be a JSON object {id, label} or {id, value}");
    if (typeof record.id !== "string" || record.id === "")
      throw new HttpError(400, "`id` must be the non-empty id of an earlier inference request");
    const hasLabel = record.label !== undefined && record.label !== null;
    const hasValue = record.value !== undefined && record.value !== null;
    if (hasLabel === hasValue) throw new HttpError(400, "give exactly one of `label` or `value`");
    if (hasLabel && !["string", "number", "boolean"].includes(typeof record.label))
      throw new HttpError(400, "`label` must be a string, number or boolean");
    if (hasValue && (typeof record.value !== "number" || !Number.isFinite(record.value)))
      throw new HttpError(400, "`value` must be a finite number");
    const observer = this.settings.observer;
    if (!observer?.feedback) throw new HttpError(501, "this server does not collect feedback (no monitor)");
    if (!this.table.models.has(name)) throw new HttpError(404, `unknown model '${name}'`);
    this.drainObservations();
    const feedback: InferenceFeedback = { model: name, id: record.id };
    if (hasLabel) feedback.label = record.label;
    else feedback.value = record.value as number;
    const outcome = observer.feedback(feedback);
    if (outcome.result === "accepted") return this.json(res, 202, { accepted: true, id: record.id });
    const status = { unknown: 404, unsupported: 409, invalid: 400 }[outcome.result];
    throw new HttpError(status, outcome.message);
  }

  /**
   * Replaces the weights of one model's traffic at runtime, outside Git (e.g. the monitor aborting a
   * canary: its weight to 0). The reconciler reads the weights back and reports them as drift.
   */
  setTrafficWeights(model: string, weights: Record<string, number>): void {
    const route = this.table.models.get(model);
    if (!route) throw new Error(`unknown model '${model}'`);
    const previous = new Map<string, number>();
    let before = 0;
    for (const w of route.weighted) {
      previous.set(w.version, w.upTo - before);
      before = w.upTo;
    }
    const entries = [...route.versions.entries()]
      .filter(([, v]) => v.role === "stable" || v.role === "canary")
      .map(([version]) => ({ version, weight: Math.max(0, weights[version] ?? previous.get(version) ?? 0) }));
    const total = entries.reduce((sum, e) => sum + e.weight, 0);
    if (!(total > 0)) throw new Error(`model '${model}' would have no version taking traffic`);
    let acc = 0;
    const weighted = entries
      .filter((e) => e.weight > 0)
      .map((e) => {
        acc += e.weight / total;
        return { version: e.version, upTo: acc };
      });
    weighted[weighted.length - 1]!.upTo = 1;
    const models = new Map(this.table.models);
    models.set(model, { ...route, weighted });
    this.table = new RoutingTable(this.table.environment, models);
    this.logger.warn("traffic weights changed at runtime", { model, weights });
  }

  private decide(
    evaluator: DecisionEvaluator,
    request: { id: string | undefined; inputs: Record<string, unknown[]>; parameters: unknown },
    outputs: Record<string, WireTensor>,
    model: string,
    version: string,
  ): DecisionResult {
    const t0 = performance.now();
    const prediction: Record<string, unknown[]> = {};
    for (const [k, t] of Object.entries(outputs)) prediction[k] = toJsonData(t);
    const decision = evaluator.evaluate({ request, prediction, model, version });
    this.metrics.decisionDuration.observe((performance.now() - t0) / 1000);
    this.metrics.decisions.labels(model, version, decision.action).inc();
    this.decisionLog?.append({
      timestamp: new Date().toISOString(),
      request_id: request.id ?? "",
      model,
      version,
      policy: evaluator.name,
      inputs_sha256: sha256Json(request.inputs),
      outputs: prediction,
      decision,
    });
    return decision;
  }

  private countViolations(loaded: LoadedVersion, mode: "reject" | "log", violations: FieldViolation[]): void {
    for (const v of violations) {
      const field = v.reason === "unknown" || !loaded.compiledInputs.has(v.field) ? "_request" : v.field;
      this.metrics.validationFailures.labels(loaded.model, loaded.version, field, v.reason, mode).inc();
    }
  }

  private async runShadow(
    model: ModelRoute,
    primaryVersion: LoadedVersion,
    shadow: VersionRoute,
    feeds: Record<string, WireTensor>,
    primary: Record<string, WireTensor>,
    requestId: string | undefined,
  ): Promise<void> {
    const labels = [model.name, primaryVersion.version, shadow.loaded.version] as const;
    const record = (result: ShadowResult["result"], extra: Partial<ShadowResult> = {}): void => {
      this.metrics.shadowRequests.labels(...labels, result).inc();
      if (result === "disagree") this.metrics.shadowDisagreements.labels(...labels).inc();
      this.settings.onShadowResult?.({
        model: model.name,
        version: primaryVersion.version,
        shadowVersion: shadow.loaded.version,
        requestId,
        result,
        ...extra,
      });
      if (this.settings.observer && result !== "dropped") {
        this.enqueueObservation({
          model: model.name,
          version: shadow.loaded.version,
          role: "shadow",
          requestId,
          rows: 0,
          ...(shadowOut ? { outputs: shadowOut } : {}),
          status: result === "error" ? 500 : 200,
          durationMs: performance.now() - t0,
          shadowOf: { version: primaryVersion.version, result },
          at: Date.now(),
        });
      }
    };
    const t0 = performance.now();
    let shadowOut: Record<string, WireTensor> | undefined;
    if (this.pool.queueDepth > this.options.shadowMaxQueueDepth || this.shuttingDown)
      return record("dropped");
    const leave = shadow.loaded.enter();
    try {
      const names = Object.keys(primary);
      const out = await this.pool.run(shadow.loaded.key, feeds, names);
      shadowOut = out;
      const agree = names.every((n) => sameTensor(primary[n]!, out[n]));
      const json = (o: Record<string, WireTensor>): Record<string, unknown[]> =>
        Object.fromEntries(Object.entries(o).map(([k, t]) => [k, toJsonData(t)]));
      record(agree ? "agree" : "disagree", { primary: json(primary), shadow: json(out) });
    } catch (error) {
      this.logger.warn("shadow inference failed", {
        model: model.name,
        shadow: shadow.loaded.version,
        error: (error as Error).message,
      });
      record("error");
    } finally {
      leave();
    }
  }

  private respond(
    res: ServerResponse,
    r: {
      name: string;
      version: string;
      /** `{"model_name":…,"model_version":…` for this name and version (cached per loaded version). */
      prefix: string;
      /** The all-JSON 200 response's headers (cached per loaded version). */
      headers: Readonly<Record<string, string>>;
      id: string | undefined;
      parameters: Record<string, string | number | boolean> | undefined;
      outputs: Record<string, WireTensor>;
      requested: string[];
      wantBinary: (name: string) => boolean;
    },
  ): void {
    if (!r.requested.some(r.wantBinary)) {
      // All-JSON response (the common case), written as text: the same bytes JSON.stringify gives for
      // the object below, without building it.
      let json = r.prefix;
      if (r.id !== undefined) json += `,"id":${JSON.stringify(r.id)}`;
      if (r.parameters) json += `,"parameters":${JSON.stringify(r.parameters)}`;
      json += `,"outputs":[`;
      let first = true;
      for (const name of r.requested) {
        const t = r.outputs[name];
        if (!t) continue;
        json += `${first ? "" : ","}{"name":${JSON.stringify(name)},"datatype":"${t.datatype}","shape":${JSON.stringify(t.dims)},"data":${jsonDataText(t)}}`;
        first = false;
      }
      res.writeHead(200, r.headers);
      res.end(`${json}]}`);
      return;
    }
    const outputs: unknown[] = [];
    const binaries: Buffer[] = [];
    for (const name of r.requested) {
      const t = r.outputs[name];
      if (!t) continue;
      if (r.wantBinary(name)) {
        const bytes = toBinary(t);
        binaries.push(bytes);
        outputs.push({
          name,
          datatype: t.datatype,
          shape: t.dims,
          parameters: { binary_data_size: bytes.length },
        });
      } else {
        outputs.push({ name, datatype: t.datatype, shape: t.dims, data: toJsonData(t) });
      }
    }
    const body: Record<string, unknown> = { model_name: r.name, model_version: r.version };
    if (r.id !== undefined) body.id = r.id;
    if (r.parameters) body.parameters = r.parameters;
    body.outputs = outputs;
    const json = JSON.stringify(body);
    if (binaries.length === 0) {
      res.writeHead(200, { "content-type": "application/json", [MODEL_VERSION_HEADER]: r.version });
      res.end(json);
      return;
    }
    const header = Buffer.from(json);
    res.writeHead(200, {
      "content-type": "application/octet-stream",
      "inference-header-content-length": String(header.length),
      [MODEL_VERSION_HEADER]: r.version,
    });
    res.end(Buffer.concat([header, ...binaries]));
  }

  private empty(res: ServerResponse, status: number): void {
    res.writeHead(status, { "content-length": "0" });
    res.end();
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  private fail(res: ServerResponse, error: unknown): void {
    let status = 500;
    let message = "internal error";
    let details: unknown;
    if (error instanceof HttpError) {
      status = error.status;
      message = error.message;
      details = error.details;
    } else if (error instanceof WorkerUnavailableError) {
      status = 503;
      message = error.message;
    } else if (error instanceof InferenceError) {
      message = `inference failed: ${error.message}`;
      this.logger.error("inference failed", { error: error.message });
    } else {
      this.logger.error("request failed", {
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const headers: Record<string, string> = { "content-type": "application/json" };
    // After a 413 the rest of the body is not read: close the connection instead of draining it.
    if (status === 413) headers.connection = "close";
    res.writeHead(status, headers);
    res.end(JSON.stringify(details ? { error: message, details } : { error: message }));
  }
}

/** A parsed `/v2/models/{name}[/versions/{version}][/ready|infer|feedback]` path. */
interface ModelPath {
  name: string;
  version: string | undefined;
  action: string | undefined;
}

/** Paths repeat from request to request: parsed ones are kept (bounded; errors are not cached). */
const modelPaths = new Map<string, ModelPath>();

function modelPath(method: string, path: string): ModelPath {
  const cached = modelPaths.get(path);
  if (cached) return cached;
  const parts = path.split("/");
  // ["", "v2", "models", name, ("versions", v)?, ("ready" | "infer")?]
  if (parts[1] !== "v2" || parts[2] !== "models" || parts.length < 4 || parts.length > 7) {
    throw new HttpError(404, `unknown endpoint ${method} ${path}`);
  }
  const name = decode(parts[3]!);
  let version: string | undefined;
  let action: string | undefined;
  if (parts[4] === "versions") {
    if (parts.length < 6) throw new HttpError(404, `unknown endpoint ${method} ${path}`);
    version = decode(parts[5]!);
    action = parts[6];
  } else {
    if (parts.length > 5) throw new HttpError(404, `unknown endpoint ${method} ${path}`);
    action = parts[4];
  }
  if (action !== undefined && action !== "ready" && action !== "infer" && action !== "feedback") {
    throw new HttpError(404, `unknown endpoint ${method} ${path}`);
  }
  const parsed = { name, version, action };
  if (modelPaths.size >= 1024) modelPaths.clear();
  modelPaths.set(path, parsed);
  return parsed;
}

function headerKey(req: IncomingMessage): string | undefined {
  const key = req.headers[ROUTING_KEY_HEADER];
  return typeof key === "string" ? key : undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, "malformed percent-encoding in the path");
  }
}

function defaultVersion(model: ModelRoute): VersionRoute | undefined {
  const first = model.weighted[0];
  return first ? model.versions.get(first.version) : undefined;
}

function cloneFeeds(feeds: Record<string, WireTensor>): Record<string, WireTensor> {
  const out: Record<string, WireTensor> = {};
  for (const [k, t] of Object.entries(feeds)) {
    out[k] = {
      datatype: t.datatype,
      dims: [...t.dims],
      data: Array.isArray(t.data) ? [...t.data] : (t.data as NumericData).slice(),
    };
  }
  return out;
}

function jsonTensors(feeds: Record<string, WireTensor>): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [k, t] of Object.entries(feeds)) out[k] = toJsonData(t);
  return out;
}

function sameTensor(a: WireTensor, b: WireTensor | undefined): boolean {
  if (!b || a.datatype !== b.datatype || a.dims.length !== b.dims.length || a.data.length !== b.data.length)
    return false;
  for (let i = 0; i < a.dims.length; i++) if (a.dims[i] !== b.dims[i]) return false;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i];
    const y = b.data[i];
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") {
      if (Number.isNaN(x) && Number.isNaN(y)) continue;
      if (Math.abs(x - y) <= 1e-5 * Math.max(1, Math.abs(x), Math.abs(y))) continue;
    }
    return false;
  }
  return true;
}

function checkDeployment(name: string, d: ServingModelDeployment): void {
  const versions = new Set(d.versions.map((v) => v.version));
  for (const t of d.traffic) {
    if (!versions.has(t.version))
      throw new ModelLoadError(
        name,
        t.version,
        "ArtifactUnreadable",
        "traffic names a version that the deployment does not include",
      );
  }
  if (d.shadow && !versions.has(d.shadow.version)) {
    throw new ModelLoadError(
      name,
      d.shadow.version,
      "ArtifactUnreadable",
      "shadow names a version that the deployment does not include",
    );
  }
  for (const v of d.versions) {
    if (v.model !== name)
      throw new ModelLoadError(name, v.version, "ArtifactUnreadable", `spec is for model '${v.model}'`);
  }
}
