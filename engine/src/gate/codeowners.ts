import type { CodeOwnersRule } from "../registry/types.js";

/** Converts a CODEOWNERS (gitignore-style) pattern to a RegExp over repository-relative POSIX paths. */
export function codeOwnersPattern(pattern: string): RegExp {
  let p = pattern.trim();
  const anchored = p.startsWith("/") || p.slice(0, -1).includes("/");
  p = p.replace(/^\/+/, "");
  const directory = p.endsWith("/");
  if (directory) p = p.slice(0, -1);
  let re = "";
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if (ch === "*" && p[i + 1] === "*") {
      // "**/" = any leading folders, "/**" = everything inside
      if (p[i + 2] === "/") {
        re += "(?:.*/)?";
        i += 2;
      } else {
        re += ".*";
        i += 1;
      }
    } else if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else re += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  const prefix = anchored ? "^" : "^(?:.*/)?";
  // A pattern matches the path itself or anything below it (a folder name matches its contents).
  return new RegExp(`${prefix}${re}${directory ? "/.*" : "(?:/.*)?"}$`);
}

/** The owners of a path: the last matching rule wins (GitHub semantics); [] when none or owners cleared. */
export function ownersOf(
  rules: readonly CodeOwnersRule[],
  path: string,
): { owners: string[]; line: number } | undefined {
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i]!;
    if (codeOwnersPattern(rule.pattern).test(path)) return { owners: rule.owners, line: rule.line };
  }
  return undefined;
}

/**
 * Resolves owner references to user names: "@user" and "user" are users; "@org/team" and "org/team" are
 * teams from modelgate.yaml `teams` (also matched without the org). Emails are kept as given.
 */
export function resolveOwner(ref: string, teams: Readonly<Record<string, readonly string[]>>): string[] {
  const name = ref.replace(/^@/, "");
  if (name.includes("/")) {
    const direct = teams[name];
    if (direct) return [...direct];
    const short = name.split("/").pop()!;
    const match = Object.entries(teams).find(([team]) => team === short || team.endsWith(`/${short}`));
    return match ? [...match[1]] : [];
  }
  if (teams[name]) return [...teams[name]];
  return [name];
}

export interface CodeOwnerGroup {
  owners: string[];
  members: string[];
  paths: string[];
  file: string;
  line: number;
}

/** Changed paths grouped by their owner set, each group with the resolved member list. */
export function groupCodeOwners(
  rules: readonly CodeOwnersRule[],
  paths: readonly string[],
  teams: Readonly<Record<string, readonly string[]>>,
  file = "CODEOWNERS",
): CodeOwnerGroup[] {
  const groups = new Map<string, CodeOwnerGroup>();
  for (const path of paths) {
    const hit = ownersOf(rules, path);
    if (!hit || hit.owners.length === 0) continue;
    const key = [...hit.owners].sort().join(" ");
    const group = groups.get(key);
    if (group) group.paths.push(path);
    else {
      const members = [...new Set(hit.owners.flatMap((o) => resolveOwner(o, teams)))].sort();
      groups.set(key, { owners: [...hit.owners].sort(), members, paths: [path], file, line: hit.line });
    }
  }
  return [...groups.values()];
}
