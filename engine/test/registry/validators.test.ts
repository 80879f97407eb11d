import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { _ } from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import { format, resolveConfig } from "prettier";
import { describe, expect, it } from "vitest";
import { createAjv, DOCUMENT_KINDS, schemaId } from "../../src/registry/index.js";
import * as precompiled from "../../src/registry/generated/validators.js";
import { exportName, getValidator, schemasHash } from "../../src/registry/schemas.js";

const generatedFile = join(import.meta.dirname, "../../src/registry/generated/validators.ts");

/** The precompiled validators module: Ajv standalone code for every registry schema. */
async function generateModule(): Promise<string> {
  const ajv = createAjv({
    source: true,
    esm: true,
    formats: _`require("ajv-formats/dist/formats").fullFormats`,
  });
  const exports = Object.fromEntries(DOCUMENT_KINDS.map((kind) => [exportName(kind), schemaId(kind)]));
  const code = (standaloneCode as unknown as (a: unknown, r: unknown) => string)(ajv, exports).replace(
    /^"use strict";/,
    "",
  );
  const source = [
    "/* eslint-disable */",
    "// GENERATED from schemas/*.schema.json by engine/test/registry/validators.test.ts — do not edit.",
    "// Regenerate after changing a schema: MODELGATE_UPDATE_VALIDATORS=1 npx vitest run engine/test/registry/validators.test.ts",
    "// (until then the loader notices the hash mismatch and compiles the schemas at start-up instead).",
    "// @ts-nocheck",
    'import { createRequire } from "node:module";',
    "const require = createRequire(import.meta.url);",
    `export const schemaHash = "${schemasHash()}";`,
    code,
  ].join("\n");
  return format(source, { ...(await resolveConfig(generatedFile)), parser: "typescript" });
}

describe("precompiled validators (src/registry/generated/validators.ts)", () => {
  it("were generated from the schema files as they are now", async () => {
    if (process.env.MODELGATE_UPDATE_VALIDATORS === "1") writeFileSync(generatedFile, await generateModule());
    const header = readFileSync(generatedFile, "utf8").slice(0, 1000);
    expect(header).toContain(`export const schemaHash = "${schemasHash()}"`);
    expect(
      precompiled.schemaHash,
      "run: MODELGATE_UPDATE_VALIDATORS=1 npx vitest run engine/test/registry/validators.test.ts",
    ).toBe(schemasHash());
  });

  it("are what the loader uses, and judge documents exactly like freshly compiled schemas", () => {
    const ajv = createAjv();
    const samples: Record<string, unknown[]> = {
      model: [
        { name: "m", owner: "@a/b", task: "regression", risk_tier: "low", contract: "m" },
        { name: "M", owner: "x", task: "nope", extra: 1 },
      ],
      "model-version": [
        { version: "1.0", artifact: { uri: "ftp://x", sha256: "ABC", size: -1, format: "onnx", shaa: 1 } },
      ],
      environment: [
        { name: "p", models: { m: { traffic: [{ version: "1.0.0", weight: 101, role: "canary" }] } } },
      ],
      waiver: [{ rule: "r", reason: "short", approved_by: "c", expires: "tomorrow" }],
    };
    for (const [kind, docs] of Object.entries(samples)) {
      const used = getValidator(kind as (typeof DOCUMENT_KINDS)[number]);
      expect(used).toBe((precompiled as unknown as Record<string, unknown>)[exportName(kind as "model")]);
      const fresh = ajv.getSchema(schemaId(kind as "model"))!;
      for (const doc of docs) {
        expect(used(doc)).toBe(fresh(doc));
        const strip = (errors: typeof fresh.errors) =>
          errors?.map((e) => ({ ...e, schema: undefined, parentSchema: undefined }));
        expect(strip(used.errors)).toEqual(strip(fresh.errors));
        expect((used.errors ?? []).every((e) => typeof e.parentSchema === "object")).toBe(true);
      }
    }
  });
});
