import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  changedEntries,
  fastEnvironmentPositions,
  scanEnvironment,
} from "../../src/gate/environment-blocks.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readCachedScan, writeCachedScan } from "../../src/gate/scan-cache.js";
import { keepModelEntries } from "../../src/registry/scoped-load.js";

type Positions = { locate(pointer: string): { line: number; column: number } };

/** The line-by-line implementations the one-pass scan replaced: the same results for every text. */
function referenceKeep(text: string, keep: ReadonlySet<string>): string | undefined {
  if (/(^|\s)[&*][A-Za-z0-9_-]+/.test(text) || text.includes("<<:")) return undefined;
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^models:\s*(#.*)?$/.test(l));
  if (start === -1) return undefined;
  let indent: number | undefined;
  let name: string | undefined;
  const seen = new Set<string>();
  let kept = 0;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trimStart();
    const lead = line.length - trimmed.length;
    if (trimmed === "" || trimmed.startsWith("#")) {
      if (name !== undefined && !keep.has(name) && lead > 0) lines[i] = "";
      continue;
    }
    if (lead === 0) break; // another top-level key after `models`
    indent ??= lead;
    if (lead === indent) {
      const key = /^\s*("([^"]+)"|'([^']+)'|([A-Za-z0-9_.-]+))\s*:\s*(#.*)?$/.exec(line);
      const next = key?.[2] ?? key?.[3] ?? key?.[4];
      if (next === undefined || seen.has(next)) return undefined;
      seen.add(next);
      name = next;
      if (keep.has(name)) kept++;
    } else if (lead < indent || name === undefined) return undefined;
    if (!keep.has(name)) lines[i] = "";
  }
  return kept > 0 ? lines.join("\n") : undefined;
}

function referencePositions(text: string, original: Positions): Positions {
  let lines: string[] | undefined;
  let modelLines: Map<string, number> | undefined;
  const index = (): Map<string, number> | undefined => {
    if (modelLines) return modelLines;
    if (/(^|\s)[&*][A-Za-z0-9_-]+/.test(text) || text.includes("<<:")) return undefined;
    lines = text.split("\n");
    modelLines = new Map();
    const start = lines.findIndex((l) => /^models:\s*(#.*)?$/.test(l));
    let indent: number | undefined;
    for (let i = start + 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (/^\s*(#.*)?$/.test(line)) continue;
      const lead = line.length - line.trimStart().length;
      if (lead === 0) break;
      indent ??= lead;
      if (lead < indent) return (modelLines = undefined);
      if (lead !== indent) continue;
      const key = /^\s*("([^"]+)"|'([^']+)'|([A-Za-z0-9_.-]+))\s*:/.exec(line);
      const name = key?.[2] ?? key?.[3] ?? key?.[4];
      if (name !== undefined) modelLines.set(name, i);
    }
    return modelLines;
  };
  return {
    locate(pointer: string) {
      // deeper pointers (e.g. /traffic/0/version) resolve to their item: the nearest parent line
      const m = /^\/models\/([^/]+)(?:\/(traffic)\/(\d+)|\/(shadow))?(?:\/[^/]+)*$/.exec(pointer);
      const map = m ? index() : undefined;
      const at = m && map ? map.get(m[1]!.replace(/~1/g, "/").replace(/~0/g, "~")) : undefined;
      if (!m || at === undefined || !lines) return original.locate(pointer);
      const keyLine = lines[at]!;
      const keyIndent = keyLine.length - keyLine.trimStart().length;
      let end = at + 1;
      while (end < lines.length) {
        const l = lines[end]!;
        if (!/^\s*(#.*)?$/.test(l) && l.length - l.trimStart().length <= keyIndent) break;
        end++;
      }
      const find = (re: RegExp): number | undefined => {
        for (let i = at + 1; i < end; i++) if (re.test(lines![i]!)) return i;
        return undefined;
      };
      if (m[4]) {
        const shadow = find(/^\s*shadow\s*:/);
        return shadow === undefined ? original.locate(pointer) : { line: shadow + 1, column: 1 };
      }
      if (m[2]) {
        const traffic = find(/^\s*traffic\s*:\s*(#.*)?$/);
        if (traffic === undefined) return original.locate(pointer);
        let item = -1;
        let itemIndent: number | undefined;
        for (let i = traffic + 1; i < end; i++) {
          const l = lines[i]!;
          if (/^\s*(#.*)?$/.test(l)) continue;
          const lead = l.length - l.trimStart().length;
          if (!l.trimStart().startsWith("- ")) {
            if (itemIndent === undefined || lead <= itemIndent) break;
            continue;
          }
          itemIndent ??= lead;
          if (lead !== itemIndent) continue;
          item++;
          if (item === Number(m[3])) return { line: i + 1, column: lead + 1 };
        }
        return original.locate(pointer);
      }
      return { line: at + 1, column: keyIndent + 1 };
    },
  };
}

// Lines an environment file is made of, odd ones included (comments at any indent, blanks, top-level
// keys after `models`, uneven indentation, quoted keys, flow values, CR, tabs, a Unicode space).
const line = fc.constantFrom(
  "name: staging",
  "models:",
  "models:  # comment",
  "  a:",
  "  b:",
  '  "c":',
  "  'd':",
  "  a:  # again",
  "    traffic:",
  "      - { version: 1.0.0, weight: 100 }",
  "      - version: 1.1.0",
  "        weight: 0",
  "    shadow: { version: 1.1.0, percent: 5 }",
  "   odd: indent",
  "  e: { traffic: [] }",
  "",
  "  ",
  "# top comment",
  "    # nested comment",
  "description: after models",
  "\r",
  "  b:\r",
  "# comment\r",
  "\t  c:",
  "\u00a0 d:",
);
const text = fc
  .tuple(fc.array(line, { maxLength: 30 }), fc.boolean())
  .map(([lines, trailingNewline]) => lines.join("\n") + (trailingNewline ? "\n" : ""));
const names = fc.subarray(["a", "b", "c", "d", "e"]);
const pointers = ["a", "b", "c", "d", "e"].flatMap((m) => [
  `/models/${m}`,
  `/models/${m}/traffic/0`,
  `/models/${m}/traffic/1`,
  `/models/${m}/traffic/1/weight`,
  `/models/${m}/shadow`,
]);

describe("environment scan", () => {
  it("blanks the same lines as the line-by-line keepModelEntries, for any arrangement of lines", () => {
    fc.assert(
      fc.property(text, names, (t, keep) => {
        expect(keepModelEntries(t, new Set(keep))).toEqual(referenceKeep(t, new Set(keep)));
      }),
      { numRuns: 3000 },
    );
  });

  it("keepModelEntries uses a given scan only when it is of the same text", () => {
    fc.assert(
      fc.property(text, text, names, (t, other, keep) => {
        const expected = referenceKeep(t, new Set(keep));
        const ownScan = scanEnvironment(t);
        if (ownScan) expect(keepModelEntries(t, new Set(keep), ownScan)).toEqual(expected);
        const otherScan = scanEnvironment(other);
        if (otherScan) expect(keepModelEntries(t, new Set(keep), otherScan)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it("locates the same lines as the line-by-line positions, for any arrangement of lines", () => {
    const fallback: Positions = { locate: () => ({ line: -1, column: -1 }) };
    fc.assert(
      fc.property(text, (t) => {
        const fast = fastEnvironmentPositions(t, fallback);
        const reference = referencePositions(t, fallback);
        for (const pointer of pointers)
          expect([pointer, fast.locate(pointer)]).toEqual([pointer, reference.locate(pointer)]);
      }),
      { numRuns: 2000 },
    );
  });

  it("finds the changed entries by comparing blocks, for any two texts", () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const b = scanEnvironment(before);
        const a = scanEnvironment(after);
        if (!b || !a) return;
        const block = (s: NonNullable<typeof b>, name: string): string | undefined => {
          const i = s.byName.get(name);
          return i === undefined ? undefined : s.text.slice(s.starts[i], s.ends[i]);
        };
        const expected = [...new Set([...b.names, ...a.names])].filter((n) => block(b, n) !== block(a, n));
        expect([...changedEntries(b, a)]).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it("finds one changed entry among many identical ones (common prefix and suffix)", () => {
    const file = (v: (i: number) => string): string =>
      `name: staging\nmodels:\n${Array.from({ length: 200 }, (_, i) => `  m-${i}:\n    traffic:\n      - { version: ${v(i)}, weight: 100 }\n`).join("")}`;
    const before = scanEnvironment(file(() => "1.1.0"))!;
    const after = scanEnvironment(file((i) => (i === 42 ? "1.2.0" : "1.1.0")))!;
    expect([...changedEntries(before, after)]).toEqual(["m-42"]);
    // same length, same place: the block comparison, not the offsets, decides
    const swapped = scanEnvironment(file((i) => (i === 7 ? "1.0.1" : "1.1.0")))!;
    expect([...changedEntries(before, swapped)]).toEqual(["m-7"]);
    expect([...changedEntries(after, swapped)]).toEqual(["m-7", "m-42"]);
    expect(keepModelEntries(after.text, new Set(["m-42"]))!.split("\n")).toHaveLength(
      after.text.split("\n").length,
    );
  });
});

describe("scans cached per blob", () => {
  const sha = "0123456789abcdef0123456789abcdef01234567";

  it("gives back exactly the scan that was stored, for any text", async () => {
    const dir = mkdtempSync(join(tmpdir(), "modelgate-scans-"));
    try {
      await fc.assert(
        fc.asyncProperty(text, async (t) => {
          const scan = scanEnvironment(t);
          if (!scan) return;
          await writeCachedScan(dir, sha, scan);
          expect(await readCachedScan(dir, sha, t)).toEqual(scan);
        }),
        { numRuns: 500 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a stored scan for a text of another length, a damaged file and a name that is not a sha", async () => {
    const dir = mkdtempSync(join(tmpdir(), "modelgate-scans-"));
    try {
      const t = "name: staging\nmodels:\n  a:\n    traffic: []\n  b:\n    traffic: []\n";
      await writeCachedScan(dir, sha, scanEnvironment(t)!);
      expect(await readCachedScan(dir, sha, t)).toEqual(scanEnvironment(t));
      expect(await readCachedScan(dir, sha, `${t}\n`)).toBeUndefined();
      // The same length, entries elsewhere: the key lines do not fit.
      const shifted = "name: staging\nmodels:\n  aa:\n    traffic: []\n  b:\n    traffic: [\n";
      expect(shifted.length).toBe(t.length);
      expect(await readCachedScan(dir, sha, shifted)).toBeUndefined();
      writeFileSync(join(dir, `${sha}.json`), "{ not json");
      expect(await readCachedScan(dir, sha, t)).toBeUndefined();
      await writeCachedScan(dir, "../x", scanEnvironment(t)!);
      expect(await readCachedScan(dir, "../x", t)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
