import type { Document } from "yaml";
import type { RegistryDiagnostic } from "../types.js";
import { parseYamlFast } from "./fast-yaml.js";
import { DocumentPositions, LazyPositions, type KeyAwarePositions } from "./positions.js";
import { yamlLib } from "./yaml-lib.js";

/** Most alias expansions one document may make; a billion-laughs file exceeds it at once. */
export const MAX_ALIAS_COUNT = 100;

export type ParsedYaml =
  | { ok: true; value: unknown; positions: KeyAwarePositions; warnings: RegistryDiagnostic[] }
  | { ok: false; errors: RegistryDiagnostic[] };

/**
 * Parses one registry YAML file. The common subset goes through the fast parser and gets positions
 * lazily (a Document with a LineCounter is built only when a position is asked for; `bytes`, when
 * given, is kept for that instead of the text); everything else
 * goes through `yaml` with a LineCounter, so syntax errors, duplicate keys and alias bombs come back
 * as diagnostics with line and column.
 */
export function parseRegistryYaml(file: string, text: string, bytes?: Buffer): ParsedYaml {
  const fast = parseYamlFast(text);
  if (fast) return { ok: true, value: fast.value, positions: new LazyPositions(bytes ?? text), warnings: [] };
  return parseFull(file, text);
}

function parseFull(file: string, text: string): ParsedYaml {
  const { LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, version: "1.2" });
  const errors: RegistryDiagnostic[] = doc.errors.map((error) => {
    const pos = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
    const duplicate = error.code === "DUPLICATE_KEY";
    return {
      file,
      line: pos.line,
      column: pos.col,
      pointer: "",
      message: duplicate
        ? "duplicate key: each key may appear once in a mapping"
        : `YAML syntax error: ${firstLine(error.message)}`,
      hint: duplicate
        ? "remove or rename one of the two entries"
        : "check indentation, quotes and colons on this line",
      code: duplicate ? "duplicate-key" : "yaml-syntax",
    };
  });
  if (errors.length > 0) return { ok: false, errors };
  const positions = new DocumentPositions(doc, lineCounter);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const offset = firstAliasOffset(doc);
    const pos = lineCounter.linePos(offset);
    return {
      ok: false,
      errors: [
        {
          file,
          line: pos.line,
          column: pos.col,
          pointer: "",
          message: /Excessive alias count/.test(error.message)
            ? `too many YAML alias expansions (more than ${MAX_ALIAS_COUNT}): refused as a resource-exhaustion risk`
            : `YAML alias error: ${error.message}`,
          hint: "write the values out instead of using anchors (&) and aliases (*)",
          code: "yaml-alias",
        },
      ],
    };
  }
  const warnings: RegistryDiagnostic[] = doc.warnings.map((warning) => {
    const pos = warning.linePos?.[0] ?? lineCounter.linePos(warning.pos[0]);
    return {
      file,
      line: pos.line,
      column: pos.col,
      pointer: "",
      message: `YAML: ${firstLine(warning.message)}`,
      code: "yaml-warning",
    };
  });
  return { ok: true, value, positions, warnings };
}

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  const { isAlias, visit } = yamlLib();
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node) && node.range) {
        offset = node.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset;
}

/** The first line of a yaml error message, without its " at line X, column Y:" suffix (we add positions). */
function firstLine(message: string): string {
  return message
    .split("\n")[0]!
    .replace(/ at line \d+, column \d+:?$/, "")
    .trim();
}
