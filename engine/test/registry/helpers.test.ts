import { describe, expect, it } from "vitest";
import { closestMatch, editDistance } from "../../src/registry/did-you-mean.js";
import {
  formatDiagnostics,
  parseCodeOwners,
  sortDiagnostics,
  type RegistryDiagnostic,
} from "../../src/registry/index.js";
import { parseRegistryYaml } from "../../src/registry/yaml/parse.js";
import { joinPointer, splitPointer } from "../../src/registry/yaml/positions.js";

describe("did you mean", () => {
  it("measures edits, counting a swap of neighbours as one", () => {
    expect(editDistance("sha256", "sha265")).toBe(1);
    expect(editDistance("weight", "wieght")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("suggests the closest key only when it is plausibly a typo", () => {
    const keys = ["uri", "sha256", "size", "format", "opset"];
    expect(closestMatch("sha265", keys)).toBe("sha256");
    expect(closestMatch("SHA-256", keys)).toBe("sha256");
    expect(closestMatch("formt", keys)).toBe("format");
    expect(closestMatch("checksum", keys)).toBeUndefined();
  });
});

describe("CODEOWNERS", () => {
  it("parses rules with line numbers, ignores comments and warns about malformed owners", () => {
    const { rules, warnings } = parseCodeOwners(
      ".github/CODEOWNERS",
      "# owners\n*  @acme/ml\n\nenvironments/production.yaml @acme/sre carol ops@acme.example # prod\npolicies/\\#x @acme/risk\n",
    );
    expect(rules).toEqual([
      { pattern: "*", owners: ["@acme/ml"], line: 2, file: ".github/CODEOWNERS" },
      {
        pattern: "environments/production.yaml",
        owners: ["@acme/sre", "ops@acme.example"],
        line: 4,
        file: ".github/CODEOWNERS",
      },
      { pattern: "policies/\\#x", owners: ["@acme/risk"], line: 5, file: ".github/CODEOWNERS" },
    ]);
    expect(warnings.map((w) => [w.line, w.column, w.code])).toEqual([[4, 40, "codeowners-owner"]]);
  });
});

describe("diagnostics", () => {
  const d = (file: string, line: number, column: number, message = "m"): RegistryDiagnostic => ({
    file,
    line,
    column,
    pointer: "",
    message,
    code: "x",
  });

  it("sorts by file, line and column", () => {
    const sorted = sortDiagnostics([
      d("b.yaml", 1, 1),
      d("a.yaml", 10, 1),
      d("a.yaml", 2, 5),
      d("a.yaml", 2, 3),
    ]);
    expect(sorted.map((x) => `${x.file}:${x.line}:${x.column}`)).toEqual([
      "a.yaml:2:3",
      "a.yaml:2:5",
      "a.yaml:10:1",
      "b.yaml:1:1",
    ]);
  });

  it("formats text with the field path and hint, and json with a stable key order", () => {
    const diagnostic: RegistryDiagnostic = {
      code: "invalid-format",
      hint: "compute it with sha256sum",
      message: "must be 64 lowercase hex characters",
      pointer: "/artifact/sha256",
      column: 11,
      line: 7,
      file: "models/x/versions/1.0.0.yaml",
    };
    expect(formatDiagnostics([diagnostic], "text")).toBe(
      "models/x/versions/1.0.0.yaml:7:11 error artifact.sha256: must be 64 lowercase hex characters (hint: compute it with sha256sum) [invalid-format]",
    );
    expect(
      formatDiagnostics([{ ...diagnostic, pointer: "/inputs/0/a~1b" }], "text", { severity: "warning" }),
    ).toContain(':7:11 warning inputs[0]["a/b"]: ');
    expect(Object.keys(JSON.parse(formatDiagnostics([diagnostic], "json"))[0])).toEqual([
      "file",
      "line",
      "column",
      "pointer",
      "message",
      "hint",
      "code",
    ]);
  });
});

describe("positions", () => {
  it("round-trips JSON pointers with escapes", () => {
    expect(splitPointer(joinPointer(["models", "a/b", "~x", 0]))).toEqual(["models", "a/b", "~x", "0"]);
    expect(splitPointer("")).toEqual([]);
  });

  it("locates values and keys lazily on the fast path, and falls back to the nearest parent", () => {
    const text =
      "# c\nname: churn\nartifact:\n  uri: file:x\n  sizes: [1, 2]\nempty:\nlist:\n  - { a: 1 }\n  - b: 2\n";
    const parsed = parseRegistryYaml("f.yaml", text);
    if (!parsed.ok) throw new Error("should parse");
    expect(parsed.positions.locate("/name")).toEqual({ line: 2, column: 7 });
    expect(parsed.positions.locateKey("/artifact/uri")).toEqual({ line: 4, column: 3 });
    expect(parsed.positions.locate("/artifact/uri")).toEqual({ line: 4, column: 8 });
    expect(parsed.positions.locate("/artifact/sizes/1")).toEqual({ line: 5, column: 14 });
    expect(parsed.positions.locate("/artifact/missing")).toEqual({ line: 4, column: 3 }); // the parent mapping
    expect(parsed.positions.locate("/empty")).toEqual({ line: 6, column: 1 }); // empty value: its key
    expect(parsed.positions.locate("/list/1/b")).toEqual({ line: 9, column: 8 });
  });

  it("reports YAML errors with line and column, and keeps working positions on the full-parser path", () => {
    const broken = parseRegistryYaml("f.yaml", "a: 1\nb: [1, 2\nc: 3\n");
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.errors[0]).toMatchObject({ file: "f.yaml", code: "yaml-syntax", line: 3 });
    const anchored = parseRegistryYaml("f.yaml", "base: &b { x: 1 }\nother: *b\nblock: |\n  text\n");
    expect(anchored.ok && anchored.value).toEqual({ base: { x: 1 }, other: { x: 1 }, block: "text\n" });
    expect(anchored.ok && anchored.positions.locate("/block")).toEqual({ line: 3, column: 8 });
  });
});
