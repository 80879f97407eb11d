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

export interface WorkerTensor {
  type: string;
  dims: number[];
  data: unknown;
}
export type WorkerRequest =
  | { op: "load"; id: number; key: string; bytes: Uint8Array; intraOpThreads: number }
  | { op: "run"; id: number; key: string; feeds: Record<string, WorkerTensor>; fetches: string[] | null }
  | { op: "release"; id: number; key: string };
export interface SessionSignature {
  inputs: OrtValueMetadata[];
  outputs: OrtValueMetadata[];
}
export type WorkerReply =
  | { id: number; ok: true; signature?: SessionSignature; outputs?: Record<string, WorkerTensor> }
  | { id: number; ok: false; error: string };

export interface WorkerPort {
  on(event: "message", listener: (message: WorkerRequest) => void): void;
  postMessage(message: WorkerReply, transfer?: ArrayBuffer[]): void;
}

export function inferenceWorkerMain(ort: OrtModule, port: WorkerPort): void {
  const sessions = new Map<string, OrtSession>();
  const fail = (id: number, error: unknown): void => {
    port.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  };
  const describe = (session: OrtSession): SessionSignature => {
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
  };
  port.on("message", (msg: WorkerRequest) => {
    if (msg.op === "run") {
      const session = sessions.get(msg.key);
      if (!session) return fail(msg.id, `no session '${msg.key}' in this worker`);
      let feeds: Record<string, OrtTensor>;
      try {
        feeds = {};
        for (const name of Object.keys(msg.feeds)) {
          const t = msg.feeds[name]!;
          feeds[name] = new ort.Tensor(t.type, t.data, t.dims);
        }
      } catch (error) {
        return fail(msg.id, error);
      }
      const pending = msg.fetches ? session.run(feeds, msg.fetches) : session.run(feeds);
      pending.then(
        (results) => {
          const outputs: Record<string, WorkerTensor> = {};
          const transfer: ArrayBuffer[] = [];
          for (const name of Object.keys(results)) {
            const t = results[name]!;
            const data = t.data as { buffer?: unknown };
            outputs[name] = { type: t.type, dims: [...t.dims], data: t.data };
            if (data && data.buffer instanceof ArrayBuffer && !transfer.includes(data.buffer))
              transfer.push(data.buffer);
          }
          try {
            port.postMessage({ id: msg.id, ok: true, outputs }, transfer);
          } catch {
            port.postMessage({ id: msg.id, ok: true, outputs });
          }
        },
        (error: unknown) => fail(msg.id, error),
      );
      return undefined;
    }
    if (msg.op === "load") {
      ort.InferenceSession.create(msg.bytes, {
        intraOpNumThreads: msg.intraOpThreads,
        interOpNumThreads: 1,
        executionMode: "sequential",
        graphOptimizationLevel: "all",
      }).then(
        (session) => {
          const old = sessions.get(msg.key);
          sessions.set(msg.key, session);
          if (old) void old.release();
          port.postMessage({ id: msg.id, ok: true, signature: describe(session) });
        },
        (error: unknown) => fail(msg.id, error),
      );
      return undefined;
    }
    const session = sessions.get(msg.key);
    sessions.delete(msg.key);
    if (!session) return port.postMessage({ id: msg.id, ok: true });
    session.release().then(
      () => port.postMessage({ id: msg.id, ok: true }),
      (error: unknown) => fail(msg.id, error),
    );
    return undefined;
  });
}
