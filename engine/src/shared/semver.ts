/**
 * SemVer 2.0.0 parsing and precedence with OPA's exact semantics (internal/semver in OPA v1):
 * an optional leading "v" is accepted, build metadata is ignored for precedence. One implementation
 * serves the host builtins (`semver.*` in Rego) and the change set (bump kinds), so the engine's facts
 * and a policy's own comparisons can never disagree.
 */
export interface SemverParts {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly prerelease: string;
}

const IDENTIFIERS = /^[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$/;
const NUMERIC = /^(0|[1-9][0-9]*)$/;
const ALL_DIGITS = /^[0-9]+$/;
const INT64_MAX = 2n ** 63n - 1n;

export function parseSemver(text: string): SemverParts | undefined {
  let rest = text.startsWith("v") ? text.slice(1) : text;
  const plus = rest.indexOf("+");
  if (plus !== -1) {
    if (!IDENTIFIERS.test(rest.slice(plus + 1))) return undefined;
    rest = rest.slice(0, plus);
  }
  let prerelease = "";
  const dash = rest.indexOf("-");
  if (dash !== -1) {
    prerelease = rest.slice(dash + 1);
    if (!IDENTIFIERS.test(prerelease)) return undefined;
    if (prerelease.split(".").some((id) => id.length > 1 && id.startsWith("0") && ALL_DIGITS.test(id))) {
      return undefined;
    }
    rest = rest.slice(0, dash);
  }
  const parts = rest.split(".");
  if (parts.length !== 3) return undefined;
  const numbers: bigint[] = [];
  for (const part of parts) {
    if (!NUMERIC.test(part)) return undefined;
    const value = BigInt(part);
    if (value > INT64_MAX) return undefined;
    numbers.push(value);
  }
  const [major, minor, patch] = numbers as [bigint, bigint, bigint];
  return { major, minor, patch, prerelease };
}

/** -1, 0 or 1, by SemVer precedence. */
export function compareSemver(a: SemverParts, b: SemverParts): -1 | 0 | 1 {
  for (const key of ["major", "minor", "patch"] as const) {
    if (a[key] !== b[key]) return a[key] > b[key] ? 1 : -1;
  }
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === "") return 1;
  if (b.prerelease === "") return -1;
  const left = a.prerelease.split(".");
  const right = b.prerelease.split(".");
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xNumeric = ALL_DIGITS.test(x);
    const yNumeric = ALL_DIGITS.test(y);
    if (xNumeric !== yNumeric) return xNumeric ? -1 : 1;
    if (xNumeric) {
      const diff = BigInt(x) - BigInt(y);
      if (diff !== 0n) return diff > 0n ? 1 : -1;
    } else if (x !== y) {
      return x > y ? 1 : -1;
    }
  }
  return 0;
}
