export { ArtifactCache, hashFile } from "./cache.js";
export type { ArtifactCacheOptions, ArtifactRef, EnsuredArtifact, RepoFileReader } from "./cache.js";
export { ArtifactError } from "./errors.js";
export type { ArtifactErrorReason } from "./errors.js";
export { parseArtifactUri } from "./uri.js";
export type { ParsedArtifactUri } from "./uri.js";
