import type { ErrorObject } from "ajv";
import { closestMatch } from "./did-you-mean.js";
import type { RegistryDiagnostic } from "./types.js";
import type { KeyAwarePositions } from "./yaml/positions.js";
import { joinPointer, splitPointer } from "./yaml/positions.js";

/** Human wording for the patterns used in schemas/, keyed by the pattern itself. */
const PATTERN_MESSAGES: Record<string, { message: string; hint?: string }> = {
  "^[a-z][a-z0-9-]{0,62}$": {
    message:
      "must be a name: lowercase letters, digits and dashes, starting with a letter, at most 63 characters",
    hint: "e.g. `stockout-risk`",
  },
  "^[0-9a-f]{64}$": {
    message: "must be 64 lowercase hex characters",
    hint: "compute it with `sha256sum <file>` (or `shasum -a 256`)",
  },
  "^[0-9a-f]{7,40}$": { message: "must be a git commit: 7 to 40 lowercase hex characters" },
  "^[1-9][0-9]{0,5}(s|m|h|d|w)$": { message: "must be a duration like 30d, 6h or 5m (units s, m, h, d, w)" },
  "^(file:|https?://)\\S+$": {
    message: "must be a file: path relative to the repository root or an http(s) URL",
    hint: "e.g. `file:artifacts/my-model/1.0.0/model.onnx`",
  },
  "^(file:|https?://)": { message: "must start with file:, http:// or https://" },
  "^(@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\\s]+@[^@\\s]+\\.[^@\\s]+)$": {
    message: "must be an owner in CODEOWNERS form: @user, @org/team or an e-mail address",
    hint: 'quote it in YAML: "@retail/supply-chain"',
  },
};
const SEMVER_HINT = "use MAJOR.MINOR.PATCH, e.g. 1.2.0 (quote it so YAML keeps it a string)";

/** Converts Ajv errors of one document into diagnostics with positions, hints and stable codes. */
export function schemaDiagnostics(
  file: string,
  errors: readonly ErrorObject[],
  positions: KeyAwarePositions,
): RegistryDiagnostic[] {
  const out: RegistryDiagnostic[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === "propertyNames" || error.keyword === "if") continue; // reported by the inner error
    const diagnostic = convert(file, error, positions);
    const key = `${diagnostic.pointer}\0${diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(diagnostic);
  }
  return out;
}

function convert(file: string, error: ErrorObject, positions: KeyAwarePositions): RegistryDiagnostic {
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const base = error.instancePath;
  const make = (
    pointer: string,
    message: string,
    code: string,
    hint?: string,
    atKey = false,
  ): RegistryDiagnostic => {
    const pos = atKey ? positions.locateKey(pointer) : positions.locate(pointer);
    const diagnostic: RegistryDiagnostic = {
      file,
      line: pos.line,
      column: pos.column,
      pointer,
      message,
      code,
    };
    if (hint) diagnostic.hint = hint;
    return diagnostic;
  };
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    const pointer = `${base}${joinPointer([propertyName])}`;
    const known = error.keyword === "pattern" ? PATTERN_MESSAGES[String(error.params.pattern)] : undefined;
    return make(
      pointer,
      `key \`${propertyName}\` ${known?.message ?? error.message ?? "is not allowed"}`,
      "invalid-key",
      known?.hint,
      true,
    );
  }
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(error.params.additionalProperty);
      const allowed = Object.keys((parent.properties as Record<string, unknown> | undefined) ?? {});
      const guess = closestMatch(key, allowed);
      const hint = guess
        ? `did you mean \`${guess}\`?`
        : allowed.length > 0
          ? `allowed keys here: ${allowed.join(", ")}`
          : undefined;
      return make(
        `${base}${joinPointer([key])}`,
        `unknown key \`${key}\`${where(base)}`,
        "unknown-key",
        hint,
        true,
      );
    }
    case "required": {
      const missing = String(error.params.missingProperty);
      const property = (parent.properties as Record<string, { description?: string }> | undefined)?.[missing];
      return make(
        base,
        `missing required field \`${missing}\`${where(base)}`,
        "missing-field",
        property?.description ? `add \`${missing}\`: ${property.description}` : `add \`${missing}\``,
        base !== "",
      );
    }
    case "dependentRequired": {
      const missing = String(error.params.missingProperty);
      return make(
        base,
        `\`${missing}\` is required when \`${String(error.params.property)}\` is present${where(base)}`,
        "missing-field",
        `add \`${missing}\``,
      );
    }
    case "type": {
      const expected = String(error.params.type);
      const got = describeValue(error.data);
      const hint =
        expected.includes("string") && typeof error.data === "number"
          ? `quote the value so YAML reads it as text: "${String(error.data)}"`
          : undefined;
      return make(base, `must be ${article(expected)} (got ${got})`, "wrong-type", hint);
    }
    case "enum": {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const guess = typeof error.data === "string" ? closestMatch(error.data, allowed) : undefined;
      return make(
        base,
        `must be one of: ${allowed.join(", ")} (got ${describeValue(error.data)})`,
        "invalid-value",
        guess ? `did you mean \`${guess}\`?` : undefined,
      );
    }
    case "pattern": {
      const pattern = String(error.params.pattern);
      const known = PATTERN_MESSAGES[pattern];
      const isSemver = pattern.startsWith("^(0|[1-9][0-9]*)\\.");
      const message = isSemver
        ? "must be a semantic version like 1.2.3"
        : (known?.message ?? `must match the pattern ${pattern}`);
      const code = isSemver ? "invalid-semver" : "invalid-format";
      return make(
        base,
        `${message} (got ${describeValue(error.data)})`,
        code,
        isSemver ? SEMVER_HINT : known?.hint,
      );
    }
    case "format": {
      const format = String(error.params.format);
      const message =
        format === "date-time"
          ? "must be an RFC 3339 date-time like 2026-12-31T00:00:00Z"
          : `must be a valid ${format}`;
      return make(
        base,
        `${message} (got ${describeValue(error.data)})`,
        "invalid-format",
        format === "date-time" ? "quote it if YAML changes it" : undefined,
      );
    }
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return make(
        base,
        `must be ${String(error.params.comparison)} ${String(error.params.limit)} (got ${describeValue(error.data)})`,
        "out-of-range",
      );
    case "minProperties":
      if (parent.dependentRequired) {
        return make(
          base,
          "a baseline needs `edges` + `proportions` (numeric field) or `frequencies` (categorical field)",
          "missing-field",
        );
      }
      return make(base, `${error.message ?? "has too few entries"}${where(base)}`, "invalid-value");
    default:
      return make(
        base,
        `${error.message ?? "is invalid"}${where(base)}`,
        error.keyword === "uniqueItems" ? "duplicate-item" : "invalid-value",
      );
  }
}

/** " in `artifact`" / " in `inputs[0]`", empty at the top level. */
function where(pointer: string): string {
  return pointer === "" ? "" : ` in \`${dottedPath(pointer)}\``;
}

/** `/inputs/0/name` -> `inputs[0].name`. */
export function dottedPath(pointer: string): string {
  let out = "";
  for (const segment of splitPointer(pointer)) {
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

function article(type: string): string {
  const names = type
    .split(",")
    .map((t) =>
      t === "integer" ? "an integer" : t === "object" ? "a mapping" : t === "array" ? "a list" : `a ${t}`,
    );
  return names.join(" or ");
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string")
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return `${typeof value} ${String(value)}`;
}
