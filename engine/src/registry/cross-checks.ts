import { posix } from "node:path";
import { parseDuration } from "../shared/duration.js";
import { closestMatch } from "./did-you-mean.js";
import type { DocumentKind } from "./schemas.js";
import type {
  Contract,
  ContractField,
  FeatureBaseline,
  RegistryConfig,
  RegistryDiagnostic,
  Slo,
  Waiver,
} from "./types.js";
import { joinPointer, type KeyAwarePositions } from "./yaml/positions.js";

/** One registry YAML file as the loader saw it. */
export interface LoadedDocument {
  file: string;
  kind: DocumentKind;
  /** The name the path gives it: file name without .yaml (model folder for model cards). */
  stem: string;
  /** Model folder, for model cards and versions. */
  model?: string | undefined;
  /** False when the file could not be read or parsed. */
  readable: boolean;
  /** True when it passed its JSON Schema (only then are the cross-checks below run on it). */
  valid?: boolean;
  value?: unknown;
  positions?: KeyAwarePositions;
}

const NAME_RE = /^[a-z][a-z0-9-]{0,62}$/;
/** The semver and URI patterns of schemas/ (checked here before a reference is followed). */
const SEMVER_RE =
  /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(\+[0-9a-zA-Z-]+(\.[0-9a-zA-Z-]+)*)?$/;
const URI_RE = /^(file:|https?:\/\/)\S+$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value when it is a string matching `pattern`; undefined otherwise (the schema reports it). */
function text(value: unknown, pattern: RegExp): string | undefined {
  return typeof value === "string" && pattern.test(value) ? value : undefined;
}
const SUM_TOLERANCE = 1e-6;
const DEFAULT_ALLOWED_STORES = ["file:"];
const DEFAULT_MAX_ARTIFACT_BYTES = 100 * 1024 * 1024;

/**
 * Checks what a single schema cannot: references between files, names that must agree with paths,
 * traffic weights, baselines, artifact locations. Existence checks use every file present (valid or
 * not), so one broken file does not cascade into "missing" errors elsewhere; content checks run only on
 * documents that passed their schema.
 */
/** Names of one kind of document: what the cross-checks ask of them (a Set is one). */
export interface NameSet extends Iterable<string> {
  has(name: string): boolean;
}

/** Which registry documents exist, by the path listing alone (see crossCheck). */
export interface Existence {
  models: NameSet;
  /** model -> version file stems (undefined: none) */
  versions: { get(model: string): NameSet | undefined };
  contracts: NameSet;
  slos: NameSet;
  environments: NameSet;
}

/** Existence as plain sets, built up document by document (existenceOf, addExistence). */
export interface ExistenceSets extends Existence {
  models: Set<string>;
  versions: Map<string, Set<string>>;
  contracts: Set<string>;
  slos: Set<string>;
  environments: Set<string>;
}

/** The existence sets of a set of documents (parsed or not: only kind, stem and model count). */
export function existenceOf(
  documents: readonly Pick<LoadedDocument, "kind" | "stem" | "model">[],
): ExistenceSets {
  const out: ExistenceSets = {
    models: new Set(),
    versions: new Map(),
    contracts: new Set(),
    slos: new Set(),
    environments: new Set(),
  };
  for (const doc of documents) addExistence(out, doc);
  return out;
}

/** Adds one document to existence sets. */
/** Adds one document (by its path's kind, stem and model) to existence sets. */
export function addExistence(out: ExistenceSets, doc: Pick<LoadedDocument, "kind" | "stem" | "model">): void {
  switch (doc.kind) {
    case "model":
      out.models.add(doc.stem);
      break;
    case "model-version": {
      const set = out.versions.get(doc.model!);
      if (set) set.add(doc.stem);
      else out.versions.set(doc.model!, new Set([doc.stem]));
      break;
    }
    case "contract":
      out.contracts.add(doc.stem);
      break;
    case "slo":
      out.slos.add(doc.stem);
      break;
    case "environment":
      out.environments.add(doc.stem);
      break;
    default:
      break;
  }
}

/**
 * `existence`, when given, names every document of the tree (the scoped load passes the head's
 * listing and only the documents it parsed); by default it is taken from `documents`.
 */
export function crossCheck(
  documents: readonly LoadedDocument[],
  files: { has(path: string): boolean },
  existence: Existence = existenceOf(documents),
): { errors: RegistryDiagnostic[]; warnings: RegistryDiagnostic[] } {
  const errors: RegistryDiagnostic[] = [];
  const warnings: RegistryDiagnostic[] = [];
  const report = (
    list: RegistryDiagnostic[],
    doc: LoadedDocument,
    pointer: string | (string | number)[],
    message: string,
    code: string,
    hint?: string,
    atKey = false,
  ): void => {
    const p = typeof pointer === "string" ? pointer : joinPointer(pointer);
    const pos = doc.positions
      ? atKey
        ? doc.positions.locateKey(p)
        : doc.positions.locate(p)
      : { line: 1, column: 1 };
    const d: RegistryDiagnostic = {
      file: doc.file,
      line: pos.line,
      column: pos.column,
      pointer: p,
      message,
      code,
    };
    if (hint) d.hint = hint;
    list.push(d);
  };
  const error = (
    doc: LoadedDocument,
    pointer: string | (string | number)[],
    message: string,
    code: string,
    hint?: string,
    atKey = false,
  ): void => report(errors, doc, pointer, message, code, hint, atKey);
  const warn = (
    doc: LoadedDocument,
    pointer: string | (string | number)[],
    message: string,
    code: string,
    hint?: string,
  ): void => report(warnings, doc, pointer, message, code, hint);

  // What exists, whatever its validity.
  const grouped = new Map<DocumentKind, LoadedDocument[]>();
  for (const doc of documents) {
    const list = grouped.get(doc.kind);
    if (list) list.push(doc);
    else grouped.set(doc.kind, [doc]);
  }
  const byKind = (kind: DocumentKind): LoadedDocument[] => grouped.get(kind) ?? [];
  const modelNames = existence.models;
  const versionsOf = existence.versions;
  const contractNames = existence.contracts;
  const sloNames = existence.slos;
  const envFiles = existence.environments;
  /** Documents that parsed to a mapping, whether or not they passed their schema. */
  const readable = (kind: DocumentKind): LoadedDocument[] =>
    byKind(kind).filter((d) => d.readable && isRecord(d.value));
  const valid = <T>(kind: DocumentKind): [LoadedDocument, T][] =>
    byKind(kind)
      .filter((d) => d.valid)
      .map((d) => [d, d.value as T]);

  const suggest = (word: string, names: Iterable<string>, create: string): string => {
    const guess = closestMatch(word, names);
    return guess ? `did you mean \`${guess}\`? (or create ${create})` : `create ${create}`;
  };
  const nameMustMatch = (doc: LoadedDocument, name: string, expected: string, what: string): void => {
    if (name !== expected)
      error(
        doc,
        "/name",
        `name \`${name}\` does not match the ${what} \`${expected}\``,
        "name-mismatch",
        `rename the ${what} or set name: ${expected}`,
      );
  };
  const fileNameMustBeValid = (doc: LoadedDocument): void => {
    if (!NAME_RE.test(doc.stem))
      error(
        doc,
        "",
        `file name \`${doc.stem}\` is not a valid name (lowercase letters, digits, dashes; starts with a letter)`,
        "invalid-name",
      );
  };

  // ---- modelgate.yaml
  const configDoc = byKind("modelgate")[0];
  const config = configDoc?.valid ? (configDoc.value as RegistryConfig) : undefined;
  const declared = new Map<string, number>();
  if (configDoc && config) {
    config.environments.forEach((env, i) => {
      if (declared.has(env.name))
        error(
          configDoc,
          ["environments", i, "name"],
          `environment \`${env.name}\` is declared twice`,
          "duplicate-name",
        );
      else declared.set(env.name, i);
    });
    config.environments.forEach((env, i) => {
      if (!envFiles.has(env.name)) {
        error(
          configDoc,
          ["environments", i, "name"],
          `environment \`${env.name}\` has no file environments/${env.name}.yaml`,
          "missing-environment-file",
          `create environments/${env.name}.yaml (it may serve no models: models: {})`,
        );
      }
      if (env.promote_from === undefined) return;
      const from = declared.get(env.promote_from);
      if (env.promote_from === env.name)
        error(
          configDoc,
          ["environments", i, "promote_from"],
          "an environment cannot promote from itself",
          "promote-order",
        );
      else if (from === undefined) {
        error(
          configDoc,
          ["environments", i, "promote_from"],
          `promote_from names an unknown environment \`${env.promote_from}\``,
          "missing-reference",
          `declared: ${[...declared.keys()].join(", ")}`,
        );
      } else if (from > i) {
        error(
          configDoc,
          ["environments", i, "promote_from"],
          `promote_from must name an earlier environment; \`${env.promote_from}\` comes after \`${env.name}\``,
          "promote-order",
          "list environments in promotion order",
        );
      }
    });
    config.policy?.freeze_windows?.forEach((window, i) => {
      if (Date.parse(window.start) >= Date.parse(window.end))
        error(
          configDoc,
          ["policy", "freeze_windows", i, "end"],
          "a freeze window must end after it starts",
          "invalid-range",
        );
      window.environments?.forEach((env, j) => {
        if (!declared.has(env))
          error(
            configDoc,
            ["policy", "freeze_windows", i, "environments", j],
            `unknown environment \`${env}\``,
            "missing-reference",
          );
      });
    });
  }
  const allowedStores = config?.artifacts?.allowed_stores ?? DEFAULT_ALLOWED_STORES;
  const maxArtifactBytes = config?.artifacts?.max_size_bytes ?? DEFAULT_MAX_ARTIFACT_BYTES;

  // ---- model cards (references are checked on cards that failed their schema too, where readable)
  for (const doc of readable("model")) {
    const card = doc.value as Record<string, unknown>;
    const name = text(card.name, NAME_RE);
    if (name !== undefined) nameMustMatch(doc, name, doc.stem, "folder name");
    const contract = text(card.contract, NAME_RE);
    if (contract !== undefined && !contractNames.has(contract)) {
      error(
        doc,
        "/contract",
        `contract \`${contract}\` does not exist`,
        "missing-reference",
        suggest(contract, contractNames, `contracts/${contract}.yaml`),
      );
    }
    const slo = text(card.slo, NAME_RE);
    if (slo !== undefined && !sloNames.has(slo)) {
      error(
        doc,
        "/slo",
        `SLO \`${slo}\` does not exist`,
        "missing-reference",
        suggest(slo, sloNames, `slos/${slo}.yaml`),
      );
    }
  }

  // ---- versions
  for (const doc of byKind("model-version")) {
    if (!modelNames.has(doc.model!)) {
      error(
        doc,
        "",
        `model \`${doc.model}\` has no model card`,
        "missing-model-card",
        `create models/${doc.model}/model.yaml`,
      );
    }
    if (!isRecord(doc.value)) continue;
    const version = doc.value;
    const declaredVersion = text(version.version, SEMVER_RE);
    if (declaredVersion !== undefined && declaredVersion !== doc.stem) {
      error(
        doc,
        "/version",
        `version \`${declaredVersion}\` does not match the file name \`${doc.stem}.yaml\``,
        "name-mismatch",
        `rename the file to ${declaredVersion}.yaml or set version: "${doc.stem}"`,
      );
    }
    const parent = text(version.parent, SEMVER_RE);
    if (parent !== undefined && !versionsOf.get(doc.model!)?.has(parent)) {
      warn(
        doc,
        "/parent",
        `parent version \`${parent}\` does not exist in models/${doc.model}/versions/`,
        "missing-parent",
      );
    }
    if (isRecord(version.artifact)) checkArtifact(doc, version.artifact);
  }

  function checkArtifact(doc: LoadedDocument, artifact: Record<string, unknown>): void {
    const uri = text(artifact.uri, URI_RE);
    const size = artifact.size;
    if (typeof size === "number" && Number.isInteger(size) && size > maxArtifactBytes) {
      error(
        doc,
        "/artifact/size",
        `artifact is ${size} bytes, more than artifacts.max_size_bytes (${maxArtifactBytes})`,
        "artifact-too-large",
      );
    }
    if (uri === undefined) return;
    if (!allowedStores.some((prefix) => uri.startsWith(prefix))) {
      error(
        doc,
        "/artifact/uri",
        `artifact store not allowed: \`${uri}\``,
        "artifact-store",
        `allowed prefixes (modelgate.yaml artifacts.allowed_stores): ${allowedStores.join(", ")}`,
      );
    }
    if (uri.startsWith("file:")) {
      const path = uri.slice("file:".length);
      const normal = posix.normalize(path);
      if (
        path.startsWith("/") ||
        path.startsWith("//") ||
        normal === ".." ||
        normal.startsWith("../") ||
        path.includes("\\")
      ) {
        error(
          doc,
          "/artifact/uri",
          `artifact path leaves the repository: \`${uri}\``,
          "artifact-uri-escape",
          "file: URIs are relative to the repository root, e.g. file:artifacts/<model>/<version>/model.onnx",
        );
      } else if (!files.has(normal)) {
        error(
          doc,
          "/artifact/uri",
          `artifact file \`${normal}\` is not in the repository`,
          "artifact-missing",
          "commit the file or point the URI at an http(s) store",
        );
      }
    }
  }

  // ---- contracts
  for (const [doc, contract] of valid<Contract>("contract")) {
    nameMustMatch(doc, contract.name, doc.stem, "file name");
    const inputNames = checkFields(doc, contract.inputs, "inputs");
    const outputNames = checkFields(doc, contract.outputs, "outputs");
    for (const [side, names, fields] of [
      ["inputs", inputNames, contract.inputs],
      ["outputs", outputNames, contract.outputs],
    ] as const) {
      for (const [feature, baseline] of Object.entries(contract.baseline?.[side] ?? {})) {
        const pointer = ["baseline", side, feature];
        if (!names.has(feature)) {
          error(
            doc,
            pointer,
            `baseline feature \`${feature}\` is not one of the contract's ${side}`,
            "baseline-feature",
            suggest(feature, names, `an ${side.slice(0, -1)} field named ${feature}`),
            true,
          );
          continue;
        }
        checkBaseline(
          doc,
          pointer,
          baseline,
          fields.find((f) => f.name === feature)!,
        );
      }
    }
  }

  function checkFields(doc: LoadedDocument, fields: ContractField[], side: string): Set<string> {
    const names = new Set<string>();
    fields.forEach((field, i) => {
      if (names.has(field.name))
        error(doc, [side, i, "name"], `field \`${field.name}\` appears twice in ${side}`, "duplicate-name");
      names.add(field.name);
      if (field.min !== undefined && field.max !== undefined && field.min > field.max)
        error(doc, [side, i, "max"], `max (${field.max}) is below min (${field.min})`, "invalid-range");
    });
    return names;
  }

  function checkBaseline(
    doc: LoadedDocument,
    pointer: (string | number)[],
    baseline: FeatureBaseline,
    field: ContractField,
  ): void {
    const b = baseline as Partial<{
      edges: number[];
      proportions: number[];
      frequencies: Record<string, number>;
    }>;
    if (b.frequencies && (b.edges || b.proportions)) {
      error(
        doc,
        pointer,
        "a baseline is numeric (edges + proportions) or categorical (frequencies), not both",
        "baseline-kind",
      );
      return;
    }
    if (b.edges && b.proportions) {
      if (b.edges.length !== b.proportions.length + 1) {
        error(
          doc,
          [...pointer, "edges"],
          `${b.edges.length} edges need ${b.edges.length - 1} proportions (got ${b.proportions.length})`,
          "baseline-shape",
          "n bins have n+1 edges",
        );
      }
      for (let i = 1; i < b.edges.length; i += 1) {
        if (!(b.edges[i]! > b.edges[i - 1]!)) {
          error(
            doc,
            [...pointer, "edges", i],
            `edges must be strictly ascending (${b.edges[i - 1]} then ${b.edges[i]})`,
            "baseline-edges",
          );
          break;
        }
      }
      const sum = b.proportions.reduce((a, x) => a + x, 0);
      if (Math.abs(sum - 1) > SUM_TOLERANCE)
        error(
          doc,
          [...pointer, "proportions"],
          `proportions sum to ${round(sum)}, must sum to 1`,
          "baseline-sum",
        );
    }
    if (b.frequencies) {
      const sum = Object.values(b.frequencies).reduce((a, x) => a + x, 0);
      if (Math.abs(sum - 1) > SUM_TOLERANCE)
        error(
          doc,
          [...pointer, "frequencies"],
          `frequencies sum to ${round(sum)}, must sum to 1`,
          "baseline-sum",
        );
      if (field.categories) {
        const categories = new Set(field.categories.map(String));
        for (const category of Object.keys(b.frequencies)) {
          if (!categories.has(category))
            warn(
              doc,
              [...pointer, "frequencies", category],
              `category \`${category}\` is not in the field's categories`,
              "baseline-category",
            );
        }
      }
    }
  }

  // ---- SLOs
  for (const [doc, slo] of valid<Slo>("slo")) {
    nameMustMatch(doc, slo.name, doc.stem, "file name");
    const quality = slo.objectives.quality;
    if (quality && quality.min === undefined && quality.max === undefined) {
      error(
        doc,
        "/objectives/quality",
        "a quality objective needs `min` (higher is better) or `max` (lower is better)",
        "missing-field",
      );
    }
    const drift = slo.objectives.drift;
    if (drift?.psi_warn !== undefined && drift.psi_alert !== undefined && drift.psi_warn > drift.psi_alert) {
      error(
        doc,
        "/objectives/drift/psi_alert",
        `psi_alert (${drift.psi_alert}) is below psi_warn (${drift.psi_warn})`,
        "invalid-range",
      );
    }
    slo.alerting?.burn_rates?.forEach((rate, i) => {
      if (durationSeconds(rate.short_window) >= durationSeconds(rate.long_window)) {
        error(
          doc,
          ["alerting", "burn_rates", i, "short_window"],
          `short_window (${rate.short_window}) must be shorter than long_window (${rate.long_window})`,
          "invalid-range",
        );
      }
    });
  }

  // ---- environments (references are checked on files that failed their schema too, where readable)
  for (const doc of readable("environment")) {
    const env = doc.value as Record<string, unknown>;
    const name = text(env.name, NAME_RE);
    if (name !== undefined) nameMustMatch(doc, name, doc.stem, "file name");
    if (config && !declared.has(doc.stem)) {
      error(
        doc,
        "/name",
        `environment \`${doc.stem}\` is not declared in modelgate.yaml`,
        "undeclared-environment",
        `add - name: ${doc.stem} to environments in modelgate.yaml, or delete this file`,
      );
    }
    if (!isRecord(env.models)) continue;
    for (const [model, deployment] of Object.entries(env.models)) {
      const base = ["models", model];
      if (!NAME_RE.test(model)) continue; // the schema reports it
      if (!modelNames.has(model)) {
        error(
          doc,
          base,
          `model \`${model}\` does not exist`,
          "missing-reference",
          suggest(model, modelNames, `models/${model}/model.yaml`),
          true,
        );
        continue;
      }
      if (!isRecord(deployment)) continue;
      const versions: NameSet = versionsOf.get(model) ?? new Set<string>();
      const known = (): string => `versions of ${model}: ${[...versions].sort().join(", ") || "none"}`;
      const seen = new Set<string>();
      let canaries = 0;
      let total = 0;
      let weightsValid = Array.isArray(deployment.traffic);
      (Array.isArray(deployment.traffic) ? (deployment.traffic as unknown[]) : []).forEach((entry, i) => {
        if (!isRecord(entry)) {
          weightsValid = false;
          return;
        }
        const weight = entry.weight;
        if (typeof weight === "number" && Number.isInteger(weight) && weight >= 0 && weight <= 100)
          total += weight;
        else weightsValid = false;
        const version = text(entry.version, SEMVER_RE);
        if (version !== undefined) {
          if (!versions.has(version)) {
            error(
              doc,
              [...base, "traffic", i, "version"],
              `version \`${version}\` of model \`${model}\` does not exist`,
              "missing-reference",
              known(),
            );
          }
          if (seen.has(version)) {
            error(
              doc,
              [...base, "traffic", i, "version"],
              `version \`${version}\` is listed twice in traffic`,
              "duplicate-version",
            );
          }
          seen.add(version);
        }
        if (entry.role === "canary" && ++canaries === 2) {
          error(doc, [...base, "traffic", i, "role"], "at most one canary per model", "multiple-canary");
        }
      });
      if (weightsValid && total !== 100) {
        error(doc, [...base, "traffic"], `traffic weights sum to ${total}, must sum to 100`, "weights-sum");
      }
      const shadow = isRecord(deployment.shadow) ? text(deployment.shadow.version, SEMVER_RE) : undefined;
      if (shadow !== undefined && !versions.has(shadow)) {
        error(
          doc,
          [...base, "shadow", "version"],
          `shadow version \`${shadow}\` of model \`${model}\` does not exist`,
          "missing-reference",
          known(),
        );
      }
    }
  }

  // ---- waivers (rule ids are checked by the policy layer)
  for (const doc of byKind("waiver")) {
    fileNameMustBeValid(doc);
    if (!doc.valid) continue;
    const scope = (doc.value as Waiver).scope;
    if (scope?.model !== undefined && !modelNames.has(scope.model))
      warn(doc, "/scope/model", `waiver scope names an unknown model \`${scope.model}\``, "unknown-scope");
    if (scope?.environment !== undefined && config && !declared.has(scope.environment)) {
      warn(
        doc,
        "/scope/environment",
        `waiver scope names an undeclared environment \`${scope.environment}\``,
        "unknown-scope",
      );
    }
  }
  return { errors, warnings };
}

/** Seconds in a duration like `30d` (the schema has checked its form). */
export function durationSeconds(duration: string): number {
  try {
    return parseDuration(duration) / 1000;
  } catch {
    return Number.NaN;
  }
}

function round(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}
