import { dottedPath } from "./schema-diagnostics.js";
import type { RegistryDiagnostic } from "./types.js";

export type DiagnosticFormat = "text" | "json";

export interface FormatOptions {
  /** Word printed after the position in text output (default "error"). */
  severity?: "error" | "warning";
}

/** Orders diagnostics by file, then line, then column, then message. */
export function sortDiagnostics(diagnostics: readonly RegistryDiagnostic[]): RegistryDiagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/**
 * Renders diagnostics, one per line in `text`:
 * `models/x/versions/1.0.0.yaml:7:11 error artifact.sha256: must be 64 lowercase hex characters (hint: ...)`
 * or, in `json`, as an array of `{ file, line, column, pointer, message, hint?, code }`.
 */
export function formatDiagnostics(
  diagnostics: readonly RegistryDiagnostic[],
  format: DiagnosticFormat,
  options: FormatOptions = {},
): string {
  if (format === "json") return JSON.stringify(diagnostics.map(toJson), null, 2);
  const severity = options.severity ?? "error";
  return diagnostics
    .map((d) => {
      const field = d.pointer === "" ? "" : `${dottedPath(d.pointer)}: `;
      const hint = d.hint ? ` (hint: ${d.hint})` : "";
      return `${d.file}:${d.line}:${d.column} ${severity} ${field}${d.message}${hint} [${d.code}]`;
    })
    .join("\n");
}

/** A diagnostic with its keys in a stable order (for JSON output). */
export function toJson(d: RegistryDiagnostic): RegistryDiagnostic {
  const out: RegistryDiagnostic = {
    file: d.file,
    line: d.line,
    column: d.column,
    pointer: d.pointer,
    message: d.message,
    code: d.code,
  };
  if (d.hint !== undefined) {
    return {
      file: d.file,
      line: d.line,
      column: d.column,
      pointer: d.pointer,
      message: d.message,
      hint: d.hint,
      code: d.code,
    };
  }
  return out;
}
