import { posix } from "node:path";
import { RegistryFileError } from "../errors.js";

/** Largest file a source hands out unless told otherwise: 1 MiB (registry files are a few KiB). */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

export interface SourceOptions {
  /** Refuse files bigger than this many bytes (default 1 MiB). */
  maxFileBytes?: number;
}

export function tooLarge(path: string, size: number, limit: number): RegistryFileError {
  return new RegistryFileError(
    "file-too-large",
    path,
    `file is ${size} bytes, more than the limit of ${limit} bytes`,
    "registry files are small YAML documents; keep data (artifacts, samples) out of them",
  );
}

export function symlinkEscape(path: string, target: string): RegistryFileError {
  return new RegistryFileError(
    "symlink-escape",
    path,
    `symbolic link points outside the repository (${target})`,
    "replace the link by the file itself or a link inside the repository",
  );
}

/** Checks a repository-relative POSIX path: no absolute paths, no `..`, no empty segments. */
export function assertRepoPath(path: string): void {
  const normal = posix.normalize(path);
  if (
    path.length === 0 ||
    path.startsWith("/") ||
    normal !== path ||
    normal === ".." ||
    normal.startsWith("../")
  ) {
    throw new RegistryFileError(
      "unreadable",
      path,
      `not a path inside the repository: ${JSON.stringify(path)}`,
    );
  }
}

/** Resolves a symlink target relative to the link's folder; undefined when it leaves the repository. */
export function resolveLinkTarget(linkPath: string, target: string): string | undefined {
  if (target.startsWith("/")) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(linkPath), target));
  if (joined === ".." || joined.startsWith("../") || joined === ".") return undefined;
  return joined;
}
