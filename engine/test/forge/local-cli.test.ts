import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/command.js";
import { main } from "../../src/cli/main.js";
import { LocalForge, REVIEWS_NOTES_REF } from "../../src/forge/index.js";
import { createTempGitRepo, type TempGitRepo } from "../helpers/temp-git.js";
import { BASE_FILES } from "./harness.js";

function io(cwd: string): CliIo & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1" },
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    out: () => out.join(""),
    err: () => err.join(""),
  };
}

describe("local forge through the CLI: propose, review, merge, issues", () => {
  let repo: TempGitRepo;
  const run = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    const capture = io(repo.dir);
    const code = await main(argv, capture);
    return { code, out: capture.out(), err: capture.err() };
  };

  beforeEach(async () => {
    repo = await createTempGitRepo({ prefix: "modelgate-local-cli-" });
    for (const [path, content] of Object.entries(BASE_FILES)) await repo.write(path, content);
    await repo.commit("base registry");
    await repo.git("checkout", "--quiet", "-b", "promote-a");
    await repo.write("models/a/model.yaml", "name: a\nrisk_tier: high\n");
    await repo.commit("Promote a");
    await repo.git("checkout", "--quiet", "main");
  });
  afterEach(() => repo.cleanup());

  it("merges only once the code owners and two approvers (high risk) approved the current head", async () => {
    const proposed = await run("propose", "promote-a", "--as", "alice", "--label", "risk");
    expect(proposed.code).toBe(0);
    expect(proposed.out).toContain("change request #1: promote-a -> main by alice: Promote a");
    expect(proposed.out).toContain("models/a/model.yaml needs a code owner's approval (can approve: carol)");

    expect((await run("review", "promote-a", "--approve", "--as", "alice")).code).toBe(0);
    let merge = await run("merge", "promote-a", "--approvals-only", "--as", "dave");
    expect(merge.code).toBe(1);
    expect(merge.out).toContain("models/a/model.yaml needs a code owner's approval");
    expect(merge.out).toContain("2 approval(s) needed, 0 valid");

    expect((await run("review", "promote-a", "--approve", "--as", "carol")).code).toBe(0);
    expect(
      (await run("review", "promote-a", "--request-changes", "--as", "erin", "--body", "canary first")).code,
    ).toBe(0);
    merge = await run("merge", "promote-a", "--approvals-only", "--as", "dave");
    expect(merge.code).toBe(1);
    expect(merge.out).toContain("erin requested changes");

    // A new commit makes carol's approval stale.
    await repo.git("checkout", "--quiet", "promote-a");
    await repo.write("models/a/model.yaml", "name: a\nrisk_tier: high\ndescription: x\n");
    await repo.commit("describe a");
    await repo.git("checkout", "--quiet", "main");
    await run("review", "promote-a", "--approve", "--as", "erin");
    merge = await run("merge", "promote-a", "--approvals-only", "--as", "dave", "--format", "json");
    const report = JSON.parse(merge.out) as {
      allowed: boolean;
      approvals: { ignored: { reviewer: string; reason: string }[] };
    };
    expect(report.allowed).toBe(false);
    expect(report.approvals.ignored).toContainEqual(
      expect.objectContaining({ reviewer: "carol", reason: "stale" }),
    );

    await run("review", "promote-a", "--approve", "--as", "carol");
    merge = await run("merge", "promote-a", "--approvals-only", "--as", "dave");
    expect(merge.err).toBe("");
    expect(merge.code).toBe(0);
    expect(merge.out).toMatch(/merged #1 \(promote-a\) into main as [0-9a-f]{12} by dave/);

    const log = await repo.git("log", "-1", "--format=%an%n%P%n%B", "main");
    const [author, parents, ...message] = log.split("\n");
    expect(author).toBe("dave");
    expect(parents?.split(" ")).toHaveLength(2);
    expect(message.join("\n")).toContain("Merge change request #1 from promote-a");
    expect(message.join("\n")).toContain("Merged-by: dave");
    // main was checked out: the work tree follows, and nothing is left dirty.
    expect(await repo.git("show", "HEAD:models/a/model.yaml")).toContain("description: x");
    expect(await repo.git("status", "--porcelain")).toBe("");
    const forge = new LocalForge({ repo: repo.dir });
    expect((await forge.getChangeRequest(1)).state).toBe("merged");
    expect((await run("merge", "promote-a", "--approvals-only", "--as", "dave")).code).not.toBe(0);
  });

  it("keeps reviews in git notes and state inside .git, leaving the work tree clean", async () => {
    await run("propose", "promote-a", "--as", "alice");
    await run("review", "promote-a", "--comment", "--as", "bob", "--body", "looks fine");
    await run("review", "promote-a", "--approve", "--as", "carol");
    const head = await repo.git("rev-parse", "promote-a");
    const note = await repo.git("notes", "--ref", REVIEWS_NOTES_REF, "show", head);
    const lines = note
      .split("\n")
      .map((l) => JSON.parse(l) as { reviewer: string; state: string; commit: string });
    expect(lines.map((l) => [l.reviewer, l.state, l.commit])).toEqual([
      ["bob", "COMMENTED", head],
      ["carol", "APPROVED", head],
    ]);
    expect(await repo.git("status", "--porcelain", "--ignored")).toBe("");
    const forge = new LocalForge({ repo: repo.dir });
    expect(await forge.stateDir()).toBe(`${repo.dir}/.git/modelgate`);
    const dismissed = await run(
      "review",
      "promote-a",
      "--dismiss",
      "carol",
      "--as",
      "dave",
      "--body",
      "wrong model",
    );
    expect(dismissed.out).toContain("dismissed carol's review");
  });

  it("merges without touching the work tree when another branch is checked out", async () => {
    await repo.git("checkout", "--quiet", "-b", "docs", "main");
    await repo.write("README.md", "hello\n");
    await repo.commit("docs");
    await repo.git("checkout", "--quiet", "promote-a");
    await run("propose", "docs", "--as", "alice");
    await run("review", "docs", "--approve", "--as", "lead");
    const merged = await run("merge", "docs", "--approvals-only", "--as", "dave");
    expect(merged.code).toBe(0);
    expect(await repo.git("symbolic-ref", "HEAD")).toBe("refs/heads/promote-a");
    expect(await repo.git("status", "--porcelain")).toBe("");
    expect(await repo.git("show", "main:README.md")).toBe("hello");
  });

  it("lists issues as text and json", async () => {
    const forge = new LocalForge({ repo: repo.dir });
    await forge.ensureIssue({
      fingerprint: "drift:a",
      title: "Drift on a",
      body: "PSI 0.3",
      labels: ["drift"],
    });
    await forge.ensureIssue({ fingerprint: "slo:a", title: "SLO burn on a", body: "14x" });
    await forge.closeIssue("slo:a", "recovered");
    const text = await run("issues");
    expect(text.out).toBe("#1 open   Drift on a [drift]  (drift:a)\n");
    const json = JSON.parse((await run("issues", "--all", "--format", "json")).out) as {
      fingerprint: string;
      state: string;
    }[];
    expect(json.map((i) => [i.fingerprint, i.state])).toEqual([
      ["drift:a", "open"],
      ["slo:a", "closed"],
    ]);
  });

  it("explains usage mistakes", async () => {
    expect((await run("review", "promote-a", "--approve", "--comment", "--as", "x")).err).toContain(
      "exactly one of",
    );
    expect((await run("propose")).code).toBe(2);
    const missing = await run("propose", "nope");
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("branch 'nope' does not exist");
  });
});
