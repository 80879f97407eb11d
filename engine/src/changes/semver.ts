import type { BumpKind } from "./types.js";

interface Parsed {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-.]+)?$/;

function parse(text: string): Parsed | undefined {
  const m = SEMVER.exec(text);
  if (!m) return undefined;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease: m[4] ? m[4].split(".") : [],
  };
}

export function isSemver(text: string): boolean {
  return parse(text) !== undefined;
}

/** SemVer precedence; invalid versions sort before valid ones, then by string. */
export function compareVersions(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return x ? 1 : y ? -1 : a < b ? -1 : a > b ? 1 : 0;
  for (const key of ["major", "minor", "patch"] as const) if (x[key] !== y[key]) return x[key] - y[key];
  if (x.prerelease.length === 0 || y.prerelease.length === 0)
    return y.prerelease.length - x.prerelease.length;
  for (let i = 0; i < Math.max(x.prerelease.length, y.prerelease.length); i++) {
    const p = x.prerelease[i];
    const q = y.prerelease[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn && Number(p) !== Number(q)) return Number(p) - Number(q);
    if (pn !== qn) return pn ? -1 : 1;
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

/** The highest version of a list (SemVer precedence), or undefined for an empty list. */
export function latestVersion(versions: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const v of versions) if (best === undefined || compareVersions(v, best) > 0) best = v;
  return best;
}

/** How `next` relates to `previous` (the latest existing version); "initial" when there is none. */
export function classifyBump(previous: string | undefined, next: string): BumpKind {
  const n = parse(next);
  if (!n) return "invalid";
  if (previous === undefined) return "initial";
  const p = parse(previous);
  if (!p) return "invalid";
  if (compareVersions(next, previous) <= 0) return "not-increasing";
  if (n.major !== p.major) return "major";
  if (n.minor !== p.minor) return "minor";
  if (n.patch !== p.patch) return "patch";
  return "prerelease";
}
