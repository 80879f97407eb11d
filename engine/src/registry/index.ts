/**
 * Registry: load and validate a registry repo at a git revision or in a working folder.
 *
 *   const source = await openGitSource(repoDir, "HEAD");   // or openFolderSource(dir)
 *   const result = await loadRegistry(source);
 *   if (!result.ok) console.log(formatDiagnostics(result.errors, "text"));
 */
export type * from "./types.js";
export { loadRegistry, type LoadOptions } from "./load.js";
export { openGitSource, GitSource, GitPathReader } from "./sources/git-source.js";
export { TreeIndex, type TreeIndexData } from "./tree-index.js";
export { openFolderSource, FolderSource } from "./sources/folder-source.js";
export { DEFAULT_MAX_FILE_BYTES, type SourceOptions } from "./sources/limits.js";
export { RegistryFileError, RegistrySourceError, type RegistryFileErrorCode } from "./errors.js";
export {
  formatDiagnostics,
  sortDiagnostics,
  toJson,
  type DiagnosticFormat,
  type FormatOptions,
} from "./format.js";
export { parseCodeOwners, CODEOWNERS_PATHS } from "./codeowners.js";
export { DOCUMENT_KINDS, schemaId, schemasDir, readSchema, createAjv, type DocumentKind } from "./schemas.js";
export { durationSeconds } from "./cross-checks.js";
export {
  loadRegistryScoped,
  registryFingerprint,
  type ChangeStatus,
  type LoadScope,
  type ScopedLoadOptions,
} from "./scoped-load.js";
