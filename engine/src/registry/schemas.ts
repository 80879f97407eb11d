import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { packageRoot } from "../shared/project-paths.js";

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

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
  formats: string[],
) => Ajv2020;

/** A strict Ajv 2020-12 instance with every registry schema added (compiles nothing yet). */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, verbose: true });
  addFormats(ajv, ["date-time", "uri"]);
  for (const kind of DOCUMENT_KINDS) ajv.addSchema(readSchema(kind));
  return ajv;
}

let validators: Map<DocumentKind, ValidateFunction> | undefined;

/**
 * The compiled validator of a kind. Schemas are compiled once per process (they are a pure function
 * of the files in schemas/) and shared by every load.
 */
export function getValidator(kind: DocumentKind): ValidateFunction {
  if (!validators) {
    const ajv = createAjv();
    validators = new Map(DOCUMENT_KINDS.map((k) => [k, ajv.getSchema(schemaId(k))!]));
  }
  return validators.get(kind)!;
}
