import type { PolicyCompileProblem } from "./errors.js";

/**
 * Turns OPA's error output into problems pointing at the Rego sources. `opa check --format json` gives
 * file, row and column; `opa build` only prints text (`file:row: code: message`), used as a fallback.
 * File names are relative to the folder OPA ran in, which is laid out exactly like `sources[].path`.
 */
export function parseOpaJsonErrors(stdout: string): PolicyCompileProblem[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || !Array.isArray(parsed["errors"])) return undefined;
  const problems: PolicyCompileProblem[] = [];
  for (const item of parsed["errors"]) {
    if (!isRecord(item)) continue;
    const location = isRecord(item["location"]) ? item["location"] : {};
    problems.push({
      file: typeof location["file"] === "string" ? normalizeFile(location["file"]) : undefined,
      line: typeof location["row"] === "number" ? location["row"] : undefined,
      column: typeof location["col"] === "number" ? location["col"] : undefined,
      code: typeof item["code"] === "string" ? item["code"] : "rego_error",
      message: typeof item["message"] === "string" ? item["message"] : JSON.stringify(item),
    });
  }
  return problems.length > 0 ? problems : undefined;
}

const LOCATED = /(?:^|\s)([^\s:][^:]*\.rego):(\d+)(?::(\d+))?: ([a-z][a-z0-9_]*): (.*)$/;
const ENTRYPOINT = /entrypoint "([^"]+)" does not refer to a rule or policy decision/;

export function parseOpaTextErrors(output: string): PolicyCompileProblem[] {
  const problems: PolicyCompileProblem[] = [];
  for (const line of output.split("\n")) {
    const located = LOCATED.exec(line);
    if (located !== null) {
      problems.push({
        file: normalizeFile(located[1] ?? ""),
        line: Number(located[2]),
        column: located[3] === undefined ? undefined : Number(located[3]),
        code: located[4] ?? "rego_error",
        message: located[5] ?? "",
      });
      continue;
    }
    const entrypoint = ENTRYPOINT.exec(line);
    if (entrypoint !== null) {
      problems.push({
        file: undefined,
        line: undefined,
        column: undefined,
        code: "entrypoint_not_found",
        message: `entrypoint "${entrypoint[1] ?? ""}" does not refer to a rule in the policy sources (write it as package/path/rule)`,
      });
    }
  }
  if (problems.length === 0) {
    const text = output.trim().replace(/^error:\s*/, "");
    problems.push({
      file: undefined,
      line: undefined,
      column: undefined,
      code: "opa_build_error",
      message: text === "" ? "opa build failed without a message" : text,
    });
  }
  return problems;
}

function normalizeFile(file: string): string {
  return file.replace(/^(\.\/)+/, "");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
