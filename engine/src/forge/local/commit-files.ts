import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertChangeFiles } from "../change-files.js";
import { ForgeConflictError } from "../errors.js";
import type { FileChange } from "../port.js";
import type { GitRunner } from "./git.js";

export interface BranchCommitSpec {
  /** The commit the new one goes on top of. */
  parent: string;
  branch: string;
  files: FileChange[];
  message: string;
  identity: { name: string; email: string };
}

/**
 * Writes `files` as one commit on top of `parent` and points the new branch `branch` at it, with git
 * plumbing only: a throw-away index, so neither the work tree nor the repository's index is touched
 * (the engine may run next to someone's checkout). The branch is created with an expected old value of
 * "none", so two writers racing for the same branch cannot overwrite each other: the loser reuses the
 * winner's branch. Returns the branch's commit and whether it was written now.
 */
export async function commitFilesToBranch(
  git: GitRunner,
  spec: BranchCommitSpec,
): Promise<{ commit: string; created: boolean }> {
  const existing = await git.resolve(`refs/heads/${spec.branch}`);
  if (existing) return { commit: existing, created: false };
  assertChangeFiles(spec.files);
  const scratch = await mkdtemp(join(tmpdir(), "modelgate-commit-"));
  try {
    const index = { GIT_INDEX_FILE: join(scratch, "index") };
    await git.run(["read-tree", spec.parent], { env: index });
    for (const file of spec.files) {
      const blob = (await git.run(["hash-object", "-w", "--stdin"], { input: file.content })).trim();
      await git.run(["update-index", "--add", "--cacheinfo", `100644,${blob},${file.path}`], { env: index });
    }
    const tree = (await git.run(["write-tree"], { env: index })).trim();
    const identity = {
      GIT_AUTHOR_NAME: spec.identity.name,
      GIT_AUTHOR_EMAIL: spec.identity.email,
      GIT_COMMITTER_NAME: spec.identity.name,
      GIT_COMMITTER_EMAIL: spec.identity.email,
    };
    const commit = (
      await git.run(["commit-tree", tree, "-p", spec.parent, "-F", "-"], {
        input: spec.message.endsWith("\n") ? spec.message : `${spec.message}\n`,
        env: identity,
      })
    ).trim();
    const created = await git.exec(["update-ref", `refs/heads/${spec.branch}`, commit, ""]);
    if (created.code === 0) return { commit, created: true };
    const winner = await git.resolve(`refs/heads/${spec.branch}`);
    if (winner) return { commit: winner, created: false };
    throw new ForgeConflictError(`could not create branch '${spec.branch}': ${created.stderr.trim()}`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
