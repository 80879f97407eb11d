/**
 * The body of an inference worker thread. It holds ONNX Runtime sessions by key and answers load, run
 * and release messages. The function is self-contained (it touches only its arguments) because the pool
 * starts it from its source text (`new Worker(code, { eval: true })`): that way the same code runs from
 * the TypeScript sources under the test runner and from the compiled package, with no loader hooks.
 */

/** Minimal structural view of the onnxruntime-node module, as far as the worker uses it. */
export interface OrtModule {
  InferenceSession: {
    create(bytes: Uint8Array, options: Record<string, unknown>): Promise<OrtSession>;
  };
  Tensor: new (type: string, data: unknown, dims: readonly number[]) => OrtTensor;
}
export interface OrtTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
}
export interface OrtValueMetadata {
  name: string;
  isTensor: boolean;
  type?: string;
  shape?: ReadonlyArray<number | string>;
}
export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata?: readonly OrtValueMetadata[];
  readonly outputMetadata?: readonly OrtValueMetadata[];
  run(feeds: Record<string, OrtTensor>, fetches?: string[]): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}

/**
 * onnxruntime-node's own binding module (`onnxruntime-node/dist/binding`), as far as the worker uses it:
 * the synchronous native session that the public `InferenceSession` wraps. The public `run` adds a
 * promise, a `setImmediate` hop and Tensor re-wrapping per call; calling the binding directly saved
 * 2.5 µs of worker CPU per request and raised batch-1 throughput by 10-20 % in the serving benchmark.
 * The worker checks the module's shape and falls back to the public API when it is not what it knows.
 */
export interface OrtNativeModule {
  binding: { InferenceSession: new () => OrtNativeSession };
  initOrt(): void;
}
export interface OrtNativeValueMetadata {
  name: string;
  isTensor: boolean;
  /** onnxruntime's element type code (1 float32, 7 int64, 8 string, ...). */
  type: number;
  /** -1 for a dynamic dimension. */
  shape: number[];
  symbolicDimensions: string[];
}
export interface OrtNativeSession {
  loadModel(
    buffer: ArrayBufferLike,
    byteOffset: number,
    byteLength: number,
    options: Record<string, unknown>,
  ): void;
  readonly inputMetadata: readonly OrtNativeValueMetadata[];
  readonly outputMetadata: readonly OrtNativeValueMetadata[];
  run(
    feeds: Record<string, OrtTensor>,
    fetches: Record<string, null>,
    options: Record<string, unknown>,
  ): Record<string, OrtTensor>;
  dispose(): void;
}

export interface WorkerTensor {
  name: string;
  /** ONNX Runtime tensor type ("float32", "string", ...). */
  type: string;
  dims: number[];
  data: unknown;
}

/**
 * Tensors as one message part, in as few cloned values as possible (structured clone costs per value: an
 * object with seven small arrays per tensor list cost about 5.6 µs per request to post, this about half):
 * every numeric tensor's bytes in one transferred buffer, the names in one array, types, dims, offsets
 * and element counts in one layout string, and the elements of every string tensor in one array.
 */
export interface PackedTensors {
  names: string[];
  /** One line per tensor: `type \t dims (comma-separated) \t byte offset (8-byte aligned; -1 for strings) \t elements`. */
  layout: string;
  buffer: ArrayBuffer;
  /** The elements of every string tensor, in order; null when there is none. */
  strings: string[] | null;
}

/** A parsed layout line (cached per layout string by the receiver). */
export interface LayoutEntry {
  type: string;
  dims: number[];
  offset: number;
  length: number;
  ctor: (new (buffer: ArrayBuffer, offset: number, length: number) => unknown) | null;
}

/** Packs tensors into one buffer. Self-contained: also runs inside the worker. */
export function packTensors(tensors: WorkerTensor[]): PackedTensors {
  let size = 0;
  for (const t of tensors) {
    const data = t.data as ArrayBufferView | string[];
    if (Array.isArray(data)) continue;
    size = Math.ceil(size / 8) * 8 + data.byteLength;
  }
  const buffer = new ArrayBuffer(size);
  const names: string[] = [];
  let layout = "";
  let strings: string[] | null = null;
  let offset = 0;
  for (const t of tensors) {
    const data = t.data as ArrayBufferView | string[];
    names.push(t.name);
    if (layout !== "") layout += "\n";
    layout += `${t.type}\t${t.dims.join(",")}\t`;
    if (Array.isArray(data)) {
      layout += `-1\t${data.length}`;
      strings ??= [];
      for (let i = 0; i < data.length; i++) strings.push(data[i]!);
      continue;
    }
    offset = Math.ceil(offset / 8) * 8;
    // Copy through a view of the same type: reading `.buffer` of a small typed array would first move
    // its on-heap storage to a new ArrayBuffer (about 1 µs per tensor).
    const typed = data as unknown as {
      length: number;
      constructor: new (buffer: ArrayBuffer, offset: number, length: number) => { set(src: unknown): void };
    };
    new typed.constructor(buffer, offset, typed.length).set(typed);
    layout += `${offset}\t${typed.length}`;
    offset += data.byteLength;
  }
  return { names, layout, buffer, strings };
}

/**
 * Typed-array views over a packed message (no copy). Layout strings repeat from request to request, so
 * the parsed form is kept in `cache` when one is given. Self-contained: also runs inside the worker.
 */
export function unpackTensors(packed: PackedTensors, cache?: Map<string, LayoutEntry[]>): WorkerTensor[] {
  let entries = cache?.get(packed.layout);
  if (!entries) {
    const ctors: Record<string, LayoutEntry["ctor"]> = {
      bool: Uint8Array,
      int8: Int8Array,
      uint8: Uint8Array,
      int16: Int16Array,
      uint16: Uint16Array,
      float16: Uint16Array,
      int32: Int32Array,
      uint32: Uint32Array,
      int64: BigInt64Array,
      uint64: BigUint64Array,
      float32: Float32Array,
      float64: Float64Array,
    };
    entries = [];
    const lines = packed.layout === "" ? [] : packed.layout.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const [type = "", dims = "", offset = "", length = ""] = lines[i]!.split("\t");
      const isString = offset === "-1";
      const ctor = isString ? null : (ctors[type] ?? null);
      if (!isString && !ctor)
        throw new Error(`tensor '${packed.names[i]}' has type ${type}, which modelgate does not carry`);
      entries.push({
        type,
        dims: dims === "" ? [] : dims.split(",").map(Number),
        offset: Number(offset),
        length: Number(length),
        ctor,
      });
    }
    if (cache) {
      if (cache.size >= 256) cache.clear();
      cache.set(packed.layout, entries);
    }
  }
  const out: WorkerTensor[] = new Array<WorkerTensor>(entries.length);
  let s = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const name = packed.names[i]!;
    if (e.ctor === null) {
      out[i] = { name, type: e.type, dims: e.dims.slice(), data: packed.strings!.slice(s, s + e.length) };
      s += e.length;
    } else {
      out[i] = {
        name,
        type: e.type,
        dims: e.dims.slice(),
        data: new e.ctor(packed.buffer, e.offset, e.length),
      };
    }
  }
  return out;
}
export type WorkerRequest =
  | { op: "load"; id: number; key: string; bytes: Uint8Array; intraOpThreads: number }
  | { op: "run"; id: number; key: string; feeds: PackedTensors; fetches: string[] | null }
  | { op: "release"; id: number; key: string };
export interface SessionSignature {
  inputs: OrtValueMetadata[];
  outputs: OrtValueMetadata[];
}
/** How the worker calls ONNX Runtime: its native binding directly, or the public `InferenceSession` API. */
export type OrtApi = "native" | "public";
export type WorkerReply =
  | { id: number; ok: true; signature?: SessionSignature; api?: OrtApi; outputs?: PackedTensors }
  | { id: number; ok: false; error: string };

/**
 * Messages travel in batches both ways: the pool sends every request queued for a worker in one turn of
 * its event loop as one message, and the worker answers with every reply that is ready in one message.
 * Each request is still its own `session.run`; batching only saves the per-message cost (structured
 * clone, port wake-up, thread hand-off).
 */
export interface WorkerPort {
  on(event: "message", listener: (messages: WorkerRequest[]) => void): void;
  postMessage(messages: WorkerReply[], transfer?: ArrayBuffer[]): void;
}

export function inferenceWorkerMain(
  ort: OrtModule,
  port: WorkerPort,
  pack: typeof packTensors,
  unpack: typeof unpackTensors,
  nativeModule: OrtNativeModule | null,
): void {
  // The native binding when it has the shape this code knows (checked, not assumed: a future
  // onnxruntime-node may move it), else the public API.
  const native =
    nativeModule &&
    typeof nativeModule.initOrt === "function" &&
    typeof nativeModule.binding?.InferenceSession === "function"
      ? nativeModule
      : null;
  const api: OrtApi = native ? "native" : "public";
  // onnxruntime-node's type codes (its backend's table), for session metadata read from the binding.
  const typeNames = [
    "",
    "float32",
    "uint8",
    "int8",
    "uint16",
    "int16",
    "int32",
    "int64",
    "string",
    "bool",
    "float16",
    "float64",
    "uint32",
    "uint64",
  ];
  interface Held {
    describe(): SessionSignature;
    /** Runs at once, on this thread (the native binding). */
    runNow?(feeds: Record<string, OrtTensor>, fetches: string[] | null): Record<string, OrtTensor>;
    /** Runs through the public API (a promise; onnxruntime-node runs it on the next loop turn). */
    run?(feeds: Record<string, OrtTensor>, fetches: string[] | null): Promise<Record<string, OrtTensor>>;
    release(): Promise<void>;
  }
  const sessions = new Map<string, Held>();
  const layouts = new Map<string, LayoutEntry[]>();
  // Replies wait here until every run of the message being worked on has settled (or the next turn).
  let outbox: WorkerReply[] = [];
  let outboxTransfer: ArrayBuffer[] = [];
  let flushScheduled = false;
  let running = 0;
  let handlingMessage = false;
  const flush = (): void => {
    flushScheduled = false;
    if (outbox.length === 0) return;
    const messages = outbox;
    const transfer = outboxTransfer;
    outbox = [];
    outboxTransfer = [];
    port.postMessage(messages, transfer);
  };
  const reply = (message: WorkerReply, transfer?: ArrayBuffer): void => {
    outbox.push(message);
    if (transfer) outboxTransfer.push(transfer);
    if (handlingMessage) return; // the message handler flushes once every run in it is done
    if (running === 0) flush();
    else if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  };
  const fail = (id: number, error: unknown): void => {
    reply({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  };
  const sessionOptions = (intraOpThreads: number): Record<string, unknown> => ({
    intraOpNumThreads: intraOpThreads,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
  });
  const openNative = (binding: OrtNativeModule, bytes: Uint8Array, intraOpThreads: number): Held => {
    binding.initOrt();
    const session = new binding.binding.InferenceSession();
    session.loadModel(bytes.buffer, bytes.byteOffset, bytes.byteLength, sessionOptions(intraOpThreads));
    const meta = (list: readonly OrtNativeValueMetadata[]): OrtValueMetadata[] =>
      list.map((m) =>
        m.isTensor
          ? {
              name: m.name,
              isTensor: true,
              type: typeNames[m.type] || `type ${m.type}`,
              // a dynamic dimension is its symbolic name ("" when unnamed), as the public API reports it
              shape: m.shape.map((d, i) => (d === -1 ? (m.symbolicDimensions[i] ?? "") : d)),
            }
          : { name: m.name, isTensor: false },
      );
    const inputs = meta(session.inputMetadata);
    const outputs = meta(session.outputMetadata);
    const inputNames = inputs.map((m) => m.name);
    const allOutputs: Record<string, null> = {};
    for (const m of outputs) allOutputs[m.name] = null;
    return {
      describe: () => ({ inputs, outputs }),
      runNow(feeds, fetches) {
        // The checks the public API makes before it calls the binding, with its messages.
        for (const name of inputNames) {
          if (!(name in feeds)) throw new Error(`input '${name}' is missing in 'feeds'.`);
        }
        let wanted = allOutputs;
        if (fetches) {
          wanted = {};
          for (const name of fetches) {
            if (!(name in allOutputs)) throw new Error(`'fetches' contains invalid output name: ${name}.`);
            wanted[name] = null;
          }
        }
        return session.run(feeds, wanted, {});
      },
      release() {
        session.dispose();
        return Promise.resolve();
      },
    };
  };
  const open = (bytes: Uint8Array, intraOpThreads: number): Promise<Held> => {
    if (native) {
      try {
        return Promise.resolve(openNative(native, bytes, intraOpThreads));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return ort.InferenceSession.create(bytes, sessionOptions(intraOpThreads)).then((session) => ({
      describe(): SessionSignature {
        const meta = (
          names: readonly string[],
          list: readonly OrtValueMetadata[] | undefined,
        ): OrtValueMetadata[] =>
          names.map((name, i) => {
            const m = list?.[i];
            return m
              ? { name, isTensor: m.isTensor, type: m.type, shape: m.shape ? [...m.shape] : [] }
              : { name, isTensor: true };
          });
        return {
          inputs: meta(session.inputNames, session.inputMetadata),
          outputs: meta(session.outputNames, session.outputMetadata),
        };
      },
      run: (feeds, fetches) => (fetches ? session.run(feeds, fetches) : session.run(feeds)),
      release: () => session.release(),
    }));
  };
  const answer = (id: number, results: Record<string, OrtTensor>): void => {
    let outputs: PackedTensors;
    try {
      outputs = pack(
        Object.keys(results).map((name) => ({
          name,
          type: results[name]!.type,
          dims: [...results[name]!.dims],
          data: results[name]!.data,
        })),
      );
    } catch (error) {
      return fail(id, error);
    }
    reply({ id, ok: true, outputs }, outputs.buffer);
  };
  const handle = (msg: WorkerRequest): void => {
    if (msg.op === "run") {
      const session = sessions.get(msg.key);
      if (!session) return fail(msg.id, `no session '${msg.key}' in this worker`);
      let feeds: Record<string, OrtTensor>;
      try {
        feeds = {};
        for (const t of unpack(msg.feeds, layouts)) feeds[t.name] = new ort.Tensor(t.type, t.data, t.dims);
      } catch (error) {
        return fail(msg.id, error);
      }
      if (session.runNow) {
        // Synchronous: no promise, no extra loop turn, and the reply leaves with this message's others.
        let results: Record<string, OrtTensor>;
        try {
          results = session.runNow(feeds, msg.fetches);
        } catch (error) {
          return fail(msg.id, error);
        }
        return answer(msg.id, results);
      }
      let pending: Promise<Record<string, OrtTensor>>;
      try {
        pending = session.run!(feeds, msg.fetches);
      } catch (error) {
        return fail(msg.id, error);
      }
      running += 1;
      pending.then(
        (results) => {
          running -= 1;
          answer(msg.id, results);
        },
        (error: unknown) => {
          running -= 1;
          fail(msg.id, error);
        },
      );
      return undefined;
    }
    if (msg.op === "load") {
      open(msg.bytes, msg.intraOpThreads).then(
        (session) => {
          const old = sessions.get(msg.key);
          sessions.set(msg.key, session);
          if (old) void old.release();
          reply({ id: msg.id, ok: true, signature: session.describe(), api });
        },
        (error: unknown) => fail(msg.id, error),
      );
      return undefined;
    }
    const session = sessions.get(msg.key);
    sessions.delete(msg.key);
    if (!session) return reply({ id: msg.id, ok: true });
    session.release().then(
      () => reply({ id: msg.id, ok: true }),
      (error: unknown) => fail(msg.id, error),
    );
    return undefined;
  };
  port.on("message", (messages: WorkerRequest[]) => {
    handlingMessage = true;
    try {
      for (const msg of messages) handle(msg);
    } finally {
      handlingMessage = false;
    }
    if (running === 0) flush();
    else if (!flushScheduled && outbox.length > 0) {
      flushScheduled = true;
      setImmediate(flush);
    }
  });
}
