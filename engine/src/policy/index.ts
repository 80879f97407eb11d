/**
 * Policy layer: find OPA, compile Rego to WASM (cached), load and evaluate it in-process with host
 * builtins. Nothing here decides what a policy means; see docs/opa-toolchain.md.
 */
export { PINNED_OPA_VERSION, findProjectRoot, resolveOpa } from "./toolchain.js";
export type { OpaSource, OpaToolchain, ResolveOpaOptions } from "./toolchain.js";
export { compilePolicyBundle, computeCacheKey } from "./compile.js";
export type {
  CacheKeyMaterial,
  CompilePolicyBundleOptions,
  CompiledPolicyBundle,
  CustomBuiltinDeclaration,
  PolicySource,
  RegoType,
} from "./compile.js";
export { DEFAULT_MEMORY_PAGES, PAGE_BYTES, loadPolicy, mibToPages } from "./evaluate.js";
export type { LoadPolicyOptions, PolicyMemoryPages, WasmPolicy } from "./evaluate.js";
export { BuiltinArgumentError, RawJson, SDK_BUILTINS, createHostBuiltins } from "./builtins.js";
export type {
  BuiltinContext,
  BuiltinFunction,
  BuiltinMap,
  BuiltinResult,
  HostBuiltinOptions,
} from "./builtins.js";
export {
  PolicyCompileError,
  PolicyError,
  PolicyEvaluationError,
  PolicyLoadError,
  PolicyToolchainError,
} from "./errors.js";
export type { PolicyCompileProblem, PolicyEvaluationErrorCode, PolicyLoadErrorCode } from "./errors.js";
export { execFileProcess } from "./exec.js";
export type { ExecFileFn, ExecOptions, ExecResult } from "./exec.js";
export type { JsonPrimitive, JsonValue, PolicyClock } from "./types.js";
