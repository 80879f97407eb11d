import { parseRfc3339Ns } from "./rfc3339.js";
import { compareSemver, parseSemver } from "../shared/semver.js";
import type { JsonValue, PolicyClock } from "./types.js";

/**
 * A JSON text handed to OPA as-is. Used for integers beyond 2^53 (nanosecond timestamps), which a JS
 * number would round.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

export type BuiltinResult = JsonValue | RawJson | undefined;

/** What a builtin sees besides its arguments. */
export interface BuiltinContext {
  /** Builtin name as Rego calls it, e.g. `time.now_ns`. */
  readonly name: string;
  /** Computes a value once per evaluation (OPA returns the same `time.now_ns` within one query). */
  memo<T>(key: string, compute: () => T): T;
}

/**
 * A host builtin. Must be synchronous (the WASM ABI calls it inline). Throw to fail the evaluation
 * (it surfaces as PolicyEvaluationError `builtin_failed`); return undefined for a Rego-undefined result.
 */
export type BuiltinFunction = (args: readonly JsonValue[], context: BuiltinContext) => BuiltinResult;

export type BuiltinMap = Readonly<Record<string, BuiltinFunction>>;

/** Builtins the @open-policy-agent/opa-wasm SDK implements itself (they take precedence over ours). */
export const SDK_BUILTINS: readonly string[] = [
  "sprintf",
  "regex.split",
  "json.is_valid",
  "yaml.is_valid",
  "yaml.marshal",
  "yaml.unmarshal",
];

/** Thrown by a builtin for arguments it cannot use; names the builtin and argument. */
export class BuiltinArgumentError extends Error {
  override readonly name = "BuiltinArgumentError";
}

export interface HostBuiltinOptions {
  readonly clock: PolicyClock;
}

/**
 * The builtins modelgate supplies to every policy. Kept small on purpose: facts (bump kind, budget
 * left, valid approvals) are computed by the engine into the input, not in Rego.
 */
export function createHostBuiltins(options: HostBuiltinOptions): BuiltinMap {
  const { clock } = options;
  return {
    "time.now_ns": (_args, context) =>
      new RawJson(context.memo("time.now_ns", () => (BigInt(clock.now().getTime()) * 1_000_000n).toString())),

    "time.parse_rfc3339_ns": ([value], context) => {
      const text = stringArg(value, 1, context);
      const ns = parseRfc3339Ns(text);
      if (ns === undefined)
        throw new BuiltinArgumentError(`${context.name}: operand 1: "${text}" is not an RFC 3339 timestamp`);
      return new RawJson(ns.toString());
    },

    "semver.is_valid": ([value]) => typeof value === "string" && parseSemver(value) !== undefined,

    "semver.compare": ([a, b], context) => {
      const left = parseSemver(stringArg(a, 1, context));
      if (left === undefined)
        throw new BuiltinArgumentError(
          `${context.name}: operand 1: string ${String(a)} is not a valid SemVer`,
        );
      const right = parseSemver(stringArg(b, 2, context));
      if (right === undefined)
        throw new BuiltinArgumentError(
          `${context.name}: operand 2: string ${String(b)} is not a valid SemVer`,
        );
      return compareSemver(left, right);
    },
  };
}

function stringArg(value: JsonValue | undefined, position: number, context: BuiltinContext): string {
  if (typeof value !== "string") {
    throw new BuiltinArgumentError(
      `${context.name}: operand ${position} must be a string, got ${JSON.stringify(value) ?? "undefined"}`,
    );
  }
  return value;
}
