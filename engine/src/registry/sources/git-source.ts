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
}

/**
 * The files of one commit. Listing is one `git ls-tree -r -z`; reading any number of files is one
 * `git cat-file --batch` process whose output is parsed as it streams in.
 */
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

  /** Paths that are symbolic links in this tree (their content is another path's). */
  symlinks(): string[] {
    const out: string[] = [];
    for (const [path, entry] of this.entries) if (entry.mode === "120000") out.push(path);
    return out;
  }

  async readFile(path: string): Promise<Buffer> {
    let result: Buffer | Error = new RegistryFileError("unreadable", path, "no such file");
    await this.readEach([path], (_path, content) => {
      result = content;
    });
    if (result instanceof Error) throw result;
    return result;
  }

  /** All of `paths` with their contents (or errors), read through `readEach`. */
  async *readFiles(paths: readonly string[]): AsyncGenerator<[string, Buffer | RegistryFileError]> {
    const out: [string, Buffer | RegistryFileError][] = [];
    await this.readEach(paths, (path, content) => out.push([path, content]));
    yield* out;
  }

  /**
   * Reads many files with a single `git cat-file --batch` process and hands each to `onFile` as soon
   * as it has arrived (synchronously, from the stream's data handler: no promise per file). Files that
   * cannot be used (too big, a link leaving the repository, missing) are delivered as a
   * RegistryFileError; a too-big blob is skipped in the stream, never buffered.
   */
  async readEach(
    paths: readonly string[],
    onFile: (path: string, content: Buffer | RegistryFileError) => void,
  ): Promise<void> {
    const wanted = new Map<string, string[]>(); // blob sha -> paths
    const want = (sha: string, path: string): void => {
      const list = wanted.get(sha);
      if (list) list.push(path);
      else wanted.set(sha, [path]);
    };
    const links: string[] = [];
    for (const path of paths) {
      const entry = this.entries.get(path);
      if (entry === undefined || !isPlainRepoPath(path)) {
        try {
          assertRepoPath(path);
          onFile(
            path,
            new RegistryFileError("unreadable", path, `no such file at ${this.revision.slice(0, 12)}`),
          );
        } catch (error) {
          if (!(error instanceof RegistryFileError)) throw error;
          onFile(path, error);
        }
      } else if (entry.mode === "120000") links.push(path);
      else want(entry.sha, path);
    }
    for (const path of links) {
      try {
        want((await this.resolveLink(path)).sha, path);
      } catch (error) {
        if (!(error instanceof RegistryFileError)) throw error;
        onFile(path, error);
      }
    }
    if (wanted.size === 0) return;
    await streamBlobs(this.repoDir, [...wanted.keys()], this.maxFileBytes, (sha, size, content) => {
      for (const path of wanted.get(sha)!) onFile(path, content ?? tooLarge(path, size, this.maxFileBytes));
    });
  }

  /** Follows a symbolic link inside the tree (at most 8 hops); refuses links that leave the repository. */
  private async resolveLink(path: string): Promise<TreeEntry> {
    let current = path;
    for (let hops = 0; hops < 8; hops += 1) {
      const entry = this.entries.get(current);
      if (!entry)
        throw new RegistryFileError("unreadable", path, `symbolic link points at nothing (${current})`);
      if (entry.mode !== "120000") return entry;
      let target = "";
      await streamBlobs(this.repoDir, [entry.sha], 4096, (_sha, _size, content) => {
        target = content?.toString("utf8") ?? "";
      });
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
  options: SourceOptions & {
    /** List only these paths (files, or folders with everything under them) instead of the whole tree. */
    paths?: readonly string[];
    /**
     * `rev` is a full commit sha the caller has resolved and verified (`git rev-parse
     * <rev>^{commit}`): it is used as is, without a git process to verify it again.
     */
    resolvedCommit?: boolean;
  } = {},
): Promise<GitSource> {
  if (rev.length === 0 || rev.startsWith("-"))
    throw new RegistrySourceError(`invalid revision ${JSON.stringify(rev)}`);
  if (options.resolvedCommit && !/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(rev))
    throw new RegistrySourceError(`not a full commit sha: ${JSON.stringify(rev)}`);
  let sha = rev;
  if (!options.resolvedCommit)
    try {
      const { stdout } = await run(
        "git",
        ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`],
        {
          cwd: repoDir,
        },
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
  const limit = options.paths ? ["--", ...options.paths] : [];
  if (options.paths?.length === 0) return new GitSource(repoDir, sha, new Map(), options);
  const { stdout } = await run(
    "git",
    ["--literal-pathspecs", "ls-tree", "-r", "-z", "--full-tree", sha, ...limit],
    { cwd: repoDir, maxBuffer: 1024 * 1024 * 1024, encoding: "buffer" },
  );
  return new GitSource(repoDir, sha, parseLsTree(stdout), options);
}

/**
 * Reads files of one commit by path (`git cat-file --batch` with `<commit>:<path>` names) without
 * listing the tree: for a caller that knows the tree's paths already (the scoped check's TreeIndex).
 * Symbolic links, and paths a batch line cannot carry, are read through a full GitSource (opened on
 * first need), so every file reads exactly as GitSource reads it.
 */
export class GitPathReader implements RegistrySource {
  readonly description: string;
  private readonly maxFileBytes: number;
  private full: Promise<GitSource> | undefined;

  /** `commit` must be a full commit sha; `links` the tree's symbolic links. */
  constructor(
    readonly repoDir: string,
    readonly revision: string,
    private readonly links: ReadonlySet<string>,
    private readonly options: SourceOptions = {},
  ) {
    this.description = `${repoDir}@${revision.slice(0, 12)}`;
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  }

  private source(): Promise<GitSource> {
    this.full ??= openGitSource(this.repoDir, this.revision, this.options);
    return this.full;
  }

  async listFiles(): Promise<string[]> {
    return (await this.source()).listFiles();
  }

  async readFile(path: string): Promise<Buffer> {
    let result: Buffer | Error = new RegistryFileError("unreadable", path, "no such file");
    await this.readEach([path], (_path, content) => {
      result = content;
    });
    if (result instanceof Error) throw result;
    return result;
  }

  async readEach(
    paths: readonly string[],
    onFile: (path: string, content: Buffer | RegistryFileError) => void,
  ): Promise<void> {
    const direct: string[] = [];
    const other: string[] = [];
    for (const path of paths) {
      if (this.links.has(path) || !isPlainRepoPath(path) || /[\n\r]/.test(path) || path === "")
        other.push(path);
      else direct.push(path);
    }
    if (other.length > 0) await (await this.source()).readEach(other, onFile);
    if (direct.length === 0) return;
    const names = direct.map((path) => `${this.revision}:${path}`);
    await streamBlobs(
      this.repoDir,
      names,
      this.maxFileBytes,
      (_sha, size, content, i) => {
        const path = direct[i]!;
        onFile(path, content ?? tooLarge(path, size, this.maxFileBytes));
      },
      (i) =>
        onFile(
          direct[i]!,
          new RegistryFileError("unreadable", direct[i]!, `no such file at ${this.revision.slice(0, 12)}`),
        ),
    );
  }
}

/** Parses `git ls-tree -r -z` output: `<mode> <type> <sha>\t<path>\0`. Keeps blobs and links, skips submodules. */
function parseLsTree(raw: Buffer): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  let start = 0;
  while (start < raw.length) {
    let end = raw.indexOf(0, start);
    if (end === -1) end = raw.length;
    // Usually `100644 blob <40 hex>\t`: read the fields at their offsets; anything else the slow way.
    const tab = start + 52 < end && raw[start + 52] === 9 ? start + 52 : raw.indexOf(9, start);
    if (tab !== -1 && tab < end) {
      if (
        tab === start + 52 &&
        raw[start + 6] === 32 &&
        raw[start + 7] === 98 /* b */ &&
        raw[start + 11] === 32
      ) {
        entries.set(raw.toString("utf8", tab + 1, end), {
          mode: raw.toString("latin1", start, start + 6),
          sha: raw.toString("latin1", start + 12, tab),
        });
      } else {
        const [mode, type, sha] = raw.toString("latin1", start, tab).split(" ");
        if (type === "blob" && mode && sha) entries.set(raw.toString("utf8", tab + 1, end), { mode, sha });
      }
    }
    start = end + 1;
  }
  return entries;
}

/** Whether a listed path can be used as is (ls-tree paths always can; callers' paths are checked). */
function isPlainRepoPath(path: string): boolean {
  return !path.startsWith("/") && !path.includes("..") && !path.includes("//") && !path.startsWith("./");
}

/**
 * Streams blobs out of one `git cat-file --batch` process, parsing its output as it arrives and calling
 * `onBlob` for each (content undefined when the blob is bigger than `maxBytes`: its bytes are dropped).
 */
function streamBlobs(
  repoDir: string,
  shas: readonly string[],
  maxBytes: number,
  onBlob: (sha: string, size: number, content: Buffer | undefined, ordinal: number) => void,
  onMissing?: (ordinal: number) => void,
): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("git", ["cat-file", "--batch", "--buffer"], {
      cwd: repoDir,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const stderr: Buffer[] = [];
    let failure: Error | undefined;
    let pending: Buffer = Buffer.alloc(0);
    let headerSha: string | undefined;
    let headerSize = 0;
    let skip = 0; // bytes of a too-big blob still to drop
    let ordinal = 0; // which request the next answer is for (git answers in request order)

    const fail = (error: Error): void => {
      failure ??= error;
      child.kill();
    };
    child.stdout.on("data", (chunk: Buffer) => {
      if (failure) return;
      try {
        let data = chunk;
        if (skip > 0) {
          const dropped = Math.min(skip, data.length);
          skip -= dropped;
          data = data.subarray(dropped);
          if (data.length === 0) return;
        }
        pending = pending.length === 0 ? data : Buffer.concat([pending, data]);
        let offset = 0;
        for (;;) {
          if (headerSha === undefined) {
            const nl = pending.indexOf(10, offset);
            if (nl === -1) break;
            const line = pending.toString("latin1", offset, nl);
            offset = nl + 1;
            const [sha, type, size] = line.split(" ");
            if (type === "missing" && onMissing && line === `${shas[ordinal]} missing`) {
              onMissing(ordinal++);
              continue;
            }
            if (type === "missing" || !sha || size === undefined)
              throw new RegistrySourceError(`git object missing in ${repoDir}: ${line}`);
            headerSha = sha;
            headerSize = Number(size);
            if (headerSize > maxBytes) {
              const available = Math.min(pending.length - offset, headerSize + 1);
              offset += available;
              skip = headerSize + 1 - available;
              headerSha = undefined;
              onBlob(sha, headerSize, undefined, ordinal++);
              if (skip > 0) break;
              continue;
            }
          }
          if (pending.length - offset < headerSize + 1) break;
          const content = pending.subarray(offset, offset + headerSize);
          offset += headerSize + 1;
          const sha = headerSha;
          headerSha = undefined;
          onBlob(sha, headerSize, content, ordinal++);
        }
        pending = offset >= pending.length ? Buffer.alloc(0) : pending.subarray(offset);
      } catch (error) {
        fail(error instanceof Error ? error : new Error(String(error)));
      }
    });
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => fail(new RegistrySourceError(`cannot run git cat-file: ${error.message}`)));
    child.on("close", (code) => {
      if (failure) reject(failure);
      else if (code !== 0)
        reject(
          new RegistrySourceError(
            `git cat-file failed (${code}): ${Buffer.concat(stderr).toString().trim()}`,
          ),
        );
      else resolvePromise();
    });
    child.stdin.on("error", () => undefined); // reported through the exit code
    child.stdin.end(`${shas.join("\n")}\n`);
  });
}
