import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Datatype } from "../registry/types.js";
import {
  inferenceWorkerMain,
  packTensors,
  unpackTensors,
  type LayoutEntry,
  type OrtApi,
  type SessionSignature,
  type WorkerReply,
  type WorkerRequest,
} from "./inference-worker.js";
import { datatypeFromOrt, ORT_TYPE, type TensorData, type WireTensor } from "./tensors.js";
import { silentLogger, type ServingLogger } from "./types.js";

/** An error raised inside ONNX Runtime (session creation or run). */
export class InferenceError extends Error {
  override readonly name = "InferenceError";
}

/** The pool was closed or its worker died while the request was in flight. */
export class WorkerUnavailableError extends Error {
  override readonly name = "WorkerUnavailableError";
}

export interface WorkerPoolOptions {
  /** Worker threads; default: `defaultWorkerCount()`. */
  size?: number;
  logger?: ServingLogger;
  /**
   * How workers call ONNX Runtime: "native" (default) calls onnxruntime-node's binding directly when it
   * has the known shape, falling back to the public API otherwise; "public" always uses the public API.
   */
  ortApi?: OrtApi;
}

/**
 * One worker per core but one, at least one: the main thread (HTTP, JSON, validation) needs a core of
 * its own. On 2 cores, 2 workers plus the main thread measured 85-109 µs of CPU per batch-1 request
 * against 74-85 µs with 1 worker (oversubscribed threads pay for wake-ups and context switches).
 */
export function defaultWorkerCount(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

interface Pending {
  resolve(reply: WorkerReply): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Runs in flight on this worker. */
  busy: number;
  ready: Promise<void>;
  /** True while a replacement worker loads its sessions (`ready` pending). */
  loading: boolean;
  alive: boolean;
  /** Requests waiting for the end of this event-loop turn, sent to the worker as one message. */
  outbox: WorkerRequest[];
  outboxTransfer: ArrayBuffer[];
  flushScheduled: boolean;
  /** A flush is queued as a microtask (requests that asked to leave at once). */
  microtaskFlush: boolean;
}

interface LoadedSession {
  bytes: Uint8Array;
  intraOpThreads: number;
}

const ESM_EVAL_FLAGS = /--(input-type|experimental-default-type)/;
const require = createRequire(import.meta.url);
const ortPath = require.resolve("onnxruntime-node");
/** onnxruntime-node's binding module, when this install has it where 1.30 keeps it. */
const bindingPath = ((): string | null => {
  try {
    return require.resolve("onnxruntime-node/dist/binding");
  } catch {
    return null;
  }
})();
const workerSource = (api: OrtApi): string =>
  `const { parentPort } = require("node:worker_threads");\n` +
  `const native = ${
    api === "native" && bindingPath
      ? `(() => { try { return require(${JSON.stringify(bindingPath)}); } catch { return null; } })()`
      : "null"
  };\n` +
  `(${inferenceWorkerMain.toString()})(require(${JSON.stringify(ortPath)}), parentPort, ${packTensors.toString()}, ${unpackTensors.toString()}, native);\n`;

/**
 * Worker threads that hold ONNX Runtime sessions, so inference never blocks the event loop that serves
 * health checks and metrics. Every session is loaded into every worker; a run goes to the least busy
 * worker. Tensor buffers are transferred, not copied or serialised. A worker that dies is replaced and
 * its sessions are loaded again.
 */
export class WorkerPool {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly sessions = new Map<string, LoadedSession>();
  /**
   * Short names for session keys on the wire: a key is a model, version, sha256 and thread count (about
   * 100 characters) that every run message would otherwise carry and the worker hash again.
   */
  private readonly wireKeys = new Map<string, string>();
  private nextWireKey = 1;
  private readonly logger: ServingLogger;
  private nextId = 1;
  private closed = false;

  private readonly source: string;
  private api: OrtApi | undefined;

  constructor(options: WorkerPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? defaultWorkerCount());
    this.logger = options.logger ?? silentLogger;
    this.source = workerSource(
      options.ortApi ?? (process.env.MODELGATE_ORT_API === "public" ? "public" : "native"),
    );
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn(i));
  }

  /** How the workers call ONNX Runtime, as they reported it on the first load (undefined before). */
  get ortApi(): OrtApi | undefined {
    return this.api;
  }

  /** Runs waiting for or inside a worker. */
  get queueDepth(): number {
    let n = 0;
    for (const slot of this.slots) n += slot.busy;
    return n;
  }

  /** Creates the session in every worker; returns its signature as ONNX Runtime reports it. */
  async load(key: string, bytes: Uint8Array, intraOpThreads = 1): Promise<SessionSignature> {
    this.assertOpen();
    let wire = this.wireKeys.get(key);
    if (wire === undefined) {
      wire = `s${this.nextWireKey++}`;
      this.wireKeys.set(key, wire);
    }
    const replies = await Promise.all(
      this.slots.map((slot) => this.call(slot, { op: "load", id: 0, key: wire, bytes, intraOpThreads })),
    );
    this.sessions.set(key, { bytes, intraOpThreads });
    if (replies[0]?.ok && replies[0].api) this.api = replies[0].api;
    return replies[0]!.ok && replies[0]!.signature ? replies[0]!.signature : { inputs: [], outputs: [] };
  }

  /**
   * Runs one inference on the least busy worker. Input buffers are transferred (detached here). The
   * request leaves with the others of this event-loop turn; `flush: true` sends it (and whatever is
   * queued for that worker) as soon as the current microtasks are done, for callers that already
   * coalesce, such as the dynamic batcher (waiting for the pool's own `setImmediate` would cost a loop
   * turn; posting before the microtasks end would split the runs that several versions' batchers start
   * on one reply into one message each).
   */
  run(
    key: string,
    feeds: Record<string, WireTensor>,
    fetches: string[] | null,
    options: { flush?: boolean } = {},
  ): Promise<Record<string, WireTensor>> {
    if (this.closed) return Promise.reject(new WorkerUnavailableError("the inference worker pool is closed"));
    let slot = this.slots[0]!;
    for (const s of this.slots) if (s.alive && (s.busy < slot.busy || !slot.alive)) slot = s;
    const { message, transfer } = encodeRun(this.wireKeys.get(key) ?? key, feeds, fetches, true);
    return this.call(slot, message, transfer, false, options.flush === true).then(decodeOutputs);
  }

  /** Runs the same inputs in every worker (warm-up); inputs are copied, not transferred. */
  async runOnAll(
    key: string,
    feeds: Record<string, WireTensor>,
    fetches: string[] | null,
  ): Promise<Record<string, WireTensor>> {
    this.assertOpen();
    const { message } = encodeRun(this.wireKeys.get(key) ?? key, feeds, fetches, false);
    const replies = await Promise.all(this.slots.map((slot) => this.call(slot, message)));
    return decodeOutputs(replies[0]!);
  }

  async release(key: string): Promise<void> {
    this.sessions.delete(key);
    const wire = this.wireKeys.get(key) ?? key;
    this.wireKeys.delete(key);
    if (this.closed) return;
    await Promise.all(
      this.slots.map((slot) => this.call(slot, { op: "release", id: 0, key: wire }).catch(() => undefined)),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private assertOpen(): void {
    if (this.closed) throw new WorkerUnavailableError("the inference worker pool is closed");
  }

  private spawn(index: number): Slot {
    const worker = new Worker(this.source, {
      eval: true,
      name: `modelgate-inference-${index}`,
      // The worker source is CommonJS: a process started with flags that make eval'd code ESM
      // (`node --input-type=module -e ...`) must not pass them on. Otherwise inherit the flags as usual
      // (an explicit list may not contain per-process flags such as --expose-gc).
      ...(ESM_EVAL_FLAGS.test(process.execArgv.join(" ")) ? { execArgv: [] } : {}),
    });
    worker.unref();
    const slot: Slot = {
      worker,
      pending: new Map(),
      busy: 0,
      ready: Promise.resolve(),
      loading: false,
      alive: true,
      outbox: [],
      outboxTransfer: [],
      flushScheduled: false,
      microtaskFlush: false,
    };
    worker.on("message", (replies: WorkerReply[]) => {
      for (const reply of replies) {
        const pending = slot.pending.get(reply.id);
        if (!pending) continue;
        slot.pending.delete(reply.id);
        pending.resolve(reply);
      }
    });
    const onDeath = (reason: string): void => {
      if (!slot.alive) return;
      slot.alive = false;
      for (const p of slot.pending.values())
        p.reject(new WorkerUnavailableError(`inference worker ${index} ${reason}`));
      slot.pending.clear();
      if (this.closed) return;
      this.logger.error("inference worker died; starting a new one", { worker: index, reason });
      const replacement = this.spawn(index);
      this.slots[index] = replacement;
      replacement.loading = true;
      replacement.ready = Promise.all(
        [...this.sessions].map(([key, s]) =>
          this.call(
            replacement,
            {
              op: "load",
              id: 0,
              key: this.wireKeys.get(key) ?? key,
              bytes: s.bytes,
              intraOpThreads: s.intraOpThreads,
            },
            [],
            true,
          ),
        ),
      ).then(
        () => {
          replacement.loading = false;
        },
        () => {
          replacement.loading = false;
        },
      );
    };
    worker.on("error", (error) => onDeath(`failed: ${error.message}`));
    worker.on("exit", (code) => onDeath(`exited with code ${code}`));
    return slot;
  }

  /**
   * Sends one message and settles with the worker's reply (an `InferenceError` when it failed). Not an
   * async function: on the request path it is one promise, with no extra microtask turns (a resolved
   * `slot.ready` is only awaited while a replacement worker is still loading its sessions).
   */
  private call(
    slot: Slot,
    message: WorkerRequest,
    transfer: ArrayBuffer[] = [],
    skipReady = false,
    flush = false,
  ): Promise<WorkerReply> {
    if (!skipReady && slot.loading) {
      slot.busy += 1; // counted as queued while it waits for the replacement worker
      return slot.ready.then(() => {
        slot.busy -= 1;
        return this.call(slot, message, transfer, true, flush);
      });
    }
    if (!slot.alive) return Promise.reject(new WorkerUnavailableError("inference worker is not running"));
    slot.busy += 1;
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      slot.pending.set(id, {
        resolve(reply) {
          slot.busy -= 1;
          if (reply.ok) resolve(reply);
          else reject(new InferenceError(reply.error));
        },
        reject(error) {
          slot.busy -= 1;
          reject(error);
        },
      });
      this.enqueue(slot, { ...message, id }, transfer);
      if (flush && !slot.microtaskFlush) {
        // Posted once the current microtasks are done rather than at once: runs that several batchers
        // start on the same reply (one per version) leave as one message.
        slot.microtaskFlush = true;
        queueMicrotask(() => {
          slot.microtaskFlush = false;
          flushSlot(slot);
        });
      }
    });
  }

  /**
   * Every request for a worker in one turn of the event loop leaves as one message at the end of the
   * turn (`setImmediate`, after the poll phase has read every socket that had data): one structured
   * clone and one thread wake-up for many requests. The worker still runs each request on its own.
   */
  private enqueue(slot: Slot, message: WorkerRequest, transfer: ArrayBuffer[]): void {
    slot.outbox.push(message);
    for (const buffer of transfer) slot.outboxTransfer.push(buffer);
    if (slot.flushScheduled) return;
    slot.flushScheduled = true;
    setImmediate(flushSlot, slot);
  }
}

function flushSlot(slot: Slot): void {
  slot.flushScheduled = false;
  const messages = slot.outbox;
  const transfer = slot.outboxTransfer;
  slot.outbox = [];
  slot.outboxTransfer = [];
  if (messages.length === 0 || !slot.alive) return;
  try {
    slot.worker.postMessage(messages, transfer);
  } catch (error) {
    for (const m of messages) {
      const pending = slot.pending.get(m.id);
      if (!pending) continue;
      slot.pending.delete(m.id);
      pending.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

function encodeRun(
  key: string,
  feeds: Record<string, WireTensor>,
  fetches: string[] | null,
  transferBuffers: boolean,
): { message: WorkerRequest; transfer: ArrayBuffer[] } {
  const packed = packTensors(
    Object.keys(feeds).map((name) => {
      const t = feeds[name]!;
      return { name, type: ORT_TYPE[t.datatype], dims: t.dims, data: t.data };
    }),
  );
  return {
    message: { op: "run", id: 0, key, feeds: packed, fetches },
    transfer: transferBuffers ? [packed.buffer] : [],
  };
}

/** Parsed layouts of the workers' replies (the same few strings over and over). */
const replyLayouts = new Map<string, LayoutEntry[]>();

function decodeOutputs(reply: WorkerReply): Record<string, WireTensor> {
  const out: Record<string, WireTensor> = {};
  if (!reply.ok || !reply.outputs) return out;
  for (const t of unpackTensors(reply.outputs, replyLayouts)) {
    const datatype: Datatype | undefined = datatypeFromOrt(t.type);
    if (!datatype) throw new InferenceError(`output '${t.name}' has type ${t.type}, which V2 cannot carry`);
    out[t.name] = { datatype, dims: t.dims, data: t.data as TensorData };
  }
  return out;
}
