import { describe, expect, it } from "vitest";
import { classifyContractChange, diffContractFields, isWidening } from "../../src/changes/index.js";
import type { CompatibilityMode, Contract, ContractField } from "../../src/registry/types.js";
import { contract } from "./state-fixtures.js";

const locate = (): number => 7;
const MODES: CompatibilityMode[] = [
  "BACKWARD",
  "FORWARD",
  "FULL",
  "NONE",
  "BACKWARD_TRANSITIVE",
  "FORWARD_TRANSITIVE",
  "FULL_TRANSITIVE",
];

type Edit = (c: Contract) => void;
const input = (c: Contract, name: string): ContractField => c.inputs.find((f) => f.name === name)!;
const output = (c: Contract, name: string): ContractField => c.outputs.find((f) => f.name === name)!;

// [description, edit, expected change kind, direction, compatible under BACKWARD, FORWARD, FULL, NONE]
const table: [string, Edit, string, "input" | "output", boolean, boolean, boolean, boolean][] = [
  [
    "input added, required",
    (c) => void c.inputs.push({ name: "x", datatype: "FP32", shape: [-1, 1] }),
    "field_added",
    "input",
    false,
    true,
    false,
    true,
  ],
  [
    "input added, nullable",
    (c) => void c.inputs.push({ name: "x", datatype: "FP32", shape: [-1, 1], nullable: true }),
    "field_added",
    "input",
    true,
    true,
    true,
    true,
  ],
  ["input removed", (c) => void c.inputs.splice(0, 1), "field_removed", "input", true, false, false, true],
  [
    "input made nullable",
    (c) => {
      input(c, "on_hand_units").nullable = true;
    },
    "nullable_added",
    "input",
    true,
    false,
    false,
    true,
  ],
  [
    "input INT widening FP32->FP64",
    (c) => {
      input(c, "on_hand_units").datatype = "FP64";
    },
    "type_widened",
    "input",
    true,
    false,
    false,
    true,
  ],
  [
    "input narrowing FP32->FP16",
    (c) => {
      input(c, "on_hand_units").datatype = "FP16";
    },
    "type_narrowed",
    "input",
    false,
    true,
    false,
    true,
  ],
  [
    "input type change FP32->BYTES",
    (c) => {
      input(c, "on_hand_units").datatype = "BYTES";
    },
    "type_changed",
    "input",
    false,
    false,
    false,
    true,
  ],
  [
    "input range widened",
    (c) => {
      input(c, "on_hand_units").max = 9000;
    },
    "range_widened",
    "input",
    true,
    false,
    false,
    true,
  ],
  [
    "input range narrowed",
    (c) => {
      input(c, "on_hand_units").max = 1000;
    },
    "range_narrowed",
    "input",
    false,
    true,
    false,
    true,
  ],
  [
    "input range shifted",
    (c) => {
      const f = input(c, "on_hand_units");
      f.min = 10;
      f.max = 9000;
    },
    "range_shifted",
    "input",
    false,
    false,
    false,
    true,
  ],
  [
    "input category added",
    (c) => void input(c, "store_format").categories!.push("kiosk"),
    "categories_added",
    "input",
    true,
    false,
    false,
    true,
  ],
  [
    "input category removed",
    (c) => void input(c, "store_format").categories!.pop(),
    "categories_removed",
    "input",
    false,
    true,
    false,
    true,
  ],
  [
    "input shape fixed -> variable",
    (c) => {
      input(c, "on_hand_units").shape = [-1, -1];
    },
    "shape_changed",
    "input",
    true,
    false,
    false,
    true,
  ],
  [
    "input shape rank change",
    (c) => {
      input(c, "on_hand_units").shape = [-1];
    },
    "shape_changed",
    "input",
    false,
    false,
    false,
    true,
  ],
  [
    "output added",
    (c) => void c.outputs.push({ name: "score", datatype: "FP32", shape: [-1] }),
    "field_added",
    "output",
    true,
    false,
    false,
    true,
  ],
  ["output removed", (c) => void c.outputs.splice(1, 1), "field_removed", "output", false, true, false, true],
  [
    "output FP32 -> FP64 (widened)",
    (c) => {
      output(c, "probabilities").datatype = "FP64";
    },
    "type_widened",
    "output",
    false,
    true,
    false,
    true,
  ],
  [
    "output range narrowed",
    (c) => {
      output(c, "probabilities").max = 0.5;
    },
    "range_narrowed",
    "output",
    true,
    false,
    false,
    true,
  ],
  [
    "output range widened",
    (c) => {
      output(c, "probabilities").max = 2;
    },
    "range_widened",
    "output",
    false,
    true,
    false,
    true,
  ],
  [
    "output nullable added",
    (c) => {
      output(c, "label").nullable = true;
    },
    "nullable_added",
    "output",
    false,
    true,
    false,
    true,
  ],
];

describe("contract field classification (every mode)", () => {
  for (const [name, edit, kind, direction, backward, forward, full, none] of table) {
    const expected: Record<string, boolean> = {
      BACKWARD: backward,
      FORWARD: forward,
      FULL: full,
      NONE: none,
    };
    for (const mode of MODES) {
      const want = expected[mode.replace("_TRANSITIVE", "")]!;
      it(`${name} under ${mode} is ${want ? "compatible" : "breaking"}`, () => {
        const before = contract({ compatibility: mode });
        const after = structuredClone(before);
        edit(after);
        const changes = diffContractFields(before, after, { mode, locate, file: "contracts/x.yaml" });
        expect(changes).toHaveLength(1);
        const [change] = changes;
        expect(change).toMatchObject({
          change: kind,
          direction,
          compatible: want,
          file: "contracts/x.yaml",
          line: 7,
        });
        const verdict = classifyContractChange(before, after, { locate, file: "contracts/x.yaml" });
        expect(verdict.compatible).toBe(want);
        expect(verdict.breaking_count).toBe(want ? 0 : 1);
      });
    }
  }
});

describe("datatype widening", () => {
  it.each([
    ["INT32", "INT64", true],
    ["FP32", "FP64", true],
    ["INT8", "FP32", true],
    ["INT64", "INT32", false],
    ["FP64", "FP32", false],
    ["INT64", "FP64", false],
    ["BOOL", "INT8", false],
  ] as const)("%s -> %s widening: %s", (from, to, want) => {
    expect(isWidening(from, to)).toBe(want);
  });
});

describe("transitive modes", () => {
  it("judge against every earlier version, not only the latest", () => {
    // v1 had `store_format` required; v2 made it nullable; v3 removes the category list restriction.
    const v1 = contract({ version: "1.0.0", compatibility: "FORWARD_TRANSITIVE" });
    const v2 = structuredClone(v1);
    v2.version = "1.1.0";
    v2.outputs.push({ name: "score", datatype: "FP32", shape: [-1], nullable: true });
    const v3 = structuredClone(v2);
    v3.version = "1.2.0";
    v3.outputs = v3.outputs.filter((f) => f.name !== "score");
    // v2 -> v3 removes an output that v2 added as nullable. FORWARD for outputs = new reads old:
    // v3 reading v2 data ignores `score` (fine) and v3 reading v1 data is identical (fine).
    const ok = classifyContractChange(v2, v3, { locate, file: "c.yaml", history: [v1] });
    expect(ok.compatible).toBe(true);
    expect(ok.transitive).toEqual([{ against_version: "1.0.0", compatible: true, breaking: [] }]);

    // Now v3 adds a required output compared with v1 (and v2): under FORWARD outputs this is fine,
    // but narrowing an input range only against v1 must be caught through the history.
    const w2 = structuredClone(v1);
    w2.version = "1.1.0";
    w2.compatibility = "BACKWARD_TRANSITIVE";
    w2.inputs[0]!.max = 9000; // widened vs v1
    const w3 = structuredClone(w2);
    w3.version = "1.2.0";
    w3.inputs[0]!.min = 0;
    w3.inputs[0]!.max = 9000;
    w3.inputs[1]!.categories = ["mall", "street"]; // removed "outlet": breaking vs v1 and v2
    const v1b = { ...v1, compatibility: "BACKWARD_TRANSITIVE" as const };
    const bad = classifyContractChange(w2, w3, { locate, file: "c.yaml", history: [v1b] });
    expect(bad.compatible).toBe(false);
    expect(bad.transitive?.[0]?.against_version).toBe("1.0.0");
    expect(bad.transitive?.[0]?.breaking.map((c) => c.change)).toEqual(["categories_removed"]);
    expect(bad.breaking_count).toBe(2);
  });

  it("a change compatible with the latest but not with an older version is breaking", () => {
    const v1 = contract({ version: "1.0.0", compatibility: "BACKWARD_TRANSITIVE" });
    const v2 = structuredClone(v1);
    v2.version = "2.0.0";
    v2.inputs[0]!.max = 1000; // narrowed (breaking v1 -> v2 but accepted as a major)
    const v3 = structuredClone(v2);
    v3.version = "2.1.0";
    v3.inputs[0]!.description = "docs only";
    const direct = classifyContractChange(v2, v3, { locate, file: "c.yaml" });
    expect(direct.compatible).toBe(true);
    const transitive = classifyContractChange(v2, v3, { locate, file: "c.yaml", history: [v1] });
    expect(transitive.compatible).toBe(false);
    expect(transitive.transitive?.[0]?.breaking[0]?.change).toBe("range_narrowed");
  });
});
