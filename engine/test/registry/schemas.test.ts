import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { createAjv, DOCUMENT_KINDS, readSchema, schemaId, schemasDir } from "../../src/registry/index.js";
import { parseRegistryYaml } from "../../src/registry/yaml/parse.js";

type Schema = Record<string, unknown>;

/** Every `properties` entry anywhere in a schema, with its JSON path. */
function properties(schema: unknown, path = "#"): [string, Schema][] {
  if (typeof schema !== "object" || schema === null) return [];
  const out: [string, Schema][] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (key === "properties" && typeof value === "object" && value !== null) {
      for (const [name, sub] of Object.entries(value))
        out.push([`${path}/properties/${name}`, sub as Schema]);
    }
    out.push(...properties(value, `${path}/${key}`));
  }
  return out;
}

/** Every object schema (one with `properties`) anywhere in a schema. */
function objectSchemas(schema: unknown, path = "#"): [string, Schema][] {
  if (typeof schema !== "object" || schema === null) return [];
  const out: [string, Schema][] = [];
  if ("properties" in schema) out.push([path, schema as Schema]);
  for (const [key, value] of Object.entries(schema)) out.push(...objectSchemas(value, `${path}/${key}`));
  return out;
}

describe("registry JSON Schemas", () => {
  it("has one draft 2020-12 schema per kind, with a stable $id", () => {
    const files = readdirSync(schemasDir()).filter((f) => f.endsWith(".json"));
    expect(files).toEqual(expect.arrayContaining(DOCUMENT_KINDS.map((k) => `${k}.schema.json`)));
    for (const kind of DOCUMENT_KINDS) {
      const schema = readSchema(kind);
      expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(schema.$id).toBe(`https://modelgate.dev/schemas/${kind}.schema.json`);
      expect(schemaId(kind)).toBe(schema.$id);
    }
  });

  it("compiles every schema in Ajv strict mode (strictTypes, strictRequired, strictTuples)", () => {
    const ajv = createAjv();
    for (const kind of DOCUMENT_KINDS) expect(ajv.getSchema(schemaId(kind)), kind).toBeTypeOf("function");
    // The same with a fresh instance and every strict option spelled out, so a loosened default cannot hide a problem.
    const strict = new Ajv2020({
      strict: true,
      strictTypes: true,
      strictRequired: true,
      strictTuples: true,
      allowUnionTypes: true,
      validateFormats: false,
    });
    for (const kind of DOCUMENT_KINDS) expect(() => strict.compile(readSchema(kind)), kind).not.toThrow();
  });

  it("describes every property (editors show it on hover) and closes every object", () => {
    for (const kind of DOCUMENT_KINDS) {
      const schema = readSchema(kind);
      for (const [path, property] of properties(schema)) {
        const described = typeof property.description === "string" && property.description.length > 3;
        expect(described, `${kind} ${path} needs a description`).toBe(true);
      }
      for (const [path, object] of objectSchemas(schema)) {
        expect(object.additionalProperties, `${kind} ${path} must set additionalProperties: false`).toBe(
          false,
        );
      }
    }
  });

  it("enforces the documented patterns and ranges", () => {
    const ajv = createAjv();
    const version = ajv.getSchema(schemaId("model-version"))!;
    const base = {
      version: "1.2.3",
      artifact: { uri: "file:a/model.onnx", sha256: "a".repeat(64), size: 10, format: "onnx" },
    };
    expect(version(base)).toBe(true);
    for (const bad of ["1.2", "01.2.3", "v1.2.3", "1.2.3-", "1.2.3+"])
      expect(version({ ...base, version: bad }), bad).toBe(false);
    for (const good of ["0.0.1", "1.2.3-rc.1", "1.2.3+build.5", "10.20.30-alpha-1"])
      expect(version({ ...base, version: good }), good).toBe(true);
    for (const bad of ["A".repeat(64), "a".repeat(63), "g".repeat(64)])
      expect(version({ ...base, artifact: { ...base.artifact, sha256: bad } })).toBe(false);

    const env = ajv.getSchema(schemaId("environment"))!;
    const deployment = (weight: unknown) => ({
      name: "prod",
      models: { m: { traffic: [{ version: "1.0.0", weight }] } },
    });
    expect(env(deployment(100))).toBe(true);
    for (const bad of [101, -1, 50.5, "100"]) expect(env(deployment(bad)), String(bad)).toBe(false);
    expect(env({ name: "Prod", models: {} })).toBe(false);
    expect(env({ name: "a".repeat(64), models: {} })).toBe(false);

    const slo = ajv.getSchema(schemaId("slo"))!;
    const withWindow = (window: string) => ({
      name: "s",
      window,
      objectives: { availability: { target: 0.99 } },
    });
    for (const good of ["30d", "1h", "5m", "2w", "90s"]) expect(slo(withWindow(good)), good).toBe(true);
    for (const bad of ["30", "1y", "0d", "1.5h", "30 d"]) expect(slo(withWindow(bad)), bad).toBe(false);
    expect(slo({ ...withWindow("30d"), objectives: { availability: { target: 1.5 } } })).toBe(false);
  });

  it("every fixture and template file names its schema in a $schema comment", () => {
    const minimal = join(import.meta.dirname, "../fixtures/registry/minimal");
    for (const [file, kind] of [
      ["modelgate.yaml", "modelgate"],
      ["models/churn/model.yaml", "model"],
      ["models/churn/versions/1.0.0.yaml", "model-version"],
      ["contracts/churn.yaml", "contract"],
      ["slos/churn.yaml", "slo"],
      ["environments/production.yaml", "environment"],
    ] as const) {
      const text = readFileSync(join(minimal, file), "utf8");
      expect(text.split("\n")[0]).toBe(`# yaml-language-server: $schema=${schemaId(kind)}`);
      expect(parseRegistryYaml(file, text).ok).toBe(true);
    }
  });
});
