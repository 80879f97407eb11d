import type { DocumentKind } from "./schemas.js";

/** Where a file sits in a registry repo, decided by its path alone. */
export type FileRole =
  | { kind: DocumentKind; stem: string; model?: string }
  | { kind: "codeowners" }
  | { kind: "policy" }
  | { kind: "misplaced"; reason: string; error: boolean }
  | { kind: "other" };

export const CONFIG_FILE = "modelgate.yaml";
const REGISTRY_DIRS = ["models/", "contracts/", "slos/", "environments/", "waivers/"];

/** Classifies one repository path (POSIX, relative to the root). */
export function classifyPath(path: string): FileRole {
  if (path === CONFIG_FILE) return { kind: "modelgate", stem: "modelgate" };
  if (path === "CODEOWNERS" || path === ".github/CODEOWNERS" || path === "docs/CODEOWNERS")
    return { kind: "codeowners" };
  if (path.startsWith("policies/") && path.endsWith(".rego")) return { kind: "policy" };
  if (!REGISTRY_DIRS.some((dir) => path.startsWith(dir))) {
    if (path === "modelgate.yml")
      return {
        kind: "misplaced",
        reason: "use the .yaml extension: rename it to modelgate.yaml",
        error: true,
      };
    return { kind: "other" };
  }
  const parts = path.split("/");
  const file = parts[parts.length - 1]!;
  if (file.endsWith(".yml"))
    return { kind: "misplaced", reason: "registry files use the .yaml extension; rename it", error: true };
  if (!file.endsWith(".yaml")) return { kind: "other" }; // READMEs, .gitkeep, ...
  const stem = file.slice(0, -".yaml".length);
  if (parts[0] === "models") {
    if (parts.length === 3 && file === "model.yaml")
      return { kind: "model", stem: parts[1]!, model: parts[1]! };
    if (parts.length === 4 && parts[2] === "versions")
      return { kind: "model-version", stem, model: parts[1]! };
    return {
      kind: "misplaced",
      reason: "not read: expected models/<model>/model.yaml or models/<model>/versions/<version>.yaml",
      error: false,
    };
  }
  if (parts.length !== 2)
    return {
      kind: "misplaced",
      reason: `not read: files in ${parts[0]}/ sit directly in that folder`,
      error: false,
    };
  const kind = (
    { contracts: "contract", slos: "slo", environments: "environment", waivers: "waiver" } as const
  )[parts[0] as "contracts"];
  return { kind, stem };
}
