import { posix } from "node:path";
import { ArtifactError } from "./errors.js";

export type ParsedArtifactUri = { kind: "file"; path: string } | { kind: "http"; url: URL };

/**
 * Parses an artifact URI. `file:` URIs are relative to the registry repo root and may not leave it
 * (`file:../../etc/passwd` and absolute paths are refused): the repo at a commit is the only file source.
 */
export function parseArtifactUri(uri: string): ParsedArtifactUri {
  if (uri.startsWith("file:")) {
    const raw = decodeURIComponent(uri.slice("file:".length));
    if (raw.startsWith("/") || raw.startsWith("\\") || /^[a-zA-Z]:/.test(raw)) {
      throw new ArtifactError(
        "ArtifactUriRejected",
        `artifact URI ${uri} is absolute; use a path relative to the repo root`,
        false,
      );
    }
    const normalized = posix.normalize(raw.replace(/\\/g, "/"));
    if (normalized === ".." || normalized.startsWith("../") || normalized === "." || normalized === "") {
      throw new ArtifactError(
        "ArtifactUriRejected",
        `artifact URI ${uri} points outside the registry repo`,
        false,
      );
    }
    return { kind: "file", path: normalized };
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new ArtifactError("ArtifactUriRejected", `artifact URI ${uri} is not a valid URL`, false);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ArtifactError(
      "ArtifactUriRejected",
      `artifact URI scheme ${url.protocol} is not supported (use file:, http: or https:)`,
      false,
    );
  }
  return { kind: "http", url };
}
