import { describe, expect, it } from "vitest";
import { splitModelBlocks } from "../../src/gate/base-state.js";

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
