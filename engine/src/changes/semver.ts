import { compareSemver, parseSemver } from "../shared/semver.js";
import type { BumpKind } from "./types.js";

export function isSemver(text: string): boolean {
  return parseSemver(text) !== undefined;
}

/** SemVer precedence; invalid versions sort before valid ones, then by string. */
export function compareVersions(a: string, b: string): number {
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (!x || !y) return x ? 1 : y ? -1 : a < b ? -1 : a > b ? 1 : 0;
  return compareSemver(x, y);
}

/** The highest version of a list (SemVer precedence), or undefined for an empty list. */
export function latestVersion(versions: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const v of versions) if (best === undefined || compareVersions(v, best) > 0) best = v;
  return best;
}

/** How `next` relates to `previous` (the latest existing version); "initial" when there is none. */
export function classifyBump(previous: string | undefined, next: string): BumpKind {
  const n = parseSemver(next);
  if (!n) return "invalid";
  if (previous === undefined) return "initial";
  const p = parseSemver(previous);
  if (!p) return "invalid";
  if (compareSemver(n, p) <= 0) return "not-increasing";
  if (n.major !== p.major) return "major";
  if (n.minor !== p.minor) return "minor";
  if (n.patch !== p.patch) return "patch";
  return "prerelease";
}
