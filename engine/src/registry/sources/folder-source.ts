import { lstat, readdir, readFile, readlink, realpath, stat } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { RegistryFileError, RegistrySourceError } from "../errors.js";
import type { RegistrySource } from "../types.js";
import {
  assertRepoPath,
  resolveLinkTarget,
  DEFAULT_MAX_FILE_BYTES,
  symlinkEscape,
  tooLarge,
  type SourceOptions,
} from "./limits.js";

/** Folders never read: version control and dependencies. */
const SKIPPED_DIRS = new Set([".git", "node_modules"]);
const READ_CONCURRENCY = 32;

/** The files of a working folder (the registry as it is on disk, uncommitted changes included). */
export class FolderSource implements RegistrySource {
  readonly revision = undefined;
  readonly description: string;
  private readonly maxFileBytes: number;

  constructor(
    readonly root: string,
    private readonly realRoot: string,
    options: SourceOptions,
  ) {
    this.description = root;
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  }

  async listFiles(): Promise<string[]> {
    const files: string[] = [];
    const walk = async (dir: string, prefix: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true });
      await Promise.all(
        entries.map(async (entry) => {
          const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
          if (entry.isDirectory()) {
            if (!SKIPPED_DIRS.has(entry.name)) await walk(join(dir, entry.name), path);
          } else if (entry.isFile()) {
            files.push(path);
          } else if (entry.isSymbolicLink()) {
            // Listed when it points at a file or leaves the repository (reading it then reports why);
            // links to folders are not followed, so a loop cannot hang the walk.
            const target = await stat(join(dir, entry.name)).catch(() => undefined);
            if (!target || target.isFile() || !(await this.isInside(join(dir, entry.name)))) files.push(path);
          }
        }),
      );
    };
    await walk(this.root, "");
    return files.sort();
  }

  async readFile(path: string): Promise<Buffer> {
    assertRepoPath(path);
    const full = join(this.root, ...path.split("/"));
    const info = await lstat(full).catch(() => undefined);
    if (!info) throw new RegistryFileError("unreadable", path, "no such file");
    if (info.isSymbolicLink()) {
      const link = await readlink(full);
      if (resolveLinkTarget(path, link.split(sep).join("/")) === undefined) throw symlinkEscape(path, link);
      const real = await realpath(full).catch(() => undefined);
      if (real === undefined)
        throw new RegistryFileError("unreadable", path, `symbolic link points at nothing (${link})`);
      if (!this.contains(real)) throw symlinkEscape(path, real);
    }
    const target = info.isSymbolicLink() ? await stat(full) : info;
    if (!target.isFile()) throw new RegistryFileError("not-a-file", path, "not a regular file");
    if (target.size > this.maxFileBytes) throw tooLarge(path, target.size, this.maxFileBytes);
    return readFile(full);
  }

  /** Reads many files, a batch of them in parallel; unusable files are delivered as a RegistryFileError. */
  async readEach(
    paths: readonly string[],
    onFile: (path: string, content: Buffer | RegistryFileError) => void,
  ): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < paths.length) {
        const path = paths[next++]!;
        try {
          onFile(path, await this.readFile(path));
        } catch (error) {
          if (!(error instanceof RegistryFileError)) throw error;
          onFile(path, error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, paths.length) }, worker));
  }

  private async isInside(full: string): Promise<boolean> {
    const real = await realpath(full).catch(() => undefined);
    return real !== undefined && this.contains(real);
  }

  private contains(real: string): boolean {
    const rel = relative(this.realRoot, real);
    return (
      rel === "" ||
      (!rel.startsWith(`..${sep}`) && rel !== ".." && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel))
    );
  }
}

/** Opens a working folder as a registry source. */
export async function openFolderSource(dir: string, options: SourceOptions = {}): Promise<FolderSource> {
  const root = resolve(dir);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new RegistrySourceError(`${root} is not a folder`);
  return new FolderSource(root, await realpath(root), options);
}
