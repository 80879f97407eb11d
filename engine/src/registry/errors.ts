/** The registry source cannot be opened at all (no such revision, not a git repository, no folder). */
export class RegistrySourceError extends Error {
  override readonly name = "RegistrySourceError";
}

export type RegistryFileErrorCode =
  "file-too-large" | "symlink-escape" | "not-utf8" | "unreadable" | "not-a-file";

/** One file of a source cannot be used; the loader turns it into a diagnostic for that file. */
export class RegistryFileError extends Error {
  override readonly name = "RegistryFileError";
  constructor(
    readonly code: RegistryFileErrorCode,
    readonly path: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
