import type { ContractField, Datatype } from "../registry/types.js";
import {
  allocate,
  elementCount,
  fromBinary,
  fromHalf,
  INTEGER_RANGE,
  isDatatype,
  isFloat,
  toHalf,
  type NumericData,
  type TensorData,
  type WireTensor,
} from "./tensors.js";

/**
 * Turns the `inputs` of a V2 inference request into tensors, checking them against the model's contract.
 *
 * Two kinds of problems: *structural* ones (missing or unknown input, wrong datatype, shape or data
 * length, a string where a number belongs) make the request impossible to run and are always a 400;
 * *contract* ones (out of range, unknown category, NaN/Infinity/null where not allowed) can run, so a
 * model in `log` validation mode passes them and only counts them.
 */

export type ViolationReason =
  | "missing"
  | "unknown"
  | "datatype"
  | "shape"
  | "data"
  | "type"
  | "range"
  | "category"
  | "non_finite"
  | "null";

export interface FieldViolation {
  /** Input name (or "inputs" for request-level problems). */
  field: string;
  reason: ViolationReason;
  message: string;
  /** False for contract violations a model can still run with. */
  structural: boolean;
}

export interface DecodedInputs {
  tensors: Record<string, WireTensor>;
  /** Rows in the batch (first dimension), identical across inputs; 0 when inputs disagree. */
  rows: number;
  violations: FieldViolation[];
}

/** A raw request input: what JSON gave us, with binary data attached when the extension was used. */
export interface RawInput {
  name?: unknown;
  shape?: unknown;
  datatype?: unknown;
  data?: unknown;
  parameters?: unknown;
  /** Set by the binary extension parser. */
  binary?: Uint8Array;
}

const MAX_VIOLATIONS_PER_FIELD = 5;
/** Tokens a lenient parse turns NaN/Infinity into (Python's json module writes them bare). */
export const NON_FINITE_TOKENS: Readonly<Record<string, number>> = {
  NaN: NaN,
  Infinity: Infinity,
  "-Infinity": -Infinity,
};

export interface CompiledField {
  field: ContractField;
  min: number;
  max: number;
  categories: Set<string | number> | undefined;
}

/** Precomputes per-field lookups once per model version. */
export function compileContractInputs(inputs: readonly ContractField[]): Map<string, CompiledField> {
  const out = new Map<string, CompiledField>();
  for (const field of inputs) {
    out.set(field.name, {
      field,
      min: field.min ?? -Infinity,
      max: field.max ?? Infinity,
      categories: field.categories ? new Set(field.categories) : undefined,
    });
  }
  return out;
}

export function decodeInputs(rawInputs: unknown, contract: Map<string, CompiledField>): DecodedInputs {
  const violations: FieldViolation[] = [];
  const tensors: Record<string, WireTensor> = {};
  if (!Array.isArray(rawInputs)) {
    violations.push(structural("inputs", "data", "`inputs` must be an array of tensors"));
    return { tensors, rows: 0, violations };
  }
  let rows = -1;
  for (const raw of rawInputs as RawInput[]) {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      violations.push(
        structural("inputs", "data", "each input must be an object {name, shape, datatype, data}"),
      );
      continue;
    }
    if (typeof raw.name !== "string") {
      violations.push(structural("inputs", "data", "an input has no string `name`"));
      continue;
    }
    const name = raw.name;
    if (tensors[name]) {
      violations.push(structural(name, "data", `input '${name}' is given more than once`));
      continue;
    }
    const compiled = contract.get(name);
    if (!compiled) {
      const known = [...contract.keys()].join(", ");
      violations.push(structural(name, "unknown", `unknown input '${name}' (the model takes: ${known})`));
      continue;
    }
    const tensor = decodeOne(raw, compiled, violations);
    if (!tensor) continue;
    tensors[name] = tensor;
    const first = tensor.dims.length > 0 ? tensor.dims[0]! : 1;
    if (rows === -1) rows = first;
    else if (rows !== first) rows = 0;
  }
  for (const name of contract.keys()) {
    if (!tensors[name] && !violations.some((v) => v.field === name)) {
      violations.push(structural(name, "missing", `required input '${name}' is missing`));
    }
  }
  return { tensors, rows: Math.max(rows, 0), violations };
}

function structural(field: string, reason: ViolationReason, message: string): FieldViolation {
  return { field, reason, message, structural: true };
}

function decodeOne(
  raw: RawInput,
  compiled: CompiledField,
  violations: FieldViolation[],
): WireTensor | undefined {
  const { field } = compiled;
  const name = field.name;
  if (!isDatatype(raw.datatype)) {
    violations.push(
      structural(
        name,
        "datatype",
        `input '${name}': datatype must be one of the V2 datatypes (got ${JSON.stringify(raw.datatype) ?? "nothing"})`,
      ),
    );
    return undefined;
  }
  if (raw.datatype !== field.datatype) {
    violations.push(
      structural(
        name,
        "datatype",
        `input '${name}': datatype must be ${field.datatype} (got ${raw.datatype})`,
      ),
    );
    return undefined;
  }
  const dims = raw.shape;
  if (!Array.isArray(dims) || dims.length > 16 || !dims.every((d) => Number.isInteger(d) && d >= 1)) {
    violations.push(
      structural(name, "shape", `input '${name}': shape must be an array of positive integers`),
    );
    return undefined;
  }
  const shapeProblem = checkShape(dims as number[], field.shape);
  if (shapeProblem) {
    violations.push(structural(name, "shape", `input '${name}': ${shapeProblem}`));
    return undefined;
  }
  const count = elementCount(dims as number[]);
  if (count > 50_000_000) {
    violations.push(structural(name, "shape", `input '${name}': shape ${JSON.stringify(dims)} is too large`));
    return undefined;
  }
  const datatype: Datatype = raw.datatype;
  let data: TensorData;
  if (raw.binary) {
    const decoded = fromBinary(datatype, raw.binary, count);
    if (typeof decoded === "string") {
      violations.push(structural(name, "data", `input '${name}': binary data ${decoded}`));
      return undefined;
    }
    data = decoded;
    checkValues(compiled, data, violations);
  } else {
    const flat = flatten(raw.data, dims as number[]);
    if (typeof flat === "string") {
      violations.push(structural(name, "data", `input '${name}': ${flat}`));
      return undefined;
    }
    const converted = convertJson(compiled, flat, violations);
    if (!converted) return undefined;
    data = converted;
  }
  return { datatype, dims: dims as number[], data };
}

function checkShape(dims: readonly number[], expected: readonly number[]): string | undefined {
  if (dims.length !== expected.length) {
    return `shape ${JSON.stringify(dims)} has rank ${dims.length}, the contract's shape ${JSON.stringify(expected)} has rank ${expected.length}`;
  }
  for (let i = 0; i < dims.length; i++) {
    const want = expected[i]!;
    if (want >= 0 && dims[i] !== want) {
      return `dimension ${i} is ${dims[i]}, the contract's shape ${JSON.stringify(expected)} needs ${want}`;
    }
  }
  return undefined;
}

/** Flattens row-major data that is flat or nested exactly as `dims`; returns an error message otherwise. */
export function flatten(data: unknown, dims: readonly number[]): unknown[] | string {
  const count = elementCount(dims);
  if (!Array.isArray(data)) return "data must be an array";
  if (data.length === count && (count === 0 || !Array.isArray(data[0]))) return data;
  if (dims.length <= 1 || data.length === 0 || !Array.isArray(data[0])) {
    return `data has ${data.length} elements but shape ${JSON.stringify(dims)} needs ${count}`;
  }
  const out = new Array<unknown>(count);
  let filled = 0;
  const walk = (node: unknown, depth: number): string | undefined => {
    if (!Array.isArray(node) || node.length !== dims[depth]) {
      return `nested data does not match shape ${JSON.stringify(dims)} at depth ${depth}`;
    }
    if (depth === dims.length - 1) {
      for (const v of node) {
        if (Array.isArray(v)) return `nested data is deeper than shape ${JSON.stringify(dims)}`;
        out[filled++] = v;
      }
      return undefined;
    }
    for (const child of node) {
      const problem = walk(child, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  };
  return walk(data, 0) ?? out;
}

function convertJson(
  compiled: CompiledField,
  flat: unknown[],
  violations: FieldViolation[],
): TensorData | undefined {
  const { field, min, max, categories } = compiled;
  const name = field.name;
  const datatype = field.datatype;
  const n = flat.length;
  let found = 0;
  const report = (reason: ViolationReason, message: string, isStructural: boolean): void => {
    if (found++ < MAX_VIOLATIONS_PER_FIELD)
      violations.push({
        field: name,
        reason,
        message: `input '${name}': ${message}`,
        structural: isStructural,
      });
  };
  if (datatype === "BYTES") {
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const v = flat[i];
      if (typeof v !== "string") {
        report("type", `element ${i} must be a string (got ${describe(v)})`, true);
        continue;
      }
      if (categories && !categories.has(v))
        report(
          "category",
          `element ${i} '${truncate(v)}' is not one of the categories [${[...categories].join(", ")}]`,
          false,
        );
      out[i] = v;
    }
    return violations.some((v) => v.field === name && v.structural) ? undefined : out;
  }
  if (datatype === "BOOL") {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = flat[i];
      if (typeof v !== "boolean")
        report("type", `element ${i} must be true or false (got ${describe(v)})`, true);
      else out[i] = v ? 1 : 0;
    }
    return found > 0 ? undefined : out;
  }
  const out = allocate(datatype, n) as NumericData;
  const float = isFloat(datatype);
  const range = INTEGER_RANGE[datatype];
  const big = datatype === "INT64" || datatype === "UINT64";
  const half = datatype === "FP16";
  let structuralFound = false;
  for (let i = 0; i < n; i++) {
    let v = flat[i];
    if (typeof v !== "number") {
      if (float && typeof v === "string" && v in NON_FINITE_TOKENS) {
        v = NON_FINITE_TOKENS[v]!;
      } else if (float && v === null) {
        if (!field.nullable) report("null", `element ${i} is null but the field is not nullable`, false);
        v = NaN;
      } else {
        report("type", `element ${i} must be a number (got ${describe(v)})`, true);
        structuralFound = true;
        continue;
      }
    }
    const x = v as number;
    if (float) {
      if (Number.isNaN(x)) {
        if (!field.nullable && flat[i] !== null)
          report("non_finite", `element ${i} is NaN, which the field does not allow (not nullable)`, false);
      } else if (!Number.isFinite(x))
        report("non_finite", `element ${i} is ${x}, which the field does not allow`, false);
      else if (x < min || x > max) report("range", `element ${i} = ${x} is outside [${min}, ${max}]`, false);
      if (half) (out as Uint16Array)[i] = toHalf(x);
      else (out as Float64Array)[i] = x;
      continue;
    }
    if (!Number.isInteger(x) || x < range![0] || x > range![1]) {
      report("type", `element ${i} = ${x} is not a ${datatype} integer`, true);
      structuralFound = true;
      continue;
    }
    if (x < min || x > max) report("range", `element ${i} = ${x} is outside [${min}, ${max}]`, false);
    if (categories && !categories.has(x))
      report(
        "category",
        `element ${i} = ${x} is not one of the categories [${[...categories].join(", ")}]`,
        false,
      );
    if (big) (out as BigInt64Array)[i] = BigInt(x);
    else (out as Int32Array)[i] = x;
  }
  return structuralFound ? undefined : out;
}

/** Contract checks for data that arrived in binary form. */
function checkValues(compiled: CompiledField, data: TensorData, violations: FieldViolation[]): void {
  const { field, min, max, categories } = compiled;
  let found = 0;
  const report = (reason: ViolationReason, message: string): void => {
    if (found++ < MAX_VIOLATIONS_PER_FIELD)
      violations.push({
        field: field.name,
        reason,
        message: `input '${field.name}': ${message}`,
        structural: false,
      });
  };
  const n = data.length;
  const half = field.datatype === "FP16";
  for (let i = 0; i < n; i++) {
    const raw = data[i]!;
    if (typeof raw === "string") {
      if (categories && !categories.has(raw))
        report("category", `element ${i} '${truncate(raw)}' is not one of the categories`);
      continue;
    }
    const x = half ? fromHalf(raw as number) : Number(raw);
    if (Number.isNaN(x)) {
      if (!field.nullable) report("non_finite", `element ${i} is NaN, which the field does not allow`);
    } else if (!Number.isFinite(x))
      report("non_finite", `element ${i} is ${x}, which the field does not allow`);
    else if (x < min || x > max) report("range", `element ${i} = ${x} is outside [${min}, ${max}]`);
    else if (categories && field.datatype !== "BOOL" && !categories.has(x))
      report("category", `element ${i} = ${x} is not one of the categories`);
  }
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return `the string '${truncate(v)}'`;
  return typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
