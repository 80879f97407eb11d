import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitModelBlocks } from "../../src/gate/base-state.js";

/** The line-joining implementation splitModelBlocks replaced (it cuts by offsets now): same results. */
function referenceSplit(text: string): { header: string; blocks: Map<string, string> } | undefined {
  if (/(^|\s)[&*][A-Za-z0-9_-]+/.test(text) || text.includes("<<:")) return undefined;
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^models:\s*(#.*)?$/.test(l));
  if (start === -1) return undefined;
  let indent: number | undefined;
  const blocks = new Map<string, string>();
  let name: string | undefined;
  let first = 0;
  let last = 0;
  const close = (): void => {
    if (name !== undefined) blocks.set(name, lines.slice(first, last + 1).join("\n"));
  };
  let header = lines.slice(0, start);
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trimStart();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const lead = line.length - trimmed.length;
    if (lead === 0) {
      header = header.concat(lines.slice(i));
      break;
    }
    indent ??= lead;
    if (lead === indent) {
      const key = /^\s*("([^"]+)"|'([^']+)'|([A-Za-z0-9_.-]+))\s*:\s*(#.*)?$/.exec(line);
      const next = key?.[2] ?? key?.[3] ?? key?.[4];
      if (next === undefined || next === name || blocks.has(next)) return undefined;
      close();
      name = next;
      first = last = i;
    } else if (lead > indent && name !== undefined) {
      last = i;
    } else {
      return undefined;
    }
  }
  close();
  return { header: header.join("\n"), blocks };
}

describe("environment model blocks", () => {
  it("splits a block-style environment file per model, keeping comments and nested lines", () => {
    const text = [
      "# yaml-language-server: $schema=x",
      "name: production",
      "models:",
      "  demand-forecast:",
      "    traffic:",
      "      - { version: 1.0.0, weight: 100 }  # stable",
      "",
      '  "stockout-risk":',
      "    traffic:",
      "      - { version: 1.0.0, weight: 90 }",
      "    shadow: { version: 1.1.0, percent: 20 }",
      "",
    ].join("\n");
    const split = splitModelBlocks(text)!;
    expect([...split.blocks.keys()]).toEqual(["demand-forecast", "stockout-risk"]);
    expect(split.blocks.get("stockout-risk")).toContain("shadow: { version: 1.1.0, percent: 20 }");
    expect(split.header).toContain("name: production");
  });

  it.each([
    ["flow-style models", "name: p\nmodels: { a: { traffic: [] } }\n"],
    [
      "a flow value on the model key",
      "name: p\nmodels:\n  a: { traffic: [{ version: 1.0.0, weight: 100 }] }\n",
    ],
    ["anchors and merges", "name: p\nmodels:\n  a: &d\n    traffic: []\n  b:\n    <<: *d\n"],
    ["uneven indentation", "name: p\nmodels:\n    a:\n      traffic: []\n  b:\n    traffic: []\n"],
  ])("gives up on %s (the caller then loads the file whole)", (_name, text) => {
    expect(splitModelBlocks(text)).toBeUndefined();
  });
});

describe("splitModelBlocks cuts by offsets", () => {
  // Lines an environment file is made of, odd ones included (comments, blanks, top-level keys after
  // `models`, uneven indentation, quoted keys, flow values, CR).
  const line = fc.constantFrom(
    "name: staging",
    "models:",
    "models:  # comment",
    "  a:",
    "  b:",
    '  "c":',
    "  'd':",
    "    traffic:",
    "      - { version: 1.0.0, weight: 100 }",
    "    shadow: { version: 1.1.0, percent: 5 }",
    "   odd: indent",
    "  e: { traffic: [] }",
    "",
    "  ",
    "# top comment",
    "    # nested comment",
    "description: after models",
    "\r",
  );
  it("gives exactly what joining lines gave, for any arrangement of environment-file lines", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.boolean(), (lines, trailingNewline) => {
        const text = lines.join("\n") + (trailingNewline ? "\n" : "");
        expect(splitModelBlocks(text)).toEqual(referenceSplit(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("fast environment positions", () => {
  it("agree with the YAML position map for model, traffic item and shadow pointers", async () => {
    const { readFile } = await import("node:fs/promises");
    const { join } = await import("node:path");
    const { LineCounter, parseDocument, isMap, isSeq } = await import("yaml");
    const { fastEnvironmentPositions } = await import("../../src/gate/base-state.js");
    const { templateDir } = await import("../helpers/temp-git.js");
    const text = await readFile(join(templateDir, "environments", "production.yaml"), "utf8");
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter });
    const slow = (pointer: string): number => {
      let node: unknown = doc.contents;
      for (const key of pointer.slice(1).split("/")) {
        if (isMap(node))
          node = node.items.find((p) => String((p.key as { value: unknown }).value) === key)?.value;
        else if (isSeq(node)) node = node.items[Number(key)];
      }
      return counter.linePos((node as { range: number[] }).range[0]!).line;
    };
    const fallback = { locate: () => ({ line: -1, column: -1 }) };
    const fast = fastEnvironmentPositions(text, fallback);
    const pointers = [
      "/models/stockout-risk/traffic/0",
      "/models/stockout-risk/traffic/1",
      "/models/basket-anomaly/traffic/0",
      "/models/demand-forecast/traffic/0",
    ];
    for (const pointer of pointers)
      expect([pointer, fast.locate(pointer).line]).toEqual([pointer, slow(pointer)]);
    // the model key line; anything unknown goes to the original positions
    expect(text.split("\n")[fast.locate("/models/basket-anomaly").line - 1]).toMatch(/^ {2}basket-anomaly:/);
    expect(fast.locate("/models/stockout-risk/traffic/1/weight").line).toBe(
      slow("/models/stockout-risk/traffic/1"),
    );
    expect(fast.locate("/models/basket-anomaly/validation").line).toBe(
      fast.locate("/models/basket-anomaly").line,
    );
    expect(fast.locate("/models/nope/traffic/0").line).toBe(-1);
  });
});
