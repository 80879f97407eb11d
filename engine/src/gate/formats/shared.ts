import type { CheckResult } from "../check.js";
import type { Finding } from "../decision.js";

export function where(f: Pick<Finding, "file" | "line">): string {
  if (!f.file) return "";
  return f.line > 0 ? `${f.file}:${f.line}` : f.file;
}

export function short(sha: string): string {
  return sha.slice(0, 12);
}

export type Formatter = (result: CheckResult) => string;
