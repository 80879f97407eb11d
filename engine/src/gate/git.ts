import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { GateRevisionError } from "./errors.js";

const run = promisify(execFile);

async function git(repoDir: string, args: string[]): Promise<string> {
  const { stdout } = await run("git", args, { cwd: repoDir, maxBuffer: 256 * 1024 * 1024 });
  return stdout;
}

/** The commit sha of `rev`, or a GateRevisionError naming the revision. */
export async function resolveCommit(repoDir: string, rev: string, label: string): Promise<string> {
  if (rev === "" || rev.startsWith("-"))
    throw new GateRevisionError(`${label} revision ${JSON.stringify(rev)} is not valid`);
  try {
    return (
      await git(repoDir, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`])
    ).trim();
  } catch (error) {
    const { code, stderr } = error as { code?: number | string; stderr?: string };
    if (code === "ENOENT")
      throw new GateRevisionError(`cannot run git in ${repoDir}: no such folder or git is not installed`);
    if (code === 1) throw new GateRevisionError(`${label} revision '${rev}' does not exist in ${repoDir}`);
    throw new GateRevisionError(
      `cannot read git repository ${repoDir}: ${
        String(stderr ?? error)
          .trim()
          .split("\n")[0]
      }`,
    );
  }
}

const trees = new Map<string, string>();

/**
 * The commit shas of `base` and `head` with one `git rev-parse` (and the base's tree, remembered for
 * commitTree); when that fails, resolveCommit on each names the revision at fault.
 */
export async function resolveCommits(
  repoDir: string,
  base: string,
  head: string,
): Promise<{ base: string; head: string }> {
  const plain = [base, head].every((rev) => rev !== "" && !rev.startsWith("-"));
  if (plain) {
    try {
      const out = await git(repoDir, [
        "rev-parse",
        "--end-of-options",
        `${base}^{commit}`,
        `${head}^{commit}`,
        `${base}^{commit}^{tree}`,
      ]);
      // Without --verify, git (2.39) echoes `--end-of-options` as a line of its own.
      const shas = out.split("\n").filter((l) => l !== "" && l !== "--end-of-options");
      if (shas.length === 3 && shas.every((sha) => /^[0-9a-f]{40,64}$/.test(sha))) {
        trees.set(`${repoDir}\0${shas[0]!}`, shas[2]!);
        return { base: shas[0]!, head: shas[1]! };
      }
    } catch {
      // fall through: one revision at a time, for the message
    }
  }
  return {
    base: await resolveCommit(repoDir, base, "base"),
    head: await resolveCommit(repoDir, head, "head"),
  };
}

/** The tree sha of a commit sha (from resolveCommits when it resolved that commit). */
export async function commitTree(repoDir: string, commit: string): Promise<string> {
  return trees.get(`${repoDir}\0${commit}`) ?? (await git(repoDir, ["rev-parse", `${commit}^{tree}`])).trim();
}

/** Fails unless `base` is an ancestor of (or equal to) `head`. */
export async function assertAncestor(repoDir: string, base: string, head: string): Promise<void> {
  try {
    await git(repoDir, ["merge-base", "--is-ancestor", base, head]);
  } catch (error) {
    if ((error as { code?: number }).code === 1) {
      throw new GateRevisionError(
        `base ${base.slice(0, 12)} is not an ancestor of head ${head.slice(0, 12)}; rebase the branch or pass the merge base as --base`,
      );
    }
    throw new GateRevisionError(
      `git merge-base failed: ${String((error as { stderr?: string }).stderr ?? error).trim()}`,
    );
  }
}

export async function changedFiles(repoDir: string, base: string, head: string): Promise<string[]> {
  const out = await git(repoDir, ["diff", "--name-only", "-z", "--no-renames", base, head]);
  return out
    .split("\0")
    .filter((p) => p !== "")
    .sort();
}

/** Contents of `path` at each commit before `rev` that changed it, oldest first (for transitive checks). */
export async function fileHistory(repoDir: string, rev: string, path: string, limit = 50): Promise<string[]> {
  const shas = (await git(repoDir, ["log", `--max-count=${limit}`, "--format=%H", rev, "--", path]))
    .split("\n")
    .filter(Boolean);
  const out: string[] = [];
  for (const sha of shas.reverse()) {
    try {
      out.push(await git(repoDir, ["show", `${sha}:${path}`]));
    } catch {
      // deleted at that commit
    }
  }
  return out;
}

/** sha256 and size of a blob at a revision; undefined when the path does not exist there. */
export async function hashBlob(
  repoDir: string,
  rev: string,
  path: string,
): Promise<{ sha256: string; size: number } | undefined> {
  try {
    await git(repoDir, ["cat-file", "-e", `${rev}:${path}`]);
  } catch {
    return undefined;
  }
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["cat-file", "blob", `${rev}:${path}`], { cwd: repoDir });
    const hash = createHash("sha256");
    let size = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      size += chunk.length;
      hash.update(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve({ sha256: hash.digest("hex"), size }) : resolve(undefined),
    );
  });
}
