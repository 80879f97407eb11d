import { execFile } from "node:child_process";
import { mkdir, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { posix } from "node:path";
import type { RegistrySource } from "../registry/types.js";
import type { CommitInfo, RevisionSource } from "../reconcile/ports.js";

export interface GitRevisionSourceOptions {
  /** A local repository path or a git URL. */
  repo: string;
  /** The branch that is desired state (default `main`). */
  branch?: string;
  /**
   * A bare mirror to fetch into (the daemon's `<state>/repo.git`). Without it the repository at `repo` is
   * read in place, with plumbing only (its work tree and index are never touched); a URL needs a mirror.
   */
  mirrorDir?: string;
  /** Largest file read from the tree (artifacts stored in Git included), default 1 GiB. */
  maxFileBytes?: number;
  /** Extra environment for git (tests). */
  env?: NodeJS.ProcessEnv;
}

/** A failure to run git; `transient` when fetching from a remote failed (network, server). */
export class GitSourceError extends Error {
  override readonly name = "GitSourceError";
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
  }
}

/** The main branch of a registry repository, read with git plumbing. */
export class GitRevisionSource implements RevisionSource {
  readonly branch: string;
  private readonly gitDir: string | undefined;
  private readonly workDir: string | undefined;
  private readonly maxFileBytes: number;
  private initialized = false;

  constructor(private readonly options: GitRevisionSourceOptions) {
    this.branch = options.branch ?? "main";
    if (options.mirrorDir) {
      this.gitDir = resolve(options.mirrorDir);
    } else {
      if (isUrl(options.repo))
        throw new GitSourceError(`a git URL (${options.repo}) needs a state folder to clone into`, false);
      this.workDir = resolve(options.repo);
    }
    this.maxFileBytes = options.maxFileBytes ?? 1024 * 1024 * 1024;
  }

  /** Where the objects are read from (the mirror, or the repository itself). */
  get location(): string {
    return this.gitDir ?? this.workDir!;
  }

  async head(): Promise<string | undefined> {
    if (this.gitDir) await this.fetch();
    try {
      return (await this.git(["rev-parse", "--verify", "--quiet", `refs/heads/${this.branch}^{commit}`]))
        .toString()
        .trim();
    } catch (error) {
      if ((error as { code?: unknown }).code === 1) return undefined;
      throw error;
    }
  }

  snapshot(revision: string): RegistrySource {
    assertRevision(revision);
    let listing: Promise<string[]> | undefined;
    return {
      revision,
      description: `${this.options.repo}@${revision.slice(0, 12)}`,
      listFiles: () =>
        (listing ??= this.git(["ls-tree", "-r", "-z", "--name-only", "--full-tree", revision]).then((out) =>
          out
            .toString("utf8")
            .split("\0")
            .filter((p) => p.length > 0)
            .sort(),
        )),
      readFile: async (path: string) => {
        const normalized = posix.normalize(path);
        if (normalized.startsWith("../") || normalized === ".." || posix.isAbsolute(normalized)) {
          throw new GitSourceError(`path ${path} leaves the repository`, false);
        }
        return this.git(["cat-file", "blob", `${revision}:${normalized}`]);
      },
    };
  }

  async commit(revision: string): Promise<CommitInfo> {
    assertRevision(revision);
    const out = (
      await this.git(["log", "-1", "--format=%H%x00%s%x00%b%x00%an%x00%cI", revision, "--"])
    ).toString("utf8");
    const [sha = revision, subject = "", body = "", author = "", committedAt = ""] = out
      .replace(/\n$/, "")
      .split("\0");
    return { sha, subject, body: body.trim(), author, committedAt };
  }

  /** Clones on first use (bare, no checkout), then fetches the branch; the mirror's ref follows the remote, force included. */
  private async fetch(): Promise<void> {
    const gitDir = this.gitDir!;
    if (!this.initialized) {
      const exists = await stat(`${gitDir}/HEAD`).then(
        () => true,
        () => false,
      );
      if (!exists) {
        await mkdir(gitDir, { recursive: true });
        await this.git(["init", "--quiet", "--bare"]);
      }
      const url = isUrl(this.options.repo) ? this.options.repo : resolve(this.options.repo);
      await this.git(["config", "remote.origin.url", url]);
      this.initialized = true;
    }
    try {
      await this.git([
        "fetch",
        "--quiet",
        "--no-tags",
        "--prune",
        "origin",
        `+refs/heads/${this.branch}:refs/heads/${this.branch}`,
      ]);
    } catch (error) {
      const text = String((error as { stderr?: unknown }).stderr ?? error);
      if (/couldn't find remote ref/i.test(text)) return; // no main branch yet: head() answers undefined
      throw new GitSourceError(
        `git fetch from ${this.options.repo} failed: ${text.trim().split("\n").at(-1)}`,
        true,
      );
    }
  }

  private git(args: string[]): Promise<Buffer> {
    const base = this.gitDir ? ["--git-dir", this.gitDir] : ["-C", this.workDir!];
    return new Promise((resolvePromise, reject) => {
      execFile(
        "git",
        [...base, ...args],
        {
          encoding: "buffer",
          maxBuffer: this.maxFileBytes,
          env: { ...process.env, GIT_TERMINAL_PROMPT: "0", ...this.options.env },
        },
        (error, stdout, stderr) => {
          if (error) {
            Object.assign(error, { stderr: stderr.toString("utf8") });
            reject(error);
          } else resolvePromise(stdout);
        },
      );
    });
  }
}

function isUrl(repo: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[^/\s]+@[^/\s]+:/.test(repo);
}

function assertRevision(revision: string): void {
  if (!/^[0-9a-f]{7,64}$/i.test(revision))
    throw new GitSourceError(`invalid revision ${JSON.stringify(revision)}`, false);
}
