import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { ContractField } from "../registry/types.js";
import type { OrtValueMetadata, SessionSignature } from "./inference-worker.js";
import type { ServingMetrics } from "./metrics.js";
import { compileContractInputs, type CompiledField } from "./validation.js";
import {
  datatypeFromOrt,
  elementCount,
  ORT_TYPE,
  toHalf,
  allocate,
  type NumericData,
  type WireTensor,
} from "./tensors.js";
import type { WorkerPool } from "./worker-pool.js";
import type { ServingModelSpec, TensorMetadata } from "./types.js";

export type LoadFailureReason =
  | "ArtifactUnreadable"
  | "ArtifactChecksumMismatch"
  | "SessionCreateFailed"
  | "SignatureMismatch"
  | "WarmupFailed";

/** A model version that could not be made ready; nothing of it serves. */
export class ModelLoadError extends Error {
  override readonly name = "ModelLoadError";
  constructor(
    readonly model: string,
    readonly version: string,
    readonly reason: LoadFailureReason,
    message: string,
  ) {
    super(`${model}@${version}: ${reason}: ${message}`);
  }
}

/** Response header naming the model version that answered. */
export const MODEL_VERSION_HEADER = "x-modelgate-model-version";

/** A verified, loaded and warmed-up model version, present in every worker. */
export class LoadedVersion {
  readonly inputs: TensorMetadata[];
  readonly outputs: TensorMetadata[];
  readonly outputNames: string[];
  readonly compiledInputs: Map<string, CompiledField>;
  /** `{"model_name":…,"model_version":…`: how every all-JSON response of this version starts. */
  readonly responsePrefix: string;
  /**
   * Headers of every all-JSON 200 response of this version, built once: `writeHead` reads an object
   * it is given (it neither copies nor changes it when no header was set before), so one frozen object
   * serves every response.
   */
  readonly jsonResponseHeaders: Readonly<Record<string, string>>;
  /** True when the contract's outputs are all of the session's outputs (set once the session loaded). */
  private outputsAreAll = false;
  private inflight = 0;
  private drained: (() => void) | undefined;

  constructor(
    readonly key: string,
    readonly spec: ServingModelSpec,
    readonly intraOpThreads: number,
  ) {
    const meta = (f: ContractField): TensorMetadata => ({
      name: f.name,
      datatype: f.datatype,
      shape: [...f.shape],
    });
    this.inputs = spec.contract.inputs.map(meta);
    this.outputs = spec.contract.outputs.map(meta);
    this.outputNames = this.outputs.map((o) => o.name);
    this.compiledInputs = compileContractInputs(spec.contract.inputs);
    this.responsePrefix = `{"model_name":${JSON.stringify(spec.model)},"model_version":${JSON.stringify(spec.version)}`;
    this.jsonResponseHeaders = Object.freeze({
      "content-type": "application/json",
      [MODEL_VERSION_HEADER]: spec.version,
    });
  }

  get model(): string {
    return this.spec.model;
  }

  /** Marks whether the session has exactly the contract's outputs (from its signature). */
  setSessionOutputs(names: readonly string[]): void {
    this.outputsAreAll =
      names.length === this.outputNames.length && this.outputNames.every((n) => names.includes(n));
  }

  /**
   * The fetch list for a run that wants `requested`: null (every output, nothing to send to the worker)
   * when that is the same set.
   */
  fetches(requested: string[]): string[] | null {
    return requested === this.outputNames && this.outputsAreAll ? null : requested;
  }
  get version(): string {
    return this.spec.version;
  }
  get inFlight(): number {
    return this.inflight;
  }

  /** Marks a request as using this version; call the returned function when it is done. */
  enter(): () => void {
    this.inflight += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.inflight -= 1;
      if (this.inflight === 0 && this.drained) this.drained();
    };
  }

  /** Resolves once no request uses this version (or after the timeout). */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.inflight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.drained = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
}

/** A stable identity for a loaded session: model, version and artifact digest. */
export function versionKey(spec: ServingModelSpec): string {
  return `${spec.model}@${spec.version}#${spec.artifact.sha256.toLowerCase()}`;
}

/**
 * Makes one model version ready: reads the artifact, verifies its sha256, creates the session in every
 * worker, checks the session's inputs and outputs against the contract, and runs a warm-up inference
 * built from the contract. Any failure releases what was created and throws `ModelLoadError`.
 */
export async function loadModelVersion(
  spec: ServingModelSpec,
  pool: WorkerPool,
  options: { intraOpThreads?: number; metrics?: ServingMetrics },
): Promise<LoadedVersion> {
  const started = performance.now();
  const intraOpThreads = Math.max(1, options.intraOpThreads ?? 1);
  // The thread count is part of the key: a re-load with other settings must not collide with the
  // session it replaces, which is released only after its requests drain.
  const loaded = new LoadedVersion(`${versionKey(spec)}/t${intraOpThreads}`, spec, intraOpThreads);
  const fail = (reason: LoadFailureReason, message: string): ModelLoadError => {
    options.metrics?.loadFailures.labels(spec.model, spec.version, reason).inc();
    return new ModelLoadError(spec.model, spec.version, reason, message);
  };
  let bytes: Uint8Array;
  try {
    bytes = spec.artifact.bytes ?? (await readFile(spec.artifact.path ?? ""));
  } catch (error) {
    throw fail(
      "ArtifactUnreadable",
      `cannot read ${spec.artifact.path ?? "(no path or bytes)"}: ${(error as Error).message}`,
    );
  }
  const digest = createHash("sha256").update(bytes).digest("hex");
  if (digest !== spec.artifact.sha256.toLowerCase()) {
    throw fail(
      "ArtifactChecksumMismatch",
      `artifact sha256 is ${digest}, the registry says ${spec.artifact.sha256}`,
    );
  }
  let signature: SessionSignature;
  try {
    signature = await pool.load(loaded.key, bytes, intraOpThreads);
  } catch (error) {
    await pool.release(loaded.key);
    throw fail("SessionCreateFailed", (error as Error).message);
  }
  const problems = checkSignature(spec, signature);
  loaded.setSessionOutputs(signature.outputs.map((o) => o.name));
  if (problems.length > 0) {
    await pool.release(loaded.key);
    throw fail("SignatureMismatch", problems.join("; "));
  }
  try {
    const outputs = await pool.runOnAll(loaded.key, warmupInputs(spec.contract.inputs), loaded.outputNames);
    for (const o of spec.contract.outputs) {
      const t = outputs[o.name];
      if (!t) throw new Error(`warm-up produced no output '${o.name}'`);
      if (t.datatype !== o.datatype)
        throw new Error(`output '${o.name}' is ${t.datatype}, the contract says ${o.datatype}`);
      if (t.dims.length !== o.shape.length) {
        throw new Error(
          `output '${o.name}' has shape ${JSON.stringify(t.dims)}, the contract says ${JSON.stringify(o.shape)}`,
        );
      }
    }
  } catch (error) {
    await pool.release(loaded.key);
    throw fail("WarmupFailed", (error as Error).message);
  }
  options.metrics?.loadDuration
    .labels(spec.model, spec.version)
    .observe((performance.now() - started) / 1000);
  return loaded;
}

/** Compares the ONNX session's inputs and outputs with the contract; returns problems as text. */
export function checkSignature(spec: ServingModelSpec, signature: SessionSignature): string[] {
  const problems: string[] = [];
  const compare = (
    kind: "input" | "output",
    field: ContractField,
    meta: OrtValueMetadata | undefined,
  ): void => {
    if (!meta) {
      problems.push(`the model has no ${kind} '${field.name}' that the contract declares`);
      return;
    }
    if (!meta.isTensor) {
      problems.push(
        `${kind} '${field.name}' is not a tensor in the model (e.g. a ZipMap); export it without`,
      );
      return;
    }
    if (meta.type !== undefined && meta.type !== ORT_TYPE[field.datatype]) {
      const actual = datatypeFromOrt(meta.type) ?? meta.type;
      problems.push(`${kind} '${field.name}' is ${actual} in the model, the contract says ${field.datatype}`);
    }
    if (meta.shape && meta.shape.length > 0) {
      if (meta.shape.length !== field.shape.length) {
        problems.push(
          `${kind} '${field.name}' has rank ${meta.shape.length} in the model, the contract's shape ${JSON.stringify(field.shape)} has rank ${field.shape.length}`,
        );
      } else {
        meta.shape.forEach((dim, i) => {
          const want = field.shape[i]!;
          const fixed = typeof dim === "number" && dim >= 0 ? dim : undefined;
          if (fixed !== undefined && want >= 0 && fixed !== want) {
            problems.push(
              `${kind} '${field.name}' dimension ${i} is ${fixed} in the model, the contract says ${want}`,
            );
          } else if (fixed !== undefined && want < 0 && kind === "input") {
            problems.push(
              `input '${field.name}' dimension ${i} is fixed at ${fixed} in the model, the contract says variable (-1)`,
            );
          }
        });
      }
    }
  };
  const inputs = new Map(signature.inputs.map((m) => [m.name, m]));
  const outputs = new Map(signature.outputs.map((m) => [m.name, m]));
  for (const field of spec.contract.inputs) compare("input", field, inputs.get(field.name));
  for (const field of spec.contract.outputs) compare("output", field, outputs.get(field.name));
  const declared = new Set(spec.contract.inputs.map((f) => f.name));
  for (const m of signature.inputs) {
    if (!declared.has(m.name))
      problems.push(`the model needs input '${m.name}', which the contract does not declare`);
  }
  return problems;
}

/** Two rows of plausible inputs per contract field: inside [min, max], from the categories. */
export function warmupInputs(fields: readonly ContractField[], rows = 2): Record<string, WireTensor> {
  const out: Record<string, WireTensor> = {};
  for (const field of fields) {
    const dims = field.shape.map((d, i) => (d >= 0 ? d : i === 0 ? rows : 1));
    const n = elementCount(dims);
    const data = allocate(field.datatype, n);
    for (let i = 0; i < n; i++) {
      if (Array.isArray(data)) {
        const cats = field.categories;
        data[i] = cats && cats.length > 0 ? String(cats[i % cats.length]) : `warmup-${i}`;
        continue;
      }
      let v: number;
      const cats = field.categories?.filter((c): c is number => typeof c === "number");
      if (cats && cats.length > 0) v = cats[i % cats.length]!;
      else {
        const lo = field.min ?? (field.max !== undefined ? Math.min(0, field.max) : 0);
        const hi = field.max ?? (field.min !== undefined ? Math.max(1, field.min) : 1);
        v = lo + ((hi - lo) * (i + 1)) / (n + 1);
      }
      if (field.datatype === "BOOL") (data as Uint8Array)[i] = i % 2;
      else if (field.datatype === "FP16") (data as Uint16Array)[i] = toHalf(v);
      else if (field.datatype === "FP32" || field.datatype === "FP64") (data as Float64Array)[i] = v;
      else if (field.datatype === "INT64" || field.datatype === "UINT64")
        (data as BigInt64Array)[i] = BigInt(Math.round(v));
      else (data as NumericData as Int32Array)[i] = Math.round(v);
    }
    out[field.name] = { datatype: field.datatype, dims, data };
  }
  return out;
}
