import type { CodeOwnersEntry } from "../forge/port.js";

/** Where GitHub looks for CODEOWNERS, in its order. */
export const CODEOWNERS_PATHS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"] as const;

/** Parses a CODEOWNERS file: one `pattern owner...` per line, `#` comments, blank lines ignored. */
export function parseCodeOwners(text: string): CodeOwnersEntry[] {
  const entries: CodeOwnersEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (!line) return;
    const [pattern, ...owners] = line.split(/\s+/);
    if (pattern === undefined) return;
    entries.push({ pattern, owners, line: index + 1 });
  });
  return entries;
}

const cache = new Map<string, RegExp>();

/** GitHub's CODEOWNERS pattern rules (a gitignore subset) as a regular expression over POSIX paths. */
export function codeOwnersPatternToRegExp(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let body = pattern;
  const anchored = body.startsWith("/") || body.replace(/\/$/, "").includes("/");
  body = body.replace(/^\//, "");
  const directoryOnly = body.endsWith("/");
  body = body.replace(/\/$/, "");
  let source = "";
  for (let i = 0; i < body.length; i++) {
    const char = body[i] as string;
    if (body.startsWith("**/", i)) {
      source += "(?:.*/)?";
      i += 2;
    } else if (body.startsWith("**", i)) {
      source += ".*";
      i += 1;
    } else if (char === "*") {
      source += "[^/]*";
    } else if (char === "?") {
      source += "[^/]";
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
  }
  const prefix = anchored ? "^" : "^(?:.*/)?";
  const suffix = directoryOnly ? "/.*$" : "(?:/.*)?$";
  const regExp = new RegExp(body === "*" ? "^.*$" : `${prefix}${source}${suffix}`);
  cache.set(pattern, regExp);
  return regExp;
}

/** The owners of a path: the last matching entry wins (an entry with no owners un-owns the path). */
export function ownersOf(path: string, entries: readonly CodeOwnersEntry[]): string[] {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i] as CodeOwnersEntry;
    if (codeOwnersPatternToRegExp(entry.pattern).test(path)) return entry.owners;
  }
  return [];
}

/** Every `@org/team` named in CODEOWNERS (normalised to `org/team`). */
export function teamsNamedIn(entries: readonly CodeOwnersEntry[]): string[] {
  const teams = new Set<string>();
  for (const entry of entries) {
    for (const owner of entry.owners) if (/^@[^/]+\/.+/.test(owner)) teams.add(owner.slice(1).toLowerCase());
  }
  return [...teams].sort();
}
