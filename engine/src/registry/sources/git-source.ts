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

  async readFile(path: string): Promise<Buffer> {
    for await (const [, content] of this.readFiles([path])) {
      if (content instanceof Error) throw content;
      return content;
    }
    throw new RegistryFileError("unreadable", path, "no such file");
  }

  /**
   * Streams many files out of a single `git cat-file --batch` process, each as soon as it has arrived.
   * Files that cannot be used (too big, a link leaving the repository, missing) yield a
   * RegistryFileError instead of their content; a too-big blob is skipped in the stream, never buffered.
   */
  async *readFiles(paths: readonly string[]): AsyncGenerator<[string, Buffer | RegistryFileError]> {
    const wanted = new Map<string, string[]>(); // blob sha -> paths
    const links: string[] = [];
    for (const path of paths) {
      try {
        assertRepoPath(path);
        const entry = this.entries.get(path);
        if (!entry)
          throw new RegistryFileError("unreadable", path, `no such file at ${this.revision.slice(0, 12)}`);
        if (entry.mode === "120000") {
          links.push(path);
          continue;
        }
        const list = wanted.get(entry.sha);
        if (list) list.push(path);
        else wanted.set(entry.sha, [path]);
      } catch (error) {
        if (!(error instanceof RegistryFileError)) throw error;
        yield [path, error];
      }
    }
    for (const path of links) {
      try {
        const entry = await this.resolveLink(path);
        const list = wanted.get(entry.sha);
        if (list) list.push(path);
        else wanted.set(entry.sha, [path]);
      } catch (error) {
        if (!(error instanceof RegistryFileError)) throw error;
        yield [path, error];
      }
    }
    if (wanted.size === 0) return;
    for await (const blob of catFileBatch(this.repoDir, [...wanted.keys()], this.maxFileBytes)) {
      for (const path of wanted.get(blob.sha)!) {
        yield [path, blob.content ?? tooLarge(path, blob.size, this.maxFileBytes)];
      }
    }
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
      for await (const blob of catFileBatch(this.repoDir, [entry.sha], 4096))
        target = blob.content?.toString("utf8") ?? "";
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
  const { stdout } = await run("git", ["ls-tree", "-r", "-z", "--full-tree", sha], {
    cwd: repoDir,
    maxBuffer: 1024 * 1024 * 1024,
    encoding: "buffer",
  });
  return new GitSource(repoDir, sha, parseLsTree(stdout), options);
}

/** Parses `git ls-tree -r -z` output: `<mode> <type> <sha>\t<path>\0`. Keeps blobs and links, skips submodules. */
function parseLsTree(raw: Buffer): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  let start = 0;
  while (start < raw.length) {
    let end = raw.indexOf(0, start);
    if (end === -1) end = raw.length;
    const tab = raw.indexOf(9, start);
    if (tab !== -1 && tab < end) {
      const [mode, type, sha] = raw.toString("latin1", start, tab).split(" ");
      if (type === "blob" && mode && sha) entries.set(raw.toString("utf8", tab + 1, end), { mode, sha });
    }
    start = end + 1;
  }
  return entries;
}

interface Blob {
  sha: string;
  size: number;
  /** Undefined when the blob is bigger than the limit (its bytes were skipped). */
  content: Buffer | undefined;
}

/** Streams blobs out of one `git cat-file --batch` process, parsing its output as it arrives. */
async function* catFileBatch(
  repoDir: string,
  shas: readonly string[],
  maxBytes: number,
): AsyncGenerator<Blob> {
  const child = spawn("git", ["cat-file", "--batch", "--buffer"], {
    cwd: repoDir,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const stderr: Buffer[] = [];
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  const exited = new Promise<number | null>((resolvePromise, reject) => {
    child.on("error", (error) =>
      reject(new RegistrySourceError(`cannot run git cat-file: ${error.message}`)),
    );
    child.on("close", resolvePromise);
  });
  child.stdin.on("error", () => undefined); // reported through the exit code
  child.stdin.end(`${shas.join("\n")}\n`);

  let pending: Buffer = Buffer.alloc(0);
  let header: { sha: string; size: number } | undefined;
  let skip = 0; // bytes of a too-big blob still to drop
  let complete = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      let data = chunk;
      if (skip > 0) {
        const dropped = Math.min(skip, data.length);
        skip -= dropped;
        data = data.subarray(dropped);
        if (data.length === 0) continue;
      }
      pending = pending.length === 0 ? data : Buffer.concat([pending, data]);
      let offset = 0;
      for (;;) {
        if (!header) {
          const nl = pending.indexOf(10, offset);
          if (nl === -1) break;
          const line = pending.toString("latin1", offset, nl);
          offset = nl + 1;
          const [sha, type, size] = line.split(" ");
          if (type === "missing" || !sha || size === undefined)
            throw new RegistrySourceError(`git object missing in ${repoDir}: ${line}`);
          header = { sha, size: Number(size) };
          if (header.size > maxBytes) {
            const available = Math.min(pending.length - offset, header.size + 1);
            offset += available;
            skip = header.size + 1 - available;
            yield { sha, size: header.size, content: undefined };
            header = undefined;
            if (skip > 0) break;
            continue;
          }
        }
        if (pending.length - offset < header.size + 1) break;
        const content = pending.subarray(offset, offset + header.size);
        offset += header.size + 1;
        const done = header;
        header = undefined;
        yield { sha: done.sha, size: done.size, content };
      }
      pending = offset >= pending.length ? Buffer.alloc(0) : pending.subarray(offset);
    }
    complete = true;
  } finally {
    if (!complete) child.kill(); // the reader stopped early
  }
  const code = await exited;
  if (code !== 0)
    throw new RegistrySourceError(
      `git cat-file failed (${code}): ${Buffer.concat(stderr).toString().trim()}`,
    );
}
