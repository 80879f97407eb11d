import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { RegistryFileError, RegistrySourceError } from "../errors.js";
import type { RegistrySource } from "../types.js";
import {
  assertRepoPath,
  DEFAULT_MAX_FILE_BYTES,
  resolveLinkTarget,
  symlinkEscape,
  tooLarge,
  type SourceOptions,
} from "./limits.js";

const run = promisify(execFile);

interface TreeEntry {
  mode: string;
  sha: string;
  size: number;
}

/** The files of one commit, read with one `git ls-tree` and one `git cat-file --batch` per batch of reads. */
export class GitSource implements RegistrySource {
  readonly description: string;
  private readonly maxFileBytes: number;

  constructor(
    readonly repoDir: string,
    readonly revision: string,
    private readonly entries: Map<string, TreeEntry>,
    options: SourceOptions,
  ) {
    this.description = `${repoDir}@${revision.slice(0, 12)}`;
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  }

  async listFiles(): Promise<string[]> {
    return [...this.entries.keys()];
  }

  async readFile(path: string): Promise<Buffer> {
    const result = (await this.readFiles([path])).get(path);
    if (result instanceof Error) throw result;
    return result!;
  }

  /**
   * Reads many files with a single `git cat-file --batch` process. Files that cannot be used (too big,
   * a link leaving the repository, missing) map to a RegistryFileError instead of their content.
   */
  async readFiles(paths: readonly string[]): Promise<Map<string, Buffer | RegistryFileError>> {
    const out = new Map<string, Buffer | RegistryFileError>();
    const wanted = new Map<string, string[]>(); // blob sha -> paths
    for (const path of paths) {
      try {
        const entry = await this.resolve(path);
        if (entry.size > this.maxFileBytes) throw tooLarge(path, entry.size, this.maxFileBytes);
        const list = wanted.get(entry.sha);
        if (list) list.push(path);
        else wanted.set(entry.sha, [path]);
      } catch (error) {
        if (!(error instanceof RegistryFileError)) throw error;
        out.set(path, error);
      }
    }
    if (wanted.size === 0) return out;
    const blobs = await catFileBatch(this.repoDir, [...wanted.keys()]);
    for (const [sha, content] of blobs) for (const path of wanted.get(sha)!) out.set(path, content);
    return out;
  }

  /** Follows symbolic links inside the tree (at most 8 hops); refuses links that leave the repository. */
  private async resolve(path: string): Promise<TreeEntry> {
    assertRepoPath(path);
    let current = path;
    for (let hops = 0; hops < 8; hops += 1) {
      const entry = this.entries.get(current);
      if (!entry)
        throw new RegistryFileError(
          "unreadable",
          path,
          `no such file at ${this.revision.slice(0, 12)}: ${current}`,
        );
      if (entry.mode !== "120000") return entry;
      const target = (await catFileBatch(this.repoDir, [entry.sha])).get(entry.sha)!.toString("utf8");
      const next = resolveLinkTarget(current, target);
      if (next === undefined) throw symlinkEscape(path, target);
      current = next;
    }
    throw new RegistryFileError("unreadable", path, "too many levels of symbolic links");
  }
}

/** Opens the tree of `rev` (any revision git understands) in the repository at `repoDir`. */
export async function openGitSource(
  repoDir: string,
  rev: string,
  options: SourceOptions = {},
): Promise<GitSource> {
  if (rev.length === 0 || rev.startsWith("-"))
    throw new RegistrySourceError(`invalid revision ${JSON.stringify(rev)}`);
  let sha: string;
  try {
    const { stdout } = await run(
      "git",
      ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`],
      { cwd: repoDir },
    );
    sha = stdout.trim();
  } catch (error) {
    const { code, stderr } = error as { code?: number | string; stderr?: string };
    if (code === "ENOENT")
      throw new RegistrySourceError(`cannot run git in ${repoDir}: no such folder or git is not installed`);
    if (code === 1)
      throw new RegistrySourceError(`revision '${rev}' does not exist in ${repoDir} (or is not a commit)`);
    throw new RegistrySourceError(
      `cannot read git repository ${repoDir}: ${
        String(stderr ?? error)
          .trim()
          .split("\n")[0]
      }`,
    );
  }
  const { stdout } = await run("git", ["ls-tree", "-r", "-z", "-l", "--full-tree", sha], {
    cwd: repoDir,
    maxBuffer: 1024 * 1024 * 1024,
    encoding: "buffer",
  });
  return new GitSource(repoDir, sha, parseLsTree(stdout), options);
}

/** Parses `git ls-tree -r -z -l` output: `<mode> <type> <sha> <size>\t<path>\0`. Skips submodules. */
function parseLsTree(raw: Buffer): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  let start = 0;
  while (start < raw.length) {
    let end = raw.indexOf(0, start);
    if (end === -1) end = raw.length;
    const tab = raw.indexOf(9, start);
    if (tab !== -1 && tab < end) {
      const meta = raw.toString("latin1", start, tab).split(/ +/);
      const path = raw.toString("utf8", tab + 1, end);
      const [mode, type, sha, size] = meta;
      if (type === "blob" && mode && sha) entries.set(path, { mode, sha, size: Number(size) });
    }
    start = end + 1;
  }
  return entries;
}

/** Streams blobs out of one `git cat-file --batch` process; returns sha -> content. */
function catFileBatch(repoDir: string, shas: readonly string[]): Promise<Map<string, Buffer>> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("git", ["cat-file", "--batch", "--buffer"], {
      cwd: repoDir,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out = new Map<string, Buffer>();
    const stderr: Buffer[] = [];
    let pending: Buffer = Buffer.alloc(0);
    let header: { sha: string; size: number } | undefined;
    let failure: Error | undefined;

    child.stdout.on("data", (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let offset = 0;
      for (;;) {
        if (!header) {
          const nl = pending.indexOf(10, offset);
          if (nl === -1) break;
          const line = pending.toString("latin1", offset, nl);
          offset = nl + 1;
          const [sha, type, size] = line.split(" ");
          if (type === "missing" || !sha || size === undefined) {
            failure ??= new RegistrySourceError(`git object missing in ${repoDir}: ${line}`);
            continue;
          }
          header = { sha, size: Number(size) };
        }
        if (pending.length - offset < header.size + 1) break;
        out.set(header.sha, pending.subarray(offset, offset + header.size));
        offset += header.size + 1;
        header = undefined;
      }
      pending = offset === pending.length ? Buffer.alloc(0) : pending.subarray(offset);
    });
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) =>
      reject(new RegistrySourceError(`cannot run git cat-file: ${error.message}`)),
    );
    child.on("close", (code) => {
      if (code !== 0)
        reject(
          new RegistrySourceError(
            `git cat-file failed (${code}): ${Buffer.concat(stderr).toString().trim()}`,
          ),
        );
      else if (failure) reject(failure);
      else resolvePromise(out);
    });
    child.stdin.on("error", () => undefined); // reported through close
    child.stdin.end(`${shas.join("\n")}\n`);
  });
}
