import { generateKeyPairSync } from "node:crypto";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { GitHubForge, createGitHubClient, type GitHubLogger } from "../../../src/forge/github/index.js";
import {
  collect,
  ForgeConflictError,
  ForgePermissionDeniedError,
  ForgeRateLimitedError,
  ForgeTransientError,
} from "../../../src/forge/index.js";
import { createClient } from "../harness.js";
import { FakeGitHub, usedOperations } from "./fake-github.js";

const REVIEWS = "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews";
const PULL = "GET /repos/{owner}/{repo}/pulls/{pull_number}";
const CHECK = "POST /repos/{owner}/{repo}/check-runs";

function recordingLogger(): GitHubLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} };
}

describe("GitHubForge against GitHub's REST shapes", () => {
  let fake: FakeGitHub;
  let forge: GitHubForge;
  beforeEach(async () => {
    fake = await new FakeGitHub().start();
    forge = new GitHubForge(createClient(fake), fake.owner, fake.repo);
    fake.addPull({
      number: 7,
      title: "Promote",
      user: "alice",
      base: { ref: "main", sha: "1".repeat(40) },
      head: { ref: "promote", sha: "2".repeat(40) },
      files: [{ filename: "models/b.yaml", status: "renamed", previous_filename: "models/a.yaml" }],
    });
  });
  afterEach(async () => {
    fake.assertClean();
    await fake.stop();
  });
  afterAll(() => {
    expect(usedOperations.has("GET /repos/{owner}/{repo}/installation")).toBe(true);
    expect(usedOperations.has("POST /app/installations/{installation_id}/access_tokens")).toBe(true);
  });

  it("pages through 250 reviews in 3 requests", async () => {
    for (let i = 0; i < 250; i++) {
      fake.addReview(7, {
        user: `r${i}`,
        state: "COMMENTED",
        commit_id: "2".repeat(40),
        submitted_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      });
    }
    const reviews = await collect(forge.listReviews(7));
    expect(reviews).toHaveLength(250);
    expect(reviews[249]?.reviewer).toBe("r249");
    expect(
      fake.calls
        .filter((c) => c.key === REVIEWS)
        .map((c) => new URL(c.url, fake.url).searchParams.get("page")),
    ).toEqual([null, "2", "3"]);
  });

  it("maps renamed files and leaves pending reviews out", async () => {
    fake.addReview(7, {
      user: "bob",
      state: "PENDING",
      commit_id: "2".repeat(40),
      submitted_at: "2026-01-01T00:00:00Z",
    });
    expect(await collect(forge.listChangedFiles(7))).toEqual([
      { path: "models/b.yaml", status: "renamed", previousPath: "models/a.yaml" },
    ]);
    expect(await collect(forge.listReviews(7))).toEqual([]);
  });

  it("waits out a secondary rate limit (retry-after) and retries", async () => {
    const log = recordingLogger();
    forge = new GitHubForge(
      createGitHubClient({
        auth: { kind: "token", token: "test-token" },
        baseUrl: fake.url,
        log,
        timing: { retryAfterBaseMs: 0, spaceWrites: false },
      }),
      fake.owner,
      fake.repo,
    );
    fake.failNext(
      PULL,
      403,
      { message: "You have exceeded a secondary rate limit. Please wait a few minutes." },
      { "retry-after": "7" },
    );
    expect((await forge.getChangeRequest(7)).title).toBe("Promote");
    expect(fake.calls.filter((c) => c.key === PULL)).toHaveLength(2);
    expect(log.warnings.join("\n")).toMatch(/secondary rate limit .* retrying in 7s/);
  });

  it("waits as long as retry-after says (scaled by the injected base)", async () => {
    forge = new GitHubForge(
      createGitHubClient({
        auth: { kind: "token", token: "test-token" },
        baseUrl: fake.url,
        timing: { retryAfterBaseMs: 20, spaceWrites: false },
      }),
      fake.owner,
      fake.repo,
    );
    fake.failNext(
      PULL,
      403,
      { message: "You have exceeded a secondary rate limit." },
      { "retry-after": "3" },
    );
    const started = performance.now();
    await forge.getChangeRequest(7);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it("retries after a primary rate limit reset", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 1);
    fake.failNext(
      PULL,
      403,
      { message: "API rate limit exceeded for installation." },
      { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset },
    );
    expect((await forge.getChangeRequest(7)).number).toBe(7);
    expect(fake.calls.filter((c) => c.key === PULL)).toHaveLength(2);
  });

  it("gives up on a rate limit that outlasts the retries with ForgeRateLimitedError", async () => {
    for (let i = 0; i < 4; i++) {
      fake.failNext(
        PULL,
        403,
        { message: "You have exceeded a secondary rate limit." },
        { "retry-after": "1" },
      );
    }
    await expect(forge.getChangeRequest(7)).rejects.toBeInstanceOf(ForgeRateLimitedError);
  });

  it("retries a 5xx and then succeeds; a lasting 5xx becomes ForgeTransientError", async () => {
    fake.failNext(PULL, 502, { message: "Bad Gateway" });
    expect((await forge.getChangeRequest(7)).number).toBe(7);
    expect(fake.calls.filter((c) => c.key === PULL)).toHaveLength(2);
    for (let i = 0; i < 4; i++) fake.failNext(PULL, 503, { message: "Service Unavailable" });
    await expect(forge.getChangeRequest(7)).rejects.toBeInstanceOf(ForgeTransientError);
  });

  it("turns a network failure into ForgeTransientError after retries", async () => {
    const closed = await new FakeGitHub().start();
    await closed.stop();
    const offline = new GitHubForge(createClient(closed), closed.owner, closed.repo);
    await expect(offline.getChangeRequest(7)).rejects.toBeInstanceOf(ForgeTransientError);
  });

  it("names the missing permission when the token may not write checks", async () => {
    fake.tokens.set("read-only", new Set(["pull_requests=read"]));
    const readOnly = new GitHubForge(createClient(fake, "read-only"), fake.owner, fake.repo);
    const error = await readOnly
      .publishCheck({
        name: "modelgate",
        headSha: "2".repeat(40),
        conclusion: "success",
        title: "ok",
        summary: "ok",
        annotations: [],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForgePermissionDeniedError);
    expect((error as ForgePermissionDeniedError).permission).toBe("checks: write");
    expect((error as Error).message).toContain("needs the 'checks: write' permission on acme/registry");
    expect(fake.calls.filter((c) => c.key === CHECK)).toHaveLength(1);
  });

  it("reports rejected credentials as PermissionDenied", async () => {
    const bad = new GitHubForge(createClient(fake, "nope"), fake.owner, fake.repo);
    await expect(bad.getChangeRequest(7)).rejects.toThrow(/credentials were rejected \(401/);
  });

  it("does not take a reply quoting the summary for the summary comment", async () => {
    fake.comments.push({
      id: fake.id(),
      issue_number: 7,
      body: "> <!-- modelgate:summary -->\n> old\n\nwhy?",
      user: "bob",
    });
    expect((await forge.ensureSummaryComment(7, "fresh")).action).toBe("created");
    expect(fake.comments.map((c) => c.body.split("\n")[0])).toEqual([
      "> <!-- modelgate:summary -->",
      "<!-- modelgate:summary -->",
    ]);
  });

  it("a pending team invitation is not membership", async () => {
    fake.teams.set("retail/ml", new Map([["carol", "pending"]]));
    expect(await forge.isTeamMember("@retail/ml", "carol")).toBe(false);
  });

  it("authenticates as a GitHub App installation on a GHES-style base URL", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    fake.addInstallation(42, "123", pem);
    const appForge = await GitHubForge.create({
      owner: fake.owner,
      repo: fake.repo,
      baseUrl: `${fake.url}/api/v3`,
      auth: { kind: "app", appId: 123, privateKey: pem },
      timing: { retryAfterBaseMs: 0, spaceWrites: false },
    });
    expect((await appForge.getChangeRequest(7)).author).toBe("alice");
    expect(fake.calls.map((c) => c.key)).toEqual([
      "GET /repos/{owner}/{repo}/installation",
      "POST /app/installations/{installation_id}/access_tokens",
      PULL,
    ]);
  });
});

describe("GitHubForge.openChangeRequest: branch and pull request through the Git Data API", () => {
  const REF = "GET /repos/{owner}/{repo}/git/ref/{ref}";
  const TREES = "POST /repos/{owner}/{repo}/git/trees";
  const COMMITS = "POST /repos/{owner}/{repo}/git/commits";
  const REFS = "POST /repos/{owner}/{repo}/git/refs";
  const PULLS = "POST /repos/{owner}/{repo}/pulls";
  const BRANCH = "modelgate/abort-production-stockout-risk-1.1.0";
  const ENV = "environments/production.yaml";
  let fake: FakeGitHub;
  let forge: GitHubForge;
  let main: string;
  const spec = () => ({
    base: "main",
    baseSha: main,
    branch: BRANCH,
    title: "Abort canary stockout-risk 1.1.0 in production",
    body: "errors 4.1% vs 0.2%",
    files: [
      { path: ENV, content: "models:\n  stockout-risk: { traffic: [{ version: 1.0.0, weight: 100 }] }\n" },
    ],
    labels: ["rollback", "modelgate"],
    author: { name: "modelgate", email: "modelgate@localhost" },
  });
  const count = (key: string): number => fake.calls.filter((c) => c.key === key).length;
  /** What GitHub holds afterwards: one branch, one pull request, the file on the branch. */
  const expectOneOfEach = (): void => {
    expect([...fake.refs.keys()].sort()).toEqual(["heads/main", `heads/${BRANCH}`]);
    expect([...fake.pulls.values()].filter((p) => p.head.ref === BRANCH)).toHaveLength(1);
    expect(fake.fileAt(BRANCH, ENV)).toBe(spec().files[0]!.content);
    expect(fake.fileAt(BRANCH, "README.md")).toBe("registry\n");
  };

  beforeEach(async () => {
    fake = await new FakeGitHub().start();
    forge = new GitHubForge(createClient(fake), fake.owner, fake.repo);
    main = fake.seedBranch("main", { "README.md": "registry\n", [ENV]: "models: {}\n" });
  });
  afterEach(async () => {
    fake.assertClean();
    await fake.stop();
  });

  it("writes tree, commit and ref on the given parent, opens the pull request and labels it", async () => {
    const opened = await forge.openChangeRequest(spec());
    expect(opened).toMatchObject({ branch: "created", action: "created" });
    expect(opened.changeRequest).toMatchObject({ head: { ref: BRANCH }, labels: ["modelgate", "rollback"] });
    expectOneOfEach();
    const commit = fake.commits.get(opened.commit)!;
    expect(commit).toMatchObject({ parents: [main], author: { name: "modelgate" } });
    expect(commit.message).toBe(`${spec().title}\n\n${spec().body}\n`);
    expect(fake.calls.map((c) => c.key)).toEqual([
      "GET /repos/{owner}/{repo}/pulls",
      REF,
      "GET /repos/{owner}/{repo}/git/commits/{commit_sha}",
      TREES,
      COMMITS,
      REFS,
      PULLS,
      "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
    ]);
  });

  it("without baseSha, builds on the tip of base", async () => {
    const { baseSha: _unused, ...rest } = spec();
    const opened = await forge.openChangeRequest(rest);
    expect(fake.commits.get(opened.commit)!.parents).toEqual([fake.refs.get("heads/main")]);
  });

  it("a ref GitHub created but answered 502 for: the retry gets 422 'Reference already exists' and reuses it", async () => {
    fake.failNext(REFS, 502, { message: "Bad Gateway" }, {}, { afterHandling: true });
    const opened = await forge.openChangeRequest(spec());
    expect(opened).toMatchObject({ branch: "reused", action: "created" });
    expect(count(REFS)).toBe(2);
    expect(count(COMMITS)).toBe(1);
    expectOneOfEach();
  });

  it("a racing engine's branch (422 on create) is reused, not overwritten", async () => {
    const theirs = fake.seedBranch(
      BRANCH,
      { "README.md": "registry\n", [ENV]: spec().files[0]!.content },
      main,
    );
    fake.failNext(REF, 404, { message: "Not Found" }); // our look-up ran before they pushed
    const opened = await forge.openChangeRequest(spec());
    expect(opened).toMatchObject({ branch: "reused", commit: theirs });
    expect(fake.refs.get(`heads/${BRANCH}`)).toBe(theirs);
    expectOneOfEach();
  });

  it("after a lasting 5xx on the pull request, a second call reuses the branch and opens it once", async () => {
    for (let i = 0; i < 4; i++) fake.failNext(PULLS, 503, { message: "Service Unavailable" });
    await expect(forge.openChangeRequest(spec())).rejects.toBeInstanceOf(ForgeTransientError);
    expect(fake.pulls.size).toBe(0);
    const opened = await forge.openChangeRequest(spec());
    expect(opened).toMatchObject({ branch: "reused", action: "created" });
    expect(count(COMMITS)).toBe(1);
    expect(count(REFS)).toBe(1);
    expectOneOfEach();
    // And a third call finds the open pull request and writes nothing.
    const writes = fake.calls.filter((c) => c.method !== "GET").length;
    expect((await forge.openChangeRequest(spec())).action).toBe("existing");
    expect(fake.calls.filter((c) => c.method !== "GET").length).toBe(writes);
  });

  it("a pull request GitHub opened but answered 502 for is found again after the 422 'already exists'", async () => {
    fake.failNext(PULLS, 502, { message: "Bad Gateway" }, {}, { afterHandling: true });
    const opened = await forge.openChangeRequest(spec());
    expect(opened.action).toBe("existing");
    expect(count(PULLS)).toBe(2);
    expectOneOfEach();
  });

  it("waits out a secondary rate limit on the tree and goes on", async () => {
    fake.failNext(
      TREES,
      403,
      { message: "You have exceeded a secondary rate limit." },
      { "retry-after": "1" },
    );
    await forge.openChangeRequest(spec());
    expect(count(TREES)).toBe(2);
    expectOneOfEach();
  });

  it("names the 'contents: write' permission a token without it lacks, and writes nothing", async () => {
    fake.tokens.set("no-contents", new Set(["pull_requests=write", "contents=read"]));
    const limited = new GitHubForge(createClient(fake, "no-contents"), fake.owner, fake.repo);
    const error = await limited.openChangeRequest(spec()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForgePermissionDeniedError);
    expect((error as Error).message).toContain("needs the 'contents: write' permission on acme/registry");
    expect([...fake.refs.keys()]).toEqual(["heads/main"]);
  });

  it("an unrelated 422 on the pull request (no commits between) is a ForgeConflictError", async () => {
    fake.seedBranch(BRANCH, { "README.md": "registry\n", [ENV]: "models: {}\n" }, main);
    const error = await forge.openChangeRequest(spec()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForgeConflictError);
    expect((error as Error).message).toMatch(/422/);
  });
});
