import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { parseYamlFast } from "../../src/registry/yaml/fast-yaml.js";
import { templateDir } from "../helpers/temp-git.js";

/** What the full parser says, or "error" when it reports problems (then the fast parser must decline). */
function reference(text: string): unknown {
  try {
    return { value: parse(text, { prettyErrors: false, uniqueKeys: true }) };
  } catch {
    return "error";
  }
}

function expectSameAsYaml(text: string): boolean {
  const fast = parseYamlFast(text);
  if (fast === undefined) return false;
  expect(reference(text), text).toEqual({ value: fast.value });
  return true;
}

const key = fc.oneof(
  fc.constantFrom(
    "name",
    "version",
    "sha256",
    "a",
    "b_c",
    "x.y",
    "with-dash",
    "true",
    "null",
    "1",
    "__proto__",
    "k@v",
  ),
  fc.stringMatching(/^[a-z_][a-z0-9_-]{0,8}$/),
);
const scalar = fc.oneof(
  fc.constantFrom(
    "",
    "~",
    "null",
    "Null",
    "TRUE",
    "false",
    "yes",
    "no",
    "1.0.0",
    "-1",
    "+2",
    ".5",
    "1.",
    "1e3",
    "1E-2",
    ".inf",
    "-.Inf",
    ".nan",
  ),
  fc.constantFrom(
    "0o17",
    "0x1F",
    "007",
    "1_000",
    "2026-10-01T12:00:00Z",
    "@team/x",
    "a: b",
    "a #b",
    "a#b",
    "- x",
    "[x]",
    "{x}",
    "it's",
    'say "hi"',
  ),
  fc.constantFrom(
    "  padded  ",
    "tab\there",
    "line\nbreak",
    "back\\slash",
    "ünïcödé",
    "a,b",
    "x]",
    "*alias",
    "&anchor",
    "!tag",
    "|",
    ">",
  ),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("map"), tie("seq")),
  map: fc.dictionary(key, tie("node"), { maxKeys: 5 }),
  seq: fc.array(tie("node"), { maxLength: 4 }),
})).map;

describe("fast YAML subset parser", () => {
  it("agrees with the yaml package on documents yaml.stringify writes, in every style", () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        value,
        fc.record({
          indent: fc.constantFrom(2, 4),
          indentSeq: fc.boolean(),
          collectionStyle: fc.constantFrom("any", "block", "flow") as fc.Arbitrary<"any" | "block" | "flow">,
          defaultStringType: fc.constantFrom("PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE") as fc.Arbitrary<
            "PLAIN" | "QUOTE_DOUBLE" | "QUOTE_SINGLE"
          >,
          defaultKeyType: fc.constantFrom(null, "PLAIN", "QUOTE_DOUBLE") as fc.Arbitrary<
            null | "PLAIN" | "QUOTE_DOUBLE"
          >,
        }),
        (doc, options) => {
          const text = stringify(doc, {
            indent: options.indent,
            indentSeq: options.indentSeq,
            defaultStringType: options.defaultStringType,
            defaultKeyType: options.defaultKeyType,
            lineWidth: 0,
            collectionStyle: options.collectionStyle,
          });
          if (expectSameAsYaml(text)) accepted += 1;
        },
      ),
      { numRuns: 400, seed: 20261123 },
    );
    expect(accepted).toBeGreaterThan(30); // many generated documents hold a scalar outside the subset
  });

  it("stays on the fast path for registry-like documents in block or flow style", () => {
    const plainScalar = fc.oneof(
      fc.stringMatching(/^[a-z][a-z0-9 .,-]{0,20}[a-z0-9]$/),
      fc.integer({ min: -1000, max: 100000 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.boolean(),
      fc.constantFrom("1.0.0", "@retail/risk", "2026-10-01T12:00:00Z", "file:artifacts/m/1.0.0/model.onnx"),
    );
    const doc = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, plainScalar, tie("map"), tie("seq")),
      map: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/), tie("node"), {
        minKeys: 1,
        maxKeys: 5,
      }),
      seq: fc.array(tie("node"), { minLength: 1, maxLength: 4 }),
    })).map;
    let accepted = 0;
    const runs = 120;
    fc.assert(
      fc.property(
        doc,
        fc.constantFrom("block", "any") as fc.Arbitrary<"block" | "any">,
        fc.boolean(),
        (value, collectionStyle, indentSeq) => {
          if (expectSameAsYaml(stringify(value, { collectionStyle, indentSeq, lineWidth: 0 }))) accepted += 1;
        },
      ),
      { numRuns: runs, seed: 42 },
    );
    expect(accepted).toBeGreaterThan(runs * 0.9);
  });

  it("agrees with the yaml package (or declines) on lines shuffled from tricky snippets", () => {
    const lines = [
      "a: 1",
      "a: 2",
      "b:",
      "  - x",
      "- y",
      "  c: d",
      "    e: f",
      "- k: v",
      "  k2: v2",
      "  - z",
      "m: { p: 1, q: [1, 2, {r: s}] }",
      "n: [a, b, ]",
      "o: [a: b]",
      'p: "q\\u00e9\\n"',
      "s: 'it''s'",
      "t: x # comment",
      "u: x#y",
      "# full comment",
      "",
      "v: |",
      "  block",
      "w: &a 1",
      "x: *a",
      "y: !!str 1",
      "---",
      "z: - a",
      "aa: b: c",
      "bb:   ",
      "cc: [1, 2",
      "dd: {e: }",
      '"quoted key": 1',
      "'single': 2",
      "ee: 2026-12-20T00:00:00Z",
      "ff: {start: 2026-12-20T00:00:00Z}",
      "gg: -1",
      "hh: :x",
      "ii: x:",
      "jj: a, b",
      "kk: ]",
      "\tll: 1",
      "mm: 1\r",
      "  continuation words",
      "nn: [x] extra",
      'oo: "unterminated',
      "pp: {a: 1, a: 2}",
    ];
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 8 }), (picked) => {
        if (expectSameAsYaml(`${picked.join("\n")}\n`)) accepted += 1;
      }),
      { numRuns: 3000, seed: 7 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it("parses every YAML file of the registry template and the fixtures exactly like yaml", () => {
    const roots = [templateDir, join(import.meta.dirname, "../fixtures/registry/minimal")];
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith(".yaml")) files.push(full);
      }
    };
    roots.forEach(walk);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect(expectSameAsYaml(text), `${file} should stay on the fast path`).toBe(true);
    }
  });

  it("declines anchors, aliases, tags, block scalars, duplicate keys and multi-line scalars", () => {
    for (const text of [
      "a: &x 1\nb: *x\n",
      "a: !!str 1\n",
      "a: |\n  text\n",
      "a: 1\na: 2\n",
      "a: first\n  second\n",
      "a: [1,\n  2]\n",
      "a: 0x1F\n",
      "a: .inf\n",
      "- 1\n",
      "--- \na: 1\n",
      "\ufeffa: 1\n",
    ]) {
      expect(parseYamlFast(text), JSON.stringify(text)).toBeUndefined();
    }
  });
});
