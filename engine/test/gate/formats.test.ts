/** text / markdown / sarif / junit renderings of one denied change, through the CLI. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempGitRepo, type TempGitRepo } from "../helpers/temp-git.js";
import { branch, readRepoFile, replaceIn, runCli } from "./cli-harness.js";

let repo: TempGitRepo;
let base: string;
let head: string;

beforeAll(async () => {
  repo = await createTempGitRepo({ fromTemplate: true });
  // the target branch sets retrain-overdue to audit (an override every decision reports)
  base = await branch(repo, "audit-base", () =>
    replaceIn(
      repo,
      "modelgate.yaml",
      "retrain-overdue: { enforcement: warn",
      "retrain-overdue: { enforcement: audit",
    ),
  );
  head = await branch(
    repo,
    "regressed-canary",
    async () => {
      const text = (await readRepoFile(repo, "models/demand-forecast/versions/1.1.0.yaml"))
        .replace('version: "1.1.0"', 'version: "1.2.0"')
        .replace(/\n {2}mae: [0-9.]+/, "\n  mae: 4.5");
      await repo.write("models/demand-forecast/versions/1.2.0.yaml", text);
      await replaceIn(
        repo,
        "environments/staging.yaml",
        /demand-forecast:\n {4}traffic:\n {6}- \{ version: 1\.1\.0/,
        "demand-forecast:\n    traffic:\n      - { version: 1.2.0",
      );
      await replaceIn(repo, "contracts/demand-forecast.yaml", /version: "?1\.0\.0"?/, 'version: "1.1.0"');
    },
    "audit-base",
  );
});
afterAll(() => repo?.cleanup());

const run = (format: string) =>
  runCli([
    "check",
    "--repo",
    repo.dir,
    "--base",
    base,
    "--head",
    head,
    "--author",
    "frank",
    "--format",
    format,
    "--now",
    "2027-03-01T00:00:00Z",
  ]);

/** A small well-formedness check: balanced tags, quoted attributes, known entities only. */
function assertWellFormedXml(text: string): void {
  const body = text.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const between = body.slice(last, m.index);
    expect(between).not.toMatch(/[<>]/);
    expect(between.replace(/&(amp|lt|gt|quot|apos);/g, "")).not.toContain("&");
    last = tag.lastIndex;
    if (m[1]) expect(stack.pop()).toBe(m[2]);
    else if (!m[4]) stack.push(m[2]!);
  }
  expect(body.slice(last).trim()).toBe("");
  expect(stack).toEqual([]);
}

describe("decision formats", () => {
  it("text: verdict, violation with file:line and fix, exit 1", async () => {
    const r = await run("text");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^modelgate check [0-9a-f]{12}\.\.[0-9a-f]{12}: DENIED/);
    expect(r.stdout).toMatch(
      /✗ \[metric-regression\] environments\/staging\.yaml:\d+: demand-forecast 1\.2\.0 in staging: mae 4\.5 vs 3\.636/,
    );
    expect(r.stdout).toContain("fix: ");
    expect(r.stdout).toContain("Enforcement overrides (modelgate.yaml):\n  retrain-overdue: warn -> audit");
  });

  it("markdown: verdict, violations table, metric table with deltas, contract and traffic tables, approvals", async () => {
    const r = await run("markdown");
    expect(r.code).toBe(1);
    const md = r.stdout;
    expect(md).toContain("## modelgate: ❌ denied");
    expect(md).toContain("### Violations");
    expect(md).toMatch(/\| `metric-regression` \| environments\/staging\.yaml:\d+ \|/);
    expect(md).toContain(
      "| demand-forecast | staging | 1.2.0 (stable) | 1.1.0 | mae | 4.5 | 3.636 | +0.864 ⚠️ |",
    );
    expect(md).toContain("### Contract changes");
    expect(md).toMatch(/\| demand-forecast \| \w+ \| 1\.0\.0 → 1\.1\.0 \(minor\) \|/);
    expect(md).toContain("| staging | demand-forecast | 1.1.0 100% | 1.2.0 100% |");
    expect(md).toContain("### Approvals");
    expect(md).toContain("| ❌ |");
    expect(md).toContain("- `retrain-overdue`: warn → audit (modelgate.yaml:");
  });

  it("sarif: a valid 2.1.0 log whose results point at rules and lines", async () => {
    const r = await run("sarif");
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string; defaultConfiguration: { level: string } }[] } };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations?: {
            physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } };
          }[];
        }[];
      }[];
    };
    expect(sarif.version).toBe("2.1.0");
    const [runLog] = sarif.runs;
    expect(runLog!.tool.driver.name).toBe("modelgate");
    const regression = runLog!.results.find((x) => x.ruleId === "metric-regression")!;
    expect(regression.level).toBe("error");
    expect(runLog!.tool.driver.rules[regression.ruleIndex]!.id).toBe("metric-regression");
    expect(regression.locations![0]!.physicalLocation.artifactLocation.uri).toBe("environments/staging.yaml");
    expect(regression.locations![0]!.physicalLocation.region!.startLine).toBeGreaterThan(0);
    for (const result of runLog!.results) {
      expect(["error", "warning", "note"]).toContain(result.level);
      expect(result.message.text.length).toBeGreaterThan(0);
      expect(runLog!.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      for (const loc of result.locations ?? [])
        expect(loc.physicalLocation.region?.startLine ?? 1).toBeGreaterThan(0);
    }
    expect(runLog!.results.some((x) => x.level === "note" && x.ruleId === "retrain-overdue")).toBe(true);
  });

  it("junit: well-formed XML, one test case per rule, failures for violated rules", async () => {
    const r = await run("junit");
    expect(r.code).toBe(1);
    assertWellFormedXml(r.stdout);
    const cases = r.stdout.match(/<testcase /g) ?? [];
    expect(cases.length).toBeGreaterThanOrEqual(14);
    const failures = Number(/<testsuites [^>]*failures="(\d+)"/.exec(r.stdout)?.[1]);
    expect(failures).toBe((r.stdout.match(/<failure /g) ?? []).length);
    expect(r.stdout).toMatch(
      /<testcase classname="modelgate.policy" name="metric-regression">\s*<failure message="demand-forecast 1.2.0 in staging: mae 4.5/,
    );
  });
});
