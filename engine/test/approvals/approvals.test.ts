import { describe, expect, it } from "vitest";
import {
  codeOwnersPatternToRegExp,
  describeApprovalGap,
  evaluateApprovals,
  findMissingApprovals,
  ownersOf,
  parseCodeOwners,
} from "../../src/approvals/index.js";
import type { Review } from "../../src/forge/index.js";

const HEAD = "h".repeat(40);
const OLD = "o".repeat(40);
let clock = 0;
function review(reviewer: string, state: Review["state"], commit = HEAD): Review {
  clock += 1;
  return { reviewer, state, commit, submittedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, clock)).toISOString() };
}

const codeOwners = parseCodeOwners(
  [
    "# owners",
    "*            @lead",
    "models/      @retail/ml",
    "/environments/production.yaml @retail/sre @dave",
    "docs/*.md",
  ].join("\n"),
);

describe("CODEOWNERS matching", () => {
  it.each([
    ["*", "a/b/c.txt", true],
    ["models/", "models/x/model.yaml", true],
    ["models/", "sub/models/x.yaml", true],
    ["/models/", "sub/models/x.yaml", false],
    ["docs/*.md", "docs/a.md", true],
    ["docs/*.md", "docs/sub/a.md", false],
    ["**/versions/*.yaml", "models/a/versions/1.0.0.yaml", true],
    ["model.yaml", "models/a/model.yaml", true],
    ["/environments/production.yaml", "environments/production.yaml", true],
    ["/environments/production.yaml", "environments/staging.yaml", false],
    ["contracts", "contracts/a.yaml", true],
  ])("%s matches %s: %s", (pattern, path, expected) => {
    expect(codeOwnersPatternToRegExp(pattern).test(path)).toBe(expected);
  });

  it("lets the last matching line win, and an owner-less line un-own a path", () => {
    expect(ownersOf("models/a/model.yaml", codeOwners)).toEqual(["@retail/ml"]);
    expect(ownersOf("environments/production.yaml", codeOwners)).toEqual(["@retail/sre", "@dave"]);
    expect(ownersOf("README.md", codeOwners)).toEqual(["@lead"]);
    expect(ownersOf("docs/guide.md", codeOwners)).toEqual([]);
  });
});

describe("evaluateApprovals", () => {
  const base = {
    author: "alice",
    headSha: HEAD,
    changedPaths: ["models/a/model.yaml", "environments/production.yaml"],
    codeOwners,
    teamsOf: { carol: ["retail/ml"], dave: [], erin: ["retail/sre"] },
  };

  it("ignores the author, stale, dismissed and superseded reviews and keeps the latest", () => {
    const verdict = evaluateApprovals({
      ...base,
      reviews: [
        review("alice", "APPROVED"),
        review("bob", "APPROVED", OLD),
        review("carol", "APPROVED", OLD),
        review("carol", "APPROVED"),
        review("carol", "COMMENTED"),
        review("dave", "APPROVED"),
        review("dave", "DISMISSED"),
      ],
    });
    expect(verdict.valid.map((v) => [v.reviewer, v.teams, v.covers])).toEqual([
      ["carol", ["retail/ml"], ["models/a/model.yaml"]],
    ]);
    expect(verdict.ignored.map((i) => [i.reviewer, i.reason]).sort()).toEqual(
      [
        ["alice", "author"],
        ["bob", "stale"],
        ["carol", "superseded"],
        ["dave", "dismissed"],
        ["dave", "superseded"],
      ].sort(),
    );
    expect(verdict.blocking).toEqual([]);
  });

  it("counts an approval on an older commit when dismiss_stale is off", () => {
    const verdict = evaluateApprovals({
      ...base,
      dismissStale: false,
      reviews: [review("bob", "APPROVED", OLD)],
    });
    expect(verdict.valid.map((v) => v.reviewer)).toEqual(["bob"]);
  });

  it("blocks on requested changes until the same reviewer approves; a comment does not unblock", () => {
    const blocked = evaluateApprovals({
      ...base,
      reviews: [
        review("erin", "CHANGES_REQUESTED"),
        review("erin", "COMMENTED"),
        review("carol", "APPROVED"),
      ],
    });
    expect(blocked.blocking.map((b) => b.reviewer)).toEqual(["erin"]);
    const unblocked = evaluateApprovals({
      ...base,
      reviews: [review("erin", "CHANGES_REQUESTED"), review("erin", "APPROVED")],
    });
    expect(unblocked.blocking).toEqual([]);
    expect(unblocked.valid[0]).toMatchObject({ reviewer: "erin", covers: ["environments/production.yaml"] });
  });

  it("orders by submission time, not by listing order", () => {
    const late = review("bob", "APPROVED");
    const early = review("bob", "CHANGES_REQUESTED");
    early.submittedAt = "2025-01-01T00:00:00Z";
    const verdict = evaluateApprovals({ ...base, reviews: [late, early] });
    expect(verdict.valid.map((v) => v.reviewer)).toEqual(["bob"]);
  });
});

describe("findMissingApprovals", () => {
  const context = {
    author: "alice",
    changedPaths: ["models/a/model.yaml", "environments/production.yaml"],
    codeOwners,
    teamMembers: { "retail/ml": ["carol", "alice"], "retail/sre": ["erin"] },
  };

  it("names the paths without a code owner's approval and who can give it", () => {
    const verdict = evaluateApprovals({
      author: "alice",
      headSha: HEAD,
      reviews: [review("carol", "APPROVED")],
      changedPaths: context.changedPaths,
      codeOwners,
      teamsOf: { carol: ["retail/ml"] },
    });
    const gap = findMissingApprovals(verdict, { minApprovals: 2, requiredTeams: ["@retail/risk"] }, context);
    expect(gap.satisfied).toBe(false);
    expect(gap.missing).toEqual([
      { kind: "code-owner", path: "environments/production.yaml", candidates: ["dave", "erin"] },
      { kind: "team", team: "retail/risk", candidates: ["@retail/risk"] },
      { kind: "count", required: 2, have: 1, candidates: ["dave", "erin"] },
    ]);
    expect(describeApprovalGap(gap)[0]).toContain(
      "environments/production.yaml needs a code owner's approval",
    );
  });

  it("is satisfied when every owned path is covered and nobody blocks", () => {
    const verdict = evaluateApprovals({
      author: "alice",
      headSha: HEAD,
      reviews: [review("carol", "APPROVED"), review("erin", "APPROVED")],
      changedPaths: context.changedPaths,
      codeOwners,
      teamsOf: { carol: ["retail/ml"], erin: ["retail/sre"] },
    });
    expect(findMissingApprovals(verdict, { minApprovals: 2 }, context)).toEqual({
      satisfied: true,
      missing: [],
      blocking: [],
    });
  });
});
