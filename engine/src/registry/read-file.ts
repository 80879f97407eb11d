import { isUtf8 } from "node:buffer";
import type { LoadedDocument } from "./cross-checks.js";
import { RegistryFileError } from "./errors.js";
import type { FileRole } from "./layout.js";
import { getValidator } from "./schemas.js";
import { schemaDiagnostics } from "./schema-diagnostics.js";
import type { RegistryDiagnostic } from "./types.js";
import { parseRegistryYaml } from "./yaml/parse.js";

/** A path that holds a registry YAML document (modelgate.yaml, a model card or version, a contract, ...). */
export type DocumentRole = Extract<FileRole, { stem: string }>;

export function isDocumentRole(role: FileRole): role is DocumentRole {
  return "stem" in role;
}

export interface ReadFileOptions {
  maxFileBytes: number;
  errors: RegistryDiagnostic[];
  warnings: RegistryDiagnostic[];
  /** Changes a document's text before it is parsed (the scoped loader keeps some environment entries). */
  prepare?: (text: string) => string;
}

/**
 * One file's bytes as both loaders keep them: a read error, a file over the size limit or one that is
 * not UTF-8 is an error naming the file (UTF-8 with line and column); a registry document is then parsed
 * and checked against its JSON Schema. Returns the document for a document role (`readable: false` when
 * a step failed), the text for any other file (CODEOWNERS, policies), nothing for another file that
 * could not be read.
 */
export function readRegistryFile(
  file: string,
  content: Buffer | Error,
  role: DocumentRole | undefined,
  options: ReadFileOptions,
): { document: LoadedDocument } | { text: string } | undefined {
  const { errors, warnings, maxFileBytes } = options;
  const unreadable = (): { document: LoadedDocument } | undefined =>
    role
      ? { document: { file, kind: role.kind, stem: role.stem, model: role.model, readable: false } }
      : undefined;
  if (content instanceof Error) {
    errors.push(readErrorDiagnostic(file, content));
    return unreadable();
  }
  if (content.length > maxFileBytes) {
    errors.push(
      fileDiagnostic(
        file,
        `file is ${content.length} bytes, more than the limit of ${maxFileBytes} bytes`,
        "file-too-large",
      ),
    );
    return unreadable();
  }
  if (!isUtf8(content)) {
    errors.push({
      ...fileDiagnostic(file, "file is not valid UTF-8 text", "not-utf8", "save the file as UTF-8"),
      ...invalidUtf8Position(content),
    });
    return unreadable();
  }
  const text = content.toString("utf8");
  if (!role) return { text };
  // Positions keep the text rather than the bytes: the parsed values' longer strings are V8 slices of
  // that text and keep it alive anyway, so this holds no second copy (and frees the read buffers).
  const parsed = parseRegistryYaml(file, options.prepare ? options.prepare(text) : text);
  if (!parsed.ok) {
    errors.push(...parsed.errors);
    return unreadable();
  }
  if (parsed.warnings.length > 0) warnings.push(...parsed.warnings);
  const validate = getValidator(role.kind);
  const valid = validate(parsed.value) as boolean;
  if (!valid) errors.push(...schemaDiagnostics(file, validate.errors ?? [], parsed.positions));
  return {
    document: {
      file,
      kind: role.kind,
      stem: role.stem,
      model: role.model,
      readable: true,
      valid,
      value: parsed.value,
      positions: parsed.positions,
    },
  };
}

export function fileDiagnostic(
  file: string,
  message: string,
  code: string,
  hint?: string,
): RegistryDiagnostic {
  const d: RegistryDiagnostic = { file, line: 1, column: 1, pointer: "", message, code };
  if (hint) d.hint = hint;
  return d;
}

export function readErrorDiagnostic(file: string, error: Error): RegistryDiagnostic {
  if (error instanceof RegistryFileError) return fileDiagnostic(file, error.message, error.code, error.hint);
  return fileDiagnostic(file, `cannot read: ${error.message}`, "unreadable");
}

/** Line and column of the first byte that is not valid UTF-8. */
export function invalidUtf8Position(content: Buffer): { line: number; column: number } {
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < content.length) {
    const byte = content[i]!;
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte <= 0xdf
          ? 2
          : byte >= 0xe0 && byte <= 0xef
            ? 3
            : byte >= 0xf0 && byte <= 0xf4
              ? 4
              : 0;
    if (length === 0 || i + length > content.length || !isUtf8(content.subarray(i, i + length))) break;
    if (byte === 10) {
      line += 1;
      column = 1;
    } else column += 1;
    i += length;
  }
  return { line, column };
}
