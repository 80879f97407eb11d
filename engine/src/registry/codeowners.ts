import type { CodeOwnersRule, RegistryDiagnostic } from "./types.js";

/** Where GitHub looks for CODEOWNERS, in its order of precedence: the first one found is used. */
export const CODEOWNERS_PATHS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"] as const;

const OWNER_RE = /^(@[A-Za-z0-9][A-Za-z0-9-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\s]+@[^@\s]+\.[^@\s]+)$/;

/**
 * Parses a CODEOWNERS file: `pattern owner...` per line, `#` comments, later rules win (GitHub
 * semantics, applied by the consumer). Malformed owners are warnings; the rule keeps its valid owners.
 */
export function parseCodeOwners(
  file: string,
  text: string,
): { rules: CodeOwnersRule[]; warnings: RegistryDiagnostic[] } {
  const rules: CodeOwnersRule[] = [];
  const warnings: RegistryDiagnostic[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = stripComment(raw).trim();
    if (content === "") return;
    const [pattern, ...tokens] = content.split(/\s+/);
    const owners: string[] = [];
    for (const token of tokens) {
      if (OWNER_RE.test(token)) owners.push(token);
      else
        warnings.push({
          file,
          line,
          column: raw.indexOf(token) + 1,
          pointer: "",
          message: `\`${token}\` is not an owner (expected @user, @org/team or an e-mail address)`,
          hint: "owners start with @, e.g. @retail/risk",
          code: "codeowners-owner",
        });
    }
    rules.push({ pattern: pattern!, owners, line, file });
  });
  return { rules, warnings };
}

/** Removes a `#` comment unless the `#` is escaped (`\#` is a literal # in a pattern). */
function stripComment(line: string): string {
  for (let i = 0; i < line.length; i += 1) {
    if (line[i] === "#" && line[i - 1] !== "\\") return line.slice(0, i);
  }
  return line;
}
