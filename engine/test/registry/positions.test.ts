import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineCounter, parseDocument, stringify } from "yaml";
import { parseYamlFast } from "../../src/registry/yaml/fast-yaml.js";
import { DocumentPositions, LazyPositions, topLevelValue } from "../../src/registry/yaml/positions.js";
import { templateDir } from "../helpers/temp-git.js";

function documentPositions(text: string): DocumentPositions {
  const lineCounter = new LineCounter();
  return new DocumentPositions(parseDocument(text, { lineCounter, uniqueKeys: false }), lineCounter);
}

/** For a text the fast parser accepts: the text lookup, where it answers, says what the Document says. */
function expectSameAsDocument(text: string, pointers: readonly string[]): number {
  if (!parseYamlFast(text)) return 0;
  const doc = documentPositions(text);
  let answered = 0;
  for (const pointer of pointers) {
    const fast = topLevelValue(text, pointer);
    if (fast) {
      answered++;
      expect(fast, `${pointer} in\n${text}`).toEqual(doc.locate(pointer));
    }
    expect(new LazyPositions(text).locate(pointer), `${pointer} in\n${text}`).toEqual(doc.locate(pointer));
  }
  return answered;
}

const key = fc.oneof(
  fc.constantFrom("name", "version", "true", "null", "a", "b-c", "x_1", "Null", "1"),
  fc.stringMatching(/^[a-z_][a-z0-9_-]{0,6}$/),
);
const scalar = fc.oneof(
  fc.constantFrom("", "~", "null", "1.0.0", "-1", "+2", ".5", "-x", "a b", "#no", "x #c", "'q'", '"d"'),
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    scalar,
    fc.array(tie("v"), { maxLength: 3 }),
    fc.dictionary(key, tie("v"), { maxKeys: 3 }),
  ),
})).v;

describe("topLevelValue", () => {
  it("gives the Document's position of a top-level value wherever it answers", () => {
    let answered = 0;
    fc.assert(
      fc.property(
        fc.dictionary(key, value, { minKeys: 1, maxKeys: 6 }),
        fc.constantFrom("block", "flow-values", "comments"),
        fc.array(key, { maxLength: 3 }),
        (doc, style, extra) => {
          let text = stringify(doc, { flowCollectionPadding: style === "flow-values", lineWidth: 0 });
          if (style === "flow-values") text = stringify(doc, { collectionStyle: "flow", lineWidth: 0 });
          if (style === "comments") text = `# head\n${text.replace(/\n(?=\S)/g, "\n# between\n\n")}`;
          const keys = Object.keys(doc);
          const pointers = [...keys, ...extra].flatMap((k) => [`/${k}`, `/${k}/0`, `/${k}/a`]);
          answered += expectSameAsDocument(text, ["", "/", ...pointers]);
        },
      ),
      { numRuns: 400 },
    );
    expect(answered).toBeGreaterThan(200); // the text lookup is exercised, not just declined
  });

  it("agrees on hand-written lines: spacing, quotes, comments, empty values, look-alike keys", () => {
    const lines = [
      "version: 1.2.0",
      "version:   '1.2.0'   # spaced",
      'name: "quoted: colon"',
      "name:",
      "name: # only a comment",
      "name: ~",
      "items: [a, b]",
      "map: {a: 1}",
      "nested:\n  version: 9\n  name: x",
      "list:\n  - 1\n  - 2",
      "# version: 7",
      "other: x",
      "num: -3",
      "dot: .5",
      "neg: -x",
    ];
    const pointers = [
      "/version",
      "/name",
      "/items",
      "/map",
      "/nested",
      "/list",
      "/other",
      "/num",
      "/dot",
      "/neg",
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(lines, { minLength: 1 }), (picked) => {
        expectSameAsDocument(`${picked.join("\n")}\n`, pointers);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees on every file of the template registry", () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : path.endsWith(".yaml") ? [path] : [];
      });
    let files = 0;
    for (const file of walk(templateDir)) {
      const text = readFileSync(file, "utf8");
      const keys = Object.keys((parseYamlFast(text)?.value as object | null) ?? {});
      if (
        expectSameAsDocument(
          text,
          keys.map((k) => `/${k}`),
        ) > 0
      )
        files++;
    }
    expect(files).toBeGreaterThan(5);
  });
});
