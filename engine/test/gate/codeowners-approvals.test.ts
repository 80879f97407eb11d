import { describe, expect, it } from "vitest";
import {
  codeOwnersPattern,
  groupCodeOwners,
  ownersOf,
  parseApprovals,
  resolveOwner,
  validateApprovals,
} from "../../src/gate/index.js";

describe("CODEOWNERS patterns", () => {
  it.each([
    ["*", "models/a/model.yaml", true],
    ["/models/a/", "models/a/versions/1.0.0.yaml", true],
    ["/models/a/", "models/ab/model.yaml", false],
    ["/environments/production.yaml", "environments/production.yaml", true],
    ["/environments/production.yaml", "x/environments/production.yaml", false],
    ["*.yaml", "slos/x.yaml", true],
    ["*.yaml", "artifacts/m.onnx", false],
    ["docs/**/*.md", "docs/a/b/c.md", true],
    ["contracts", "contracts/x.yaml", true],
    ["/waivers/", "waivers/w.yaml", true],
  ] as const)("%s matches %s: %s", (pattern, path, want) => {
    expect(codeOwnersPattern(pattern).test(path)).toBe(want);
  });

  it("the last matching rule wins and owners are grouped by owner set", () => {
    const rules = [
      { pattern: "*", owners: ["@retail/forecasting"], line: 1 },
      { pattern: "/environments/production.yaml", owners: ["@retail/sre"], line: 5 },
      { pattern: "/slos/", owners: ["@retail/sre"], line: 6 },
    ];
    expect(ownersOf(rules, "environments/production.yaml")).toEqual({ owners: ["@retail/sre"], line: 5 });
    const teams = { "retail/sre": ["dave"], "retail/forecasting": ["alice"] };
    expect(
      groupCodeOwners(rules, ["environments/production.yaml", "slos/a.yaml", "models/x/model.yaml"], teams),
    ).toEqual([
      {
        owners: ["@retail/sre"],
        members: ["dave"],
        paths: ["environments/production.yaml", "slos/a.yaml"],
        file: "CODEOWNERS",
        line: 5,
      },
      {
        owners: ["@retail/forecasting"],
        members: ["alice"],
        paths: ["models/x/model.yaml"],
        file: "CODEOWNERS",
        line: 1,
      },
    ]);
  });

  it("resolves users and teams", () => {
    const teams = { "retail/risk": ["carol"] };
    expect(resolveOwner("@retail/risk", teams)).toEqual(["carol"]);
    expect(resolveOwner("@acme/risk", teams)).toEqual(["carol"]);
    expect(resolveOwner("@zoe", teams)).toEqual(["zoe"]);
    expect(resolveOwner("@retail/unknown", teams)).toEqual([]);
  });
});

describe("approvals", () => {
  const head = "a".repeat(40);
  const records = parseApprovals([
    { reviewer: "@bob", state: "approved", commit: head },
    { reviewer: "alice", state: "APPROVED", commit: head },
    { reviewer: "carol", state: "APPROVED", commit: "b".repeat(40) },
    { reviewer: "dave", state: "APPROVED", commit: head },
    { reviewer: "dave", state: "CHANGES_REQUESTED", commit: head },
  ]);

  it("counts approvals on the head commit by someone other than the author; the latest review wins", () => {
    const result = validateApprovals(records, { author: "alice", headSha: head, dismissStale: true });
    expect(result.map((a) => [a.reviewer, a.valid, a.reason])).toEqual([
      ["bob", true, undefined],
      ["alice", false, "the author cannot approve"],
      ["carol", false, "given on bbbbbbbbbbbb, not the head commit"],
      ["dave", false, "review state CHANGES_REQUESTED"],
    ]);
  });

  it("keeps approvals on older commits when stale approvals are not dismissed", () => {
    const result = validateApprovals(records, { author: "alice", headSha: head, dismissStale: false });
    expect(result.find((a) => a.reviewer === "carol")?.valid).toBe(true);
  });

  it("rejects malformed records", () => {
    expect(() => parseApprovals({})).toThrow("expected a JSON array");
    expect(() => parseApprovals([{ reviewer: "x", state: "APPROVED", commit: "c", teams: "t" }])).toThrow(
      "teams",
    );
  });
});
