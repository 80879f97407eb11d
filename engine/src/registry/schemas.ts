import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import type { Ajv2020, Options, ValidateFunction } from "ajv/dist/2020.js";
import { packageRoot } from "../shared/project-paths.js";
import * as precompiled from "./generated/validators.js";

/** The kinds of registry documents, each with a JSON Schema in `schemas/<kind>.schema.json`. */
export const DOCUMENT_KINDS = [
  "modelgate",
  "model",
  "model-version",
  "contract",
  "slo",
  "environment",
  "waiver",
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const SCHEMA_BASE_URL = "https://modelgate.dev/schemas/";

/** The stable `$id` of a kind's schema, also what files put in their `$schema` comment. */
export function schemaId(kind: DocumentKind): string {
  return `${SCHEMA_BASE_URL}${kind}.schema.json`;
}

/** Folder holding the schema files of the installed package. */
export function schemasDir(): string {
  return join(packageRoot(), "schemas");
}

/** Reads a kind's schema from disk (JSON). */
export function readSchema(kind: DocumentKind): Record<string, unknown> {
  return JSON.parse(readFileSync(join(schemasDir(), `${kind}.schema.json`), "utf8")) as Record<
    string,
    unknown
  >;
}

// Ajv's compiler (and ajv-formats) are loaded only when schemas must be compiled: a start-up with the
// precompiled validators does not pay for loading them. Both are CommonJS, so they load synchronously.
const loadCommonJs = createRequire(import.meta.url);

function loadAjv(): { Ajv: typeof Ajv2020; addFormats: (ajv: Ajv2020, formats: string[]) => Ajv2020 } {
  const { Ajv2020: Ajv } = loadCommonJs("ajv/dist/2020") as { Ajv2020: typeof Ajv2020 };
  const formats = loadCommonJs("ajv-formats") as { default: (ajv: Ajv2020, formats: string[]) => Ajv2020 };
  return { Ajv, addFormats: formats.default };
}

/** The options every registry validator is compiled with (runtime and precompiled alike). */
export const AJV_OPTIONS = { strict: true, allErrors: true, allowUnionTypes: true, verbose: true } as const;

/**
 * A strict Ajv 2020-12 instance with every registry schema added (compiles nothing yet). `code` options
 * are for generating the precompiled module (`code: { source: true, esm: true, ... }`).
 */
export function createAjv(code?: Options["code"]): Ajv2020 {
  const { Ajv, addFormats } = loadAjv();
  const ajv = new Ajv(code ? { ...AJV_OPTIONS, code } : { ...AJV_OPTIONS });
  addFormats(ajv, ["date-time", "uri"]);
  for (const kind of DOCUMENT_KINDS) ajv.addSchema(readSchema(kind));
  return ajv;
}

/**
 * SHA-256 over the Ajv options and the schema files, in kind order: what the precompiled validators
 * were built from.
 */
export function schemasHash(): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify(AJV_OPTIONS));
  for (const kind of DOCUMENT_KINDS) hash.update(readFileSync(join(schemasDir(), `${kind}.schema.json`)));
  return hash.digest("hex");
}

/** Name of a kind's export in the precompiled module (`model-version` -> `modelVersion`). */
export function exportName(kind: DocumentKind): string {
  return kind.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

let validators: Map<DocumentKind, ValidateFunction> | undefined;

/**
 * The validator of a kind, made once per process and shared by every load. Uses the precompiled
 * module (generated/validators.ts, Ajv standalone code: no compilation at start-up) when it was built
 * from the schema files on disk, and compiles the schemas otherwise.
 */
export function getValidator(kind: DocumentKind): ValidateFunction {
  if (!validators) {
    const fresh = precompiled.schemaHash === schemasHash();
    const ajv = fresh ? undefined : createAjv();
    validators = new Map(
      DOCUMENT_KINDS.map((k) => [
        k,
        fresh
          ? (precompiled as unknown as Record<string, ValidateFunction>)[exportName(k)]!
          : ajv!.getSchema(schemaId(k))!,
      ]),
    );
  }
  return validators.get(kind)!;
}
