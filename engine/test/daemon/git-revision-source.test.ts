import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GitRevisionSource } from "../../src/daemon/git-revision-source.js";
import { createTempGitRepo, type TempGitRepo } from "../helpers/temp-git.js";

describe("GitRevisionSource (bare mirror in the state folder)", () => {
  let repo: TempGitRepo;
  let state: string;
  beforeAll(async () => {
    repo = await createTempGitRepo();
    state = await mkdtemp(join(tmpdir(), "modelgate-mirror-"));
  });
  afterAll(async () => {
    await repo.cleanup();
    await rm(state, { recursive: true, force: true });
  });

  it("waits for a main branch, follows a force-push, and reads files and commits at a revision", async () => {
    const source = new GitRevisionSource({ repo: repo.dir, mirrorDir: join(state, "repo.git") });
    expect(await source.head()).toBeUndefined();
    await repo.write("a.txt", "one\n");
    const first = await repo.commit("Add a (#4)");
    expect(await source.head()).toBe(first);
    await repo.write("a.txt", "two\n");
    await repo.commit("change a");
    await repo.git("reset", "--quiet", "--hard", first);
    await repo.write("b/c.txt", "three\n");
    const rewritten = await repo.commit("history rewritten");
    expect(await source.head()).toBe(rewritten);
    const snapshot = source.snapshot(rewritten);
    expect(await snapshot.listFiles()).toEqual(["a.txt", "b/c.txt"]);
    expect((await snapshot.readFile("b/c.txt")).toString()).toBe("three\n");
    await expect(snapshot.readFile("../etc/passwd")).rejects.toThrow(/leaves the repository/);
    expect(await source.commit(first)).toMatchObject({
      sha: first,
      subject: "Add a (#4)",
      author: "Test Author",
    });
    expect(await repo.git("status", "--porcelain")).toBe("");
  });
});
