import { posix } from "node:path";
import { ForgeConflictError } from "./errors.js";
import type { FileChange } from "./port.js";

/**
 * Checks the files of a change request before anything is written (both adapters): at least one, each
 * path inside the repository in git's form, no path twice. A bad path would otherwise surface as an
 * obscure git or GitHub error after a half-written branch.
 */
export function assertChangeFiles(files: FileChange[]): void {
  if (files.length === 0) {
    throw new ForgeConflictError("a change request needs at least one file to change (files is empty)");
  }
  const seen = new Set<string>();
  for (const { path } of files) {
    const normal = posix.normalize(path);
    if (!path || path !== normal || posix.isAbsolute(path) || normal === ".." || normal.startsWith("../")) {
      throw new ForgeConflictError(
        `'${path}' is not a path inside the repository; write it relative to the root with '/' separators (e.g. environments/production.yaml)`,
      );
    }
    if (seen.has(path))
      throw new ForgeConflictError(`'${path}' is listed twice in the change request's files`);
    seen.add(path);
  }
}
