import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { findMissingApprovals, resolveChangeRequest } from "../../src/approvals/index.js";
import { collect, ForgeNotFoundError, type CheckAnnotation } from "../../src/forge/index.js";
import { BASE_FILES, createGitHubHarness, createLocalHarness, type ForgeHarness } from "./harness.js";
import { OPERATION_KEYS, usedOperations } from "./github/fake-github.js";

/** Operations the App-auth tests in github/github-forge.test.ts exercise instead. */
const APP_OPERATIONS = [
  "GET /repos/{owner}/{repo}/installation",
  "POST /app/installations/{installation_id}/access_tokens",
];

afterAll(() => {
  // The committed OpenAPI subset lists exactly the operations the adapter uses: none may go unused.
  expect(OPERATION_KEYS.filter((k) => !APP_OPERATIONS.includes(k) && !usedOperations.has(k))).toEqual([]);
});

/**
 * One contract, every adapter: the same behaviour from LocalForge (a temp git repo) and GitHubForge
 * (against a local server that checks each request against GitHub's OpenAPI description).
 */
describe.each([
  ["local", createLocalHarness],
  ["github", createGitHubHarness],
] as const)("Forge contract: %s", (_name, createHarness) => {
  let h: ForgeHarness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    if ("fake" in h) (h as { fake: { assertClean(): void } }).fake.assertClean();
    await h.cleanup();
  });

  it("reads a change request's facts, files and reviews", async () => {
    const cr = await h.openChangeRequest({
      branch: "promote-a",
      author: "alice",
      title: "Promote a",
      labels: ["risk:high"],
      files: { "models/a/model.yaml": "name: a\nrisk_tier: high\n", "models/b/model.yaml": "name: b\n" },
    });
    const facts = await h.forge.getChangeRequest(cr.id);
    expect(facts).toMatchObject({
      number: cr.id,
      title: "Promote a",
      author: "alice",
      base: { ref: "main", sha: cr.baseSha },
      head: { ref: "promote-a", sha: cr.headSha },
      labels: ["risk:high"],
      state: "open",
      mergeable: "mergeable",
    });
    const files = await collect(h.forge.listChangedFiles(cr.id));
    expect(files.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: "models/a/model.yaml", status: "modified" },
      { path: "models/b/model.yaml", status: "added" },
    ]);
    await h.review(cr, "bob", "COMMENTED");
    await h.review(cr, "carol", "APPROVED");
    const reviews = await collect(h.forge.listReviews(cr.id));
    expect(reviews.map((r) => [r.reviewer, r.state, r.commit])).toEqual([
      ["bob", "COMMENTED", cr.headSha],
      ["carol", "APPROVED", cr.headSha],
    ]);
    expect(Date.parse(reviews[1]?.submittedAt ?? "")).toBeGreaterThan(
      Date.parse(reviews[0]?.submittedAt ?? ""),
    );
    await expect(h.forge.getChangeRequest(999)).rejects.toBeInstanceOf(ForgeNotFoundError);
  });

  it("reads CODEOWNERS and team membership; an unknown team is NotFound", async () => {
    const cr = await h.openChangeRequest({
      branch: "x",
      author: "alice",
      title: "x",
      files: { "x.txt": "x" },
    });
    const owners = await h.forge.getCodeOwners(cr.baseSha);
    expect(owners.file).toBe("CODEOWNERS");
    expect(owners.entries.map((e) => e.pattern)).toEqual(["*", "models/", "/environments/", "/ghost/"]);
    expect(await h.forge.isTeamMember("@retail/ml", "carol")).toBe(true);
    expect(await h.forge.isTeamMember("retail/ml", "erin")).toBe(false);
    await expect(h.forge.isTeamMember("@retail/ghost", "carol")).rejects.toThrow(/retail\/ghost/);
    await expect(h.forge.isTeamMember("@retail/ghost", "carol")).rejects.toBeInstanceOf(ForgeNotFoundError);
  });

  it("publishes a check with more annotations than one request carries", async () => {
    const cr = await h.openChangeRequest({
      branch: "c",
      author: "alice",
      title: "c",
      files: { "c.txt": "c" },
    });
    const annotations: CheckAnnotation[] = Array.from({ length: 120 }, (_, i) => ({
      path: "models/a/model.yaml",
      startLine: i + 1,
      level: i % 2 ? "warning" : "failure",
      message: `finding ${i}`,
    }));
    const published = await h.forge.publishCheck({
      name: "modelgate",
      headSha: cr.headSha,
      conclusion: "failure",
      title: "2 rules denied",
      summary: "## Decision\ndenied",
      annotations,
    });
    expect(published.id).toBeTruthy();
    expect(await h.checkAnnotations(cr.headSha, "modelgate")).toBe(120);
  });

  it("keeps one summary comment per change request, updated in place", async () => {
    const cr = await h.openChangeRequest({
      branch: "s",
      author: "alice",
      title: "s",
      files: { "s.txt": "s" },
    });
    expect((await h.forge.ensureSummaryComment(cr.id, "first")).action).toBe("created");
    expect((await h.forge.ensureSummaryComment(cr.id, "first")).action).toBe("unchanged");
    expect((await h.restart().ensureSummaryComment(cr.id, "second")).action).toBe("updated");
    const comments = await h.summaryComments(cr);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain("second");
    expect(comments[0]?.startsWith("<!-- modelgate:summary -->")).toBe(true);
  });

  it("ensures issues by fingerprint across restarts, comments, closes and reopens them", async () => {
    const spec = {
      fingerprint: "drift:a:production",
      title: "Drift on a",
      body: "PSI 0.3",
      labels: ["drift"],
    };
    const created = await h.forge.ensureIssue(spec);
    expect(created.action).toBe("created");
    expect(created.issue).toMatchObject({
      fingerprint: spec.fingerprint,
      title: "Drift on a",
      body: "PSI 0.3",
      state: "open",
    });
    const again = await h.restart().ensureIssue(spec);
    expect(again).toMatchObject({ action: "unchanged", issue: { number: created.issue.number } });
    const updated = await h.restart().ensureIssue({ ...spec, body: "PSI 0.4" });
    expect(updated).toMatchObject({
      action: "updated",
      issue: { number: created.issue.number, body: "PSI 0.4" },
    });
    await h.forge.ensureIssue({ fingerprint: "slo:a", title: "SLO", body: "burn" });
    await h.forge.commentOnIssue(spec.fingerprint, "still drifting");
    expect((await collect(h.forge.listIssues())).map((i) => i.fingerprint).sort()).toEqual([
      "drift:a:production",
      "slo:a",
    ]);
    const closed = await h.forge.closeIssue(spec.fingerprint, "recovered");
    expect(closed).toMatchObject({ number: created.issue.number, state: "closed" });
    expect(await h.forge.closeIssue(spec.fingerprint, "again")).toBeUndefined();
    expect(await h.issueComments(spec.fingerprint)).toEqual(["still drifting", "recovered"]);
    expect((await collect(h.forge.listIssues())).map((i) => i.fingerprint)).toEqual(["slo:a"]);
    expect((await collect(h.forge.listIssues({ state: "closed" }))).map((i) => i.fingerprint)).toEqual([
      spec.fingerprint,
    ]);
    const reopened = await h.forge.ensureIssue(spec);
    expect(reopened).toMatchObject({
      action: "updated",
      issue: { number: created.issue.number, state: "open" },
    });
    await expect(h.forge.commentOnIssue("nope", "x")).rejects.toBeInstanceOf(ForgeNotFoundError);
  });

  it("records deployment statuses per environment and commit", async () => {
    const sha = "d".repeat(40);
    await h.forge.reportDeployment({
      environment: "production",
      sha,
      state: "in_progress",
      description: "loading",
    });
    await h.forge.reportDeployment({
      environment: "production",
      sha,
      state: "success",
      description: "serving",
    });
    expect(await h.deploymentStatuses("production", sha)).toEqual(["in_progress", "success"]);
  });

  it("writes a change request's branch as one commit on base and opens it once", async () => {
    const spec = {
      base: "main",
      branch: "modelgate/abort-production-a-2",
      title: "Abort canary a 2",
      body: "The canary burned its error budget.",
      files: [{ path: "environments/production.yaml", content: "name: production\nmodels: {} # reverted\n" }],
      labels: ["rollback"],
    };
    const opened = await h.forge.openChangeRequest(spec);
    expect(opened).toMatchObject({ branch: "created", action: "created" });
    expect(opened.changeRequest).toMatchObject({
      title: "Abort canary a 2",
      head: { ref: spec.branch, sha: opened.commit },
      base: { ref: "main" },
      labels: ["rollback"],
      state: "open",
    });
    expect(await h.fileAt(spec.branch, "environments/production.yaml")).toBe(spec.files[0]!.content);
    // The rest of the tree is base's.
    expect(await h.fileAt(spec.branch, "models/a/model.yaml")).toBe(BASE_FILES["models/a/model.yaml"]);
    expect(await collect(h.forge.listChangedFiles(opened.changeRequest.number))).toEqual([
      { path: "environments/production.yaml", status: "modified" },
    ]);
    // Again (a retry, a restart): the same change request, nothing written.
    const again = await h.restart().openChangeRequest({ ...spec, files: [{ path: "x", content: "other" }] });
    expect(again).toMatchObject({ branch: "reused", action: "existing", commit: opened.commit });
    expect(again.changeRequest.number).toBe(opened.changeRequest.number);
    expect(await h.branches("modelgate/")).toEqual([spec.branch]);
  });

  it("reuses an existing branch without writing a commit, and refuses paths outside the repository", async () => {
    const first = await h.forge.openChangeRequest({
      base: "main",
      branch: "modelgate/rollback-x",
      title: "Roll back",
      body: "b",
      files: [{ path: "models/a/model.yaml", content: "name: a\n# rolled back\n" }],
    });
    await expect(
      h.forge.openChangeRequest({
        base: "main",
        branch: "modelgate/bad",
        title: "t",
        body: "b",
        files: [{ path: "../outside.yaml", content: "x" }],
      }),
    ).rejects.toThrow(/'..\/outside.yaml' is not a path inside the repository/);
    expect(await h.branches("modelgate/")).toEqual(["modelgate/rollback-x"]);
    expect(first.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  describe("approvals matrix", () => {
    const files = { "models/a/model.yaml": "name: a\nrisk_tier: high\n" };
    async function verdict(
      setup: (cr: Awaited<ReturnType<ForgeHarness["openChangeRequest"]>>) => Promise<void>,
      minApprovals = 1,
    ) {
      const cr = await h.openChangeRequest({ branch: "m", author: "alice", title: "m", files });
      await setup(cr);
      const resolved = await resolveChangeRequest(h.forge, cr.id);
      const gap = findMissingApprovals(
        resolved.approvals,
        { minApprovals },
        {
          author: resolved.author,
          changedPaths: resolved.changedFiles.map((f) => f.path),
          codeOwners: resolved.codeOwners.entries,
        },
      );
      return { resolved, gap };
    }

    it("self-approval does not count", async () => {
      const { resolved, gap } = await verdict((cr) => h.review(cr, "alice", "APPROVED"));
      expect(resolved.approvals.ignored.map((i) => [i.reviewer, i.reason])).toEqual([["alice", "author"]]);
      expect(gap.satisfied).toBe(false);
    });

    it("a stale approval does not count", async () => {
      const { resolved, gap } = await verdict(async (cr) => {
        await h.review(cr, "carol", "APPROVED");
        await h.pushCommit(cr, { "models/a/model.yaml": "name: a\nrisk_tier: medium\n" });
      });
      expect(resolved.approvals.ignored.map((i) => [i.reviewer, i.reason])).toEqual([["carol", "stale"]]);
      expect(gap.satisfied).toBe(false);
    });

    it("a dismissed approval does not count", async () => {
      const { resolved, gap } = await verdict(async (cr) => {
        await h.review(cr, "carol", "APPROVED");
        await h.dismiss(cr, "carol");
      });
      expect(resolved.approvals.valid).toEqual([]);
      expect(resolved.approvals.ignored.map((i) => i.reason)).toContain("dismissed");
      expect(gap.satisfied).toBe(false);
    });

    it("requested changes block until the same reviewer approves", async () => {
      const blocked = await verdict((cr) => h.review(cr, "carol", "CHANGES_REQUESTED"));
      expect(blocked.gap).toMatchObject({ satisfied: false, blocking: ["carol"] });
      await h.cleanup();
      h = await createHarness();
      const unblocked = await verdict(async (cr) => {
        await h.review(cr, "carol", "CHANGES_REQUESTED");
        await h.review(cr, "carol", "COMMENTED");
        await h.review(cr, "carol", "APPROVED");
      });
      expect(unblocked.gap).toEqual({ satisfied: true, missing: [], blocking: [] });
    });

    it("an approval by a non-owner counts as an approval but not as a code owner's", async () => {
      const { resolved, gap } = await verdict((cr) => h.review(cr, "bob", "APPROVED"));
      expect(resolved.approvals.valid).toMatchObject([{ reviewer: "bob", teams: [], covers: [] }]);
      expect(gap.missing).toEqual([
        { kind: "code-owner", path: "models/a/model.yaml", candidates: ["@retail/ml"] },
      ]);
    });

    it("a team member's approval covers the paths the team owns", async () => {
      const { resolved, gap } = await verdict((cr) => h.review(cr, "carol", "APPROVED"));
      expect(resolved.approvals.valid).toMatchObject([
        { reviewer: "carol", teams: ["retail/ml"], covers: ["models/a/model.yaml"] },
      ]);
      expect(gap.satisfied).toBe(true);
    });

    it("a high-risk change needs two approvals", async () => {
      const one = await verdict((cr) => h.review(cr, "carol", "APPROVED"), 2);
      expect(one.gap.missing).toEqual([{ kind: "count", required: 2, have: 1, candidates: ["@retail/ml"] }]);
      await h.cleanup();
      h = await createHarness();
      const two = await verdict(async (cr) => {
        await h.review(cr, "carol", "APPROVED");
        await h.review(cr, "frank", "APPROVED");
      }, 2);
      expect(two.gap.satisfied).toBe(true);
      expect(two.resolved.approvals.valid.map((v) => [v.reviewer, v.teams])).toEqual([
        ["carol", ["retail/ml"]],
        ["frank", []],
      ]);
    });
  });
});
