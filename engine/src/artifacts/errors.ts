/**
 * Why an artifact could not be made available. `transient` tells the reconciler whether a retry can help
 * (network hiccup, 5xx) or the commit itself must change (checksum mismatch, too large, not found).
 */
export type ArtifactErrorReason =
  | "ArtifactChecksumMismatch"
  | "ArtifactSizeMismatch"
  | "ArtifactTooLarge"
  | "ArtifactNotFound"
  | "ArtifactFetchFailed"
  | "ArtifactUriRejected"
  | "ArtifactCacheFull";

export class ArtifactError extends Error {
  override readonly name = "ArtifactError";
  constructor(
    readonly reason: ArtifactErrorReason,
    message: string,
    readonly transient: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
