import { createRequire, Module } from "node:module";
import { dirname, join } from "node:path";
import type * as OpaWasm from "@open-policy-agent/opa-wasm";
import {
  SDK_BUILTINS,
  RawJson,
  type BuiltinContext,
  type BuiltinMap,
  type BuiltinResult,
} from "./builtins.js";
import { PolicyEvaluationError, PolicyLoadError } from "./errors.js";
import type { JsonValue } from "./types.js";

/** WebAssembly page size. */
export const PAGE_BYTES = 64 * 1024;
const PAGES_PER_MIB = (1024 * 1024) / PAGE_BYTES;

/** Default memory: start at 10 MiB (room for a large change set), never grow past 128 MiB. */
export const DEFAULT_MEMORY_PAGES = { initial: 10 * PAGES_PER_MIB, maximum: 128 * PAGES_PER_MIB } as const;

export function mibToPages(mib: number): number {
  return Math.ceil(mib * PAGES_PER_MIB);
}

export interface PolicyMemoryPages {
  readonly initial?: number;
  /** Hard limit; an input that needs more fails with `input_too_large`. Config: `policy.memory_mib`. */
  readonly maximum?: number;
}

export interface LoadPolicyOptions {
  /** Host builtins (see createHostBuiltins); the SDK's own (sprintf, yaml.*, ...) are always present. */
  readonly builtins?: BuiltinMap;
  readonly memoryPages?: PolicyMemoryPages;
  /**
   * By default a module that calls a builtin nobody supplies is refused at load time. Set to true to
   * load it anyway; such a call then fails its evaluation with `unsupported_builtin`.
   */
  readonly allowMissingBuiltins?: boolean;
}

/** A compiled policy, loaded once and evaluated many times (evaluation is synchronous). */
export interface WasmPolicy {
  /** Entrypoints the module exports, as `package/path/rule`. */
  readonly entrypoints: readonly string[];
  /** Builtins the module calls that are not compiled into it. */
  readonly requiredBuiltins: readonly string[];
  /**
   * Evaluates one entrypoint. Returns the rule's value, or undefined when the rule is undefined for
   * this input (callers treat that as a denial). Throws PolicyEvaluationError for anything else.
   */
  evaluate(entrypoint: string, input?: unknown): JsonValue | undefined;
  /** As evaluate, but an undefined result is a PolicyEvaluationError (`undefined_result`). */
  evaluateDefined(entrypoint: string, input?: unknown): JsonValue;
  /** Replaces `data` for later evaluations. */
  setData(data: JsonValue): void;
}

/** Wraps a builtin's exception so the evaluator can name the builtin. */
class BuiltinCallFailure extends Error {
  constructor(
    readonly builtin: string,
    override readonly cause: unknown,
  ) {
    super(`${builtin}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

type OpaWasmPolicy = OpaWasm.LoadedPolicy;

/**
 * The SDK through its CommonJS entry: only that one exports `loadPolicySync` (the ESM entry has just
 * the async `loadPolicy`, whose `instanceof Response` check makes Node load its whole fetch
 * implementation, about 20 ms of a `modelgate check`). Loaded on first use.
 */
let sdkModule: typeof OpaWasm | undefined;
function opaWasm(): typeof OpaWasm {
  if (!sdkModule) {
    const require = createRequire(import.meta.url);
    deferSdkYamlBuiltins(require);
    sdkModule = require("@open-policy-agent/opa-wasm") as typeof OpaWasm;
  }
  return sdkModule;
}

/** The exports of the SDK's `src/builtins/yaml.js` (its version is pinned in package.json; a test compares). */
export const SDK_YAML_BUILTINS = ["yaml.is_valid", "yaml.marshal", "yaml.unmarshal"] as const;

/** Where the SDK's yaml.* builtins module is. */
export function sdkYamlBuiltinsFile(require: NodeJS.Require): string {
  return join(dirname(require.resolve("@open-policy-agent/opa-wasm")), "builtins", "yaml.js");
}

/**
 * The SDK's yaml.* builtins module requires `yaml` when the SDK loads: about 30 ms of a check, for
 * builtins that the built-in rules never call. It is put into the require cache first as forwarders
 * that load the real module on their first call (the SDK copies the builtins' functions when it
 * loads, so the forwarders are what it calls).
 */
function deferSdkYamlBuiltins(require: NodeJS.Require): void {
  const file = sdkYamlBuiltinsFile(require);
  if (require.cache[file]) return;
  type Builtin = (...args: unknown[]) => unknown;
  let real: Record<string, Builtin> | undefined;
  const load = (): Record<string, Builtin> => {
    if (!real) {
      delete require.cache[file];
      real = require(file) as Record<string, Builtin>;
    }
    return real;
  };
  const exports: Record<string, Builtin> = {};
  for (const name of SDK_YAML_BUILTINS) exports[name] = (...args) => load()[name]!(...args);
  const stub = new Module(file);
  stub.filename = file;
  stub.exports = exports;
  stub.loaded = true;
  require.cache[file] = stub;
}

const NOT_IMPLEMENTED = /^not implemented: built-in function \d+: (.+)$/;
const encoder = new TextEncoder();

export async function loadPolicy(wasm: Uint8Array, options: LoadPolicyOptions = {}): Promise<WasmPolicy> {
  const initial = options.memoryPages?.initial ?? DEFAULT_MEMORY_PAGES.initial;
  const maximum = Math.max(options.memoryPages?.maximum ?? DEFAULT_MEMORY_PAGES.maximum, initial);
  const builtins = options.builtins ?? {};
  let memo = new Map<string, unknown>();

  const adapted: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [name, implementation] of Object.entries(builtins)) {
    const context: BuiltinContext = {
      name,
      memo<T>(key: string, compute: () => T): T {
        if (!memo.has(key)) memo.set(key, compute());
        return memo.get(key) as T;
      },
    };
    adapted[name] = (...args: unknown[]) => {
      let result: BuiltinResult;
      try {
        result = implementation(args as JsonValue[], context);
      } catch (error) {
        throw new BuiltinCallFailure(name, error);
      }
      return result instanceof RawJson ? toArrayBuffer(encoder.encode(result.text)) : result;
    };
  }

  let sdk: OpaWasmPolicy;
  try {
    // Synchronous compile + instantiate: one module per process, so the async API's off-thread
    // compilation gains nothing here.
    sdk = opaWasm().loadPolicySync(wasm, { initial, maximum }, adapted);
  } catch (error) {
    const message = describe(error);
    if (error instanceof Error && error.name === "LinkError" && /memory/i.test(message)) {
      throw new PolicyLoadError(
        "memory_too_small",
        `policy needs more initial memory than ${initial} pages: ${message}`,
        {},
        { cause: error },
      );
    }
    throw new PolicyLoadError(
      "invalid_wasm",
      `not a loadable OPA WASM policy: ${message}`,
      {},
      { cause: error },
    );
  }

  const entrypointIds = readEntrypoints(sdk);
  const requiredBuiltins = readRequiredBuiltins(sdk);
  const supplied = new Set([...SDK_BUILTINS, ...Object.keys(builtins)]);
  const missing = requiredBuiltins.filter((name) => !supplied.has(name));
  if (missing.length > 0 && options.allowMissingBuiltins !== true) {
    throw new PolicyLoadError(
      "missing_builtins",
      `policy calls builtin${missing.length === 1 ? "" : "s"} ${missing.join(", ")} that modelgate does not supply to WASM policies; ` +
        "compute the value in the engine and pass it in the input, or remove the call",
      { builtins: missing },
    );
  }
  const maxBytes = maximum * PAGE_BYTES;
  const maxMib = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;

  function evaluate(entrypoint: string, input?: unknown): JsonValue | undefined {
    if (!entrypointIds.has(entrypoint)) {
      throw new PolicyEvaluationError(
        "unknown_entrypoint",
        `entrypoint "${entrypoint}" is not in this policy (it has: ${[...entrypointIds].join(", ") || "none"}); add it to the compile entrypoints`,
        { entrypoint },
      );
    }
    const serialized = input === undefined ? undefined : serialize(input, entrypoint);
    const inputBytes = serialized?.byteLength ?? 0;
    const heapStart = typeof sdk.dataHeapPtr === "number" ? sdk.dataHeapPtr : 0;
    if (heapStart + inputBytes > maxBytes) throw tooLarge(entrypoint, inputBytes);

    memo = new Map();
    let raw: unknown;
    try {
      raw = sdk.evaluate(serialized, entrypoint);
    } catch (error) {
      throw translate(error, entrypoint, inputBytes);
    }
    return unwrap(raw, entrypoint);
  }

  function tooLarge(entrypoint: string, inputBytes: number): PolicyEvaluationError {
    return new PolicyEvaluationError(
      "input_too_large",
      `input too large for policy memory (${maxMib} MiB); raise policy.memory_mib (entrypoint ${entrypoint}, input ${formatBytes(inputBytes)})`,
      { entrypoint },
    );
  }

  function translate(error: unknown, entrypoint: string, inputBytes: number): PolicyEvaluationError {
    if (error instanceof BuiltinCallFailure) {
      return new PolicyEvaluationError(
        "builtin_failed",
        `policy evaluation of ${entrypoint} failed in builtin ${error.message}`,
        { entrypoint, builtin: error.builtin },
        { cause: error.cause },
      );
    }
    const message = describe(error);
    const notImplemented = NOT_IMPLEMENTED.exec(message);
    if (notImplemented?.[1] !== undefined) {
      const builtin = notImplemented[1];
      return new PolicyEvaluationError(
        "unsupported_builtin",
        `policy ${entrypoint} called builtin ${builtin}, which modelgate does not supply to WASM policies; ` +
          "compute the value in the engine and pass it in the input, or remove the call",
        { entrypoint, builtin },
        { cause: error },
      );
    }
    if (message.includes("opa_malloc") || (error instanceof RangeError && /memory/i.test(message))) {
      // Parsed JSON takes roughly ten times its text size inside the module.
      if (inputBytes * 16 >= maxBytes) return tooLarge(entrypoint, inputBytes);
      return new PolicyEvaluationError(
        "memory_exhausted",
        `policy ${entrypoint} ran out of memory (${maxMib} MiB) on an input of ${formatBytes(inputBytes)}; raise policy.memory_mib`,
        { entrypoint },
        { cause: error },
      );
    }
    return new PolicyEvaluationError(
      "runtime_error",
      `policy evaluation of ${entrypoint} failed: ${message}`,
      { entrypoint },
      { cause: error },
    );
  }

  return {
    entrypoints: [...entrypointIds.keys()],
    requiredBuiltins,
    evaluate,
    evaluateDefined(entrypoint, input) {
      const value = evaluate(entrypoint, input);
      if (value === undefined) {
        throw new PolicyEvaluationError(
          "undefined_result",
          `policy ${entrypoint} is undefined for this input; treated as a denial`,
          {
            entrypoint,
          },
        );
      }
      return value;
    },
    setData(data) {
      const serialized = serialize(data, "data");
      try {
        sdk.setData(serialized);
      } catch (error) {
        throw translate(error, "data", serialized.byteLength);
      }
    },
  };
}

function serialize(value: unknown, entrypoint: string): ArrayBuffer {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new PolicyEvaluationError(
      "invalid_input",
      `policy input for ${entrypoint} is not JSON: ${describe(error)}`,
      { entrypoint },
      { cause: error },
    );
  }
  if (text === undefined) {
    throw new PolicyEvaluationError(
      "invalid_input",
      `policy input for ${entrypoint} is not JSON (got ${typeof value})`,
      { entrypoint },
    );
  }
  return toArrayBuffer(encoder.encode(text));
}

function unwrap(raw: unknown, entrypoint: string): JsonValue | undefined {
  if (!Array.isArray(raw)) {
    throw new PolicyEvaluationError(
      "unexpected_result",
      `policy ${entrypoint} returned ${JSON.stringify(raw)}, not a result set`,
      { entrypoint },
    );
  }
  if (raw.length === 0) return undefined;
  const first: unknown = raw[0];
  if (raw.length !== 1 || typeof first !== "object" || first === null || !("result" in first)) {
    throw new PolicyEvaluationError(
      "unexpected_result",
      `policy ${entrypoint} returned an unexpected result set`,
      { entrypoint },
    );
  }
  return first.result as JsonValue;
}

function readEntrypoints(sdk: OpaWasmPolicy): Map<string, number> {
  const raw: unknown = sdk.entrypoints;
  const entries = new Map<string, number>();
  if (typeof raw === "object" && raw !== null) {
    for (const [name, id] of Object.entries(raw)) {
      if (typeof id === "number") entries.set(name, id);
    }
  }
  return entries;
}

interface OpaExports {
  builtins(): number;
  opa_json_dump(address: number): number;
}

/** The module's `builtins()` export: `{ name: id }` for every builtin it leaves to the host. */
function readRequiredBuiltins(sdk: OpaWasmPolicy): string[] {
  // The SDK keeps either an Instance or an { instance, module } pair, depending on how it loaded.
  const holder = sdk.wasmInstance as unknown as { exports?: unknown; instance?: { exports: unknown } };
  const exports = (holder.exports ?? holder.instance?.exports) as OpaExports;
  const address = exports.opa_json_dump(exports.builtins());
  const bytes = new Uint8Array(sdk.mem.buffer);
  let end = address;
  while (end < bytes.length && bytes[end] !== 0) end++;
  const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes.subarray(address, end)));
  return typeof parsed === "object" && parsed !== null ? Object.keys(parsed).sort() : [];
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
  ) {
    return bytes.buffer;
  }
  return bytes.slice().buffer;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string")
    return error.message;
  return String(error);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
    : `${Math.ceil(bytes / 1024)} KiB`;
}
