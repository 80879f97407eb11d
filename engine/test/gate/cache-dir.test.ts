import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultCacheDir } from "../../src/gate/index.js";
import { createTempGitRepo, type TempGitRepo } from "../helpers/temp-git.js";

let repo: TempGitRepo | undefined;
const folders: string[] = [];
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

describe("defaultCacheDir", () => {
  it("keeps compiled bundles inside .git, where a pull request cannot commit a forged one", async () => {
    repo = await createTempGitRepo();
    const dir = defaultCacheDir(repo.dir, {});
    expect(dir).toBe(join(repo.dir, ".git", "modelgate", "cache"));
  });

  it("follows a linked work tree's gitdir file", async () => {
    const tree = await mkdtemp(join(tmpdir(), "modelgate-linked-"));
    folders.push(tree);
    await writeFile(join(tree, ".git"), "gitdir: ../main-repo/.git/worktrees/x\n");
    expect(defaultCacheDir(tree, {})).toBe(
      join(tree, "..", "main-repo", ".git", "worktrees", "x", "modelgate", "cache"),
    );
  });

  it("prefers XDG_CACHE_HOME and falls back to ~/.cache outside git", async () => {
    const plain = await mkdtemp(join(tmpdir(), "modelgate-plain-"));
    folders.push(plain);
    expect(defaultCacheDir(plain, { XDG_CACHE_HOME: "/var/cache/x" })).toBe("/var/cache/x/modelgate");
    expect(defaultCacheDir(plain, {})).toBe(join(homedir(), ".cache", "modelgate"));
  });
});
