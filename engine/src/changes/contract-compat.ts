/**
 * Contract field changes and their compatibility, Confluent Schema Registry style.
 *
 * Each field change gets two schema-level facts:
 *   backward_ok: the new contract can read data written under the old one,
 *   forward_ok:  the old contract can read data written under the new one.
 * Which of them a change needs depends on the contract's mode and on who reads the field:
 * inputs are read by the model (the new contract is the reader), so BACKWARD judges inputs by
 * backward_ok; outputs are read by clients (the old contract is the reader), so BACKWARD judges outputs
 * by forward_ok. FORWARD swaps the two, FULL needs both, NONE needs neither. `_TRANSITIVE` modes apply the
 * same test against every earlier contract version, not only the latest.
 */
import type { CompatibilityMode, Contract, ContractField, Datatype } from "../registry/types.js";
import type { FieldChange, FieldChangeKind, FieldDirection, TransitiveCheck } from "./types.js";

/** Lossless datatype widenings: a reader of the right-hand type can read every value of the left. */
const WIDENS_TO: Partial<Record<Datatype, Datatype[]>> = {
  BOOL: [],
  INT8: ["INT16", "INT32", "INT64", "FP16", "FP32", "FP64"],
  INT16: ["INT32", "INT64", "FP32", "FP64"],
  INT32: ["INT64", "FP64"],
  UINT8: ["UINT16", "UINT32", "UINT64", "INT16", "INT32", "INT64", "FP16", "FP32", "FP64"],
  UINT16: ["UINT32", "UINT64", "INT32", "INT64", "FP32", "FP64"],
  UINT32: ["UINT64", "INT64", "FP64"],
  FP16: ["FP32", "FP64"],
  FP32: ["FP64"],
};

/** True when `to` can hold every value of `from` exactly. */
export function isWidening(from: Datatype, to: Datatype): boolean {
  return WIDENS_TO[from]?.includes(to) ?? false;
}

/** Which schema-level checks a field of this direction must pass under a mode. */
export function requiredChecks(
  mode: CompatibilityMode,
  direction: FieldDirection,
): { backward: boolean; forward: boolean } {
  const base = mode.replace(/_TRANSITIVE$/, "");
  if (base === "NONE") return { backward: false, forward: false };
  if (base === "FULL") return { backward: true, forward: true };
  const modelSide = base === "BACKWARD";
  // inputs: the model (new contract) reads; outputs: clients (old contract) read.
  const backward = direction === "input" ? modelSide : !modelSide;
  return { backward, forward: !backward };
}

export function judge(
  mode: CompatibilityMode,
  direction: FieldDirection,
  backwardOk: boolean,
  forwardOk: boolean,
): boolean {
  const need = requiredChecks(mode, direction);
  return (!need.backward || backwardOk) && (!need.forward || forwardOk);
}

function shapeReadable(reader: number[], writer: number[]): boolean {
  if (reader.length !== writer.length) return false;
  return reader.every((dim, i) => dim === -1 || dim === writer[i]);
}

function rangeText(f: ContractField): string {
  return `[${f.min ?? "-inf"}, ${f.max ?? "+inf"}]`;
}

/** [min, max] of `outer` contains [min, max] of `inner` (absent bounds are unbounded). */
function rangeContains(outer: ContractField, inner: ContractField): boolean {
  const minOk = outer.min === undefined || (inner.min !== undefined && inner.min >= outer.min);
  const maxOk = outer.max === undefined || (inner.max !== undefined && inner.max <= outer.max);
  return minOk && maxOk;
}

type Locate = (pointer: string) => number;

export interface DiffFieldsOptions {
  mode: CompatibilityMode;
  /** Line of a JSON pointer in the head file (used for removed fields: the parent list). */
  locate: Locate;
  file: string;
}

/** Every field-level change between two contracts, each judged for the mode. */
export function diffContractFields(
  before: Contract,
  after: Contract,
  options: DiffFieldsOptions,
): FieldChange[] {
  const out: FieldChange[] = [];
  for (const direction of ["input", "output"] as const) {
    const key = direction === "input" ? "inputs" : "outputs";
    const oldFields = new Map((before[key] ?? []).map((f) => [f.name, f]));
    const newList = after[key] ?? [];
    const newFields = new Map(newList.map((f, i) => [f.name, { f, i }]));
    const push = (
      field: string,
      change: FieldChangeKind,
      detail: string,
      backwardOk: boolean,
      forwardOk: boolean,
      pointer: string,
    ): void => {
      out.push({
        direction,
        field,
        change,
        detail,
        backward_ok: backwardOk,
        forward_ok: forwardOk,
        compatible: judge(options.mode, direction, backwardOk, forwardOk),
        file: options.file,
        line: options.locate(pointer),
      });
    };
    for (const [name, old] of oldFields) {
      if (!newFields.has(name)) {
        const optional = old.nullable === true;
        push(
          name,
          "field_removed",
          `${direction} ${name} removed${optional ? " (was nullable)" : ""}`,
          true,
          optional,
          `/${key}`,
        );
      }
    }
    for (const [name, { f: now, i }] of newFields) {
      const at = (prop?: string): string => `/${key}/${i}${prop ? `/${prop}` : ""}`;
      const old = oldFields.get(name);
      if (!old) {
        const optional = now.nullable === true;
        push(
          name,
          "field_added",
          `${direction} ${name} added${optional ? " (nullable)" : " (required)"}`,
          optional,
          true,
          at(),
        );
        continue;
      }
      if (old.datatype !== now.datatype) {
        const detail = `${old.datatype} -> ${now.datatype}`;
        if (isWidening(old.datatype, now.datatype))
          push(name, "type_widened", detail, true, false, at("datatype"));
        else if (isWidening(now.datatype, old.datatype))
          push(name, "type_narrowed", detail, false, true, at("datatype"));
        else push(name, "type_changed", detail, false, false, at("datatype"));
      }
      const wasNullable = old.nullable === true;
      const isNullable = now.nullable === true;
      if (wasNullable !== isNullable) {
        if (isNullable) push(name, "nullable_added", "nullable false -> true", true, false, at("nullable"));
        else push(name, "nullable_removed", "nullable true -> false", false, true, at("nullable"));
      }
      if (old.min !== now.min || old.max !== now.max) {
        const detail = `${rangeText(old)} -> ${rangeText(now)}`;
        const pointer = old.min !== now.min ? at("min") : at("max");
        const widened = rangeContains(now, old);
        const narrowed = rangeContains(old, now);
        if (widened) push(name, "range_widened", detail, true, false, pointer);
        else if (narrowed) push(name, "range_narrowed", detail, false, true, pointer);
        else push(name, "range_shifted", detail, false, false, pointer);
      }
      const oldCats = old.categories?.map(String);
      const newCats = now.categories?.map(String);
      if (oldCats && newCats) {
        const added = newCats.filter((c) => !oldCats.includes(c));
        const removed = oldCats.filter((c) => !newCats.includes(c));
        if (added.length > 0)
          push(name, "categories_added", `added ${added.join(", ")}`, true, false, at("categories"));
        if (removed.length > 0)
          push(name, "categories_removed", `removed ${removed.join(", ")}`, false, true, at("categories"));
      } else if (oldCats && !newCats) {
        push(name, "categories_added", "category list removed (any value allowed)", true, false, at());
      } else if (!oldCats && newCats) {
        push(
          name,
          "categories_removed",
          `restricted to ${newCats.join(", ")}`,
          false,
          true,
          at("categories"),
        );
      }
      const oldShape = old.shape ?? [];
      const newShape = now.shape ?? [];
      if (JSON.stringify(oldShape) !== JSON.stringify(newShape)) {
        push(
          name,
          "shape_changed",
          `[${oldShape.join(", ")}] -> [${newShape.join(", ")}]`,
          shapeReadable(newShape, oldShape),
          shapeReadable(oldShape, newShape),
          at("shape"),
        );
      }
    }
  }
  return out;
}

export interface ContractVerdict {
  field_changes: FieldChange[];
  compatible: boolean;
  breaking_count: number;
  transitive?: TransitiveCheck[];
}

/**
 * Classifies the change from `before` to `after` under `after`'s compatibility mode. For
 * `_TRANSITIVE` modes, `history` (earlier versions, oldest first, excluding `before`) is checked too.
 */
export function classifyContractChange(
  before: Contract,
  after: Contract,
  options: { locate: Locate; file: string; history?: Contract[] },
): ContractVerdict {
  const mode = after.compatibility;
  const fieldChanges = diffContractFields(before, after, {
    mode,
    locate: options.locate,
    file: options.file,
  });
  const breaking = fieldChanges.filter((c) => !c.compatible).length;
  if (!mode.endsWith("_TRANSITIVE")) {
    return { field_changes: fieldChanges, compatible: breaking === 0, breaking_count: breaking };
  }
  const transitive: TransitiveCheck[] = [];
  const seen = new Set<string>([before.version]);
  for (const earlier of options.history ?? []) {
    if (seen.has(earlier.version) || earlier.version === after.version) continue;
    seen.add(earlier.version);
    const changes = diffContractFields(earlier, after, { mode, locate: options.locate, file: options.file });
    const bad = changes.filter((c) => !c.compatible);
    transitive.push({ against_version: earlier.version, compatible: bad.length === 0, breaking: bad });
  }
  const transitiveBreaking = transitive.reduce((n, t) => n + t.breaking.length, 0);
  return {
    field_changes: fieldChanges,
    compatible: breaking === 0 && transitiveBreaking === 0,
    breaking_count: breaking + transitiveBreaking,
    transitive,
  };
}
