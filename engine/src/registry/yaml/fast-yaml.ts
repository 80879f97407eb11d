/**
 * A fast parser for the plain subset of YAML that registry files are written in: block mappings and
 * sequences, one-line flow collections, plain and one-line quoted scalars, comments.
 *
 * It returns `undefined` for anything outside that subset (anchors, aliases, tags, block scalars,
 * multi-line scalars or flow collections, duplicate keys, tabs, CR line ends, document markers, ...);
 * the caller then parses the text with the full `yaml` package, which also produces the error
 * messages. For every input it accepts it returns exactly what `yaml`'s `parse()` (YAML 1.2, core
 * schema) returns — a property test checks that against the real parser.
 *
 * Why it exists: `yaml` builds a full Document (nodes, ranges, tokens) for each file, which costs
 * 50–400 µs per registry file; this subset parser costs a few µs, and a registry of 10,000 models has
 * 50,000 files.
 */

class Unsupported {}
const UNSUPPORTED = new Unsupported();

function bail(): never {
  throw UNSUPPORTED;
}

/**
 * Where the last `read*` function stopped (index after what it read). A module-level cursor instead of
 * returning `[value, end]` pairs: no array allocation per scalar (the parser runs once per value of
 * every registry file). The parser is synchronous and not re-entrant, so one cursor suffices.
 */
let cursor = 0;

// Core schema forms the hand-written scanner below leaves to the full parser (same tests as
// yaml/dist/schema/core): they are rare in registry files.
const FLOAT_NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const OCT_RE = /^0o[0-7]+$/;
const HEX_RE = /^0x[0-9a-fA-F]+$/;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Resolves a plain scalar like yaml's core schema: null (`~`, `null`, `Null`, `NULL`), booleans,
 * decimal integers (`[-+]?[0-9]+`), floats (`1.5`, `.5`, `1.`, `1e3`); everything else is a string.
 * Written as a scanner instead of a cascade of regular expressions: it runs once per value.
 */
function resolvePlain(text: string): unknown {
  const c = text.charCodeAt(0);
  if (isDigit(c) || c === 45 /* - */ || c === 43 /* + */ || c === 46 /* . */) return resolveNumberish(text);
  if (text.length > 5) return text; // longer than every keyword below
  switch (text) {
    case "":
    case "~":
    case "null":
    case "Null":
    case "NULL":
      return null;
    case "true":
    case "True":
    case "TRUE":
      return true;
    case "false":
    case "False":
    case "FALSE":
      return false;
    default:
      return text;
  }
}

function resolveNumberish(text: string): unknown {
  const n = text.length;
  let i = 0;
  const first = text.charCodeAt(0);
  if (first === 45 || first === 43) i = 1;
  let intDigits = 0;
  while (i < n && isDigit(text.charCodeAt(i))) {
    i += 1;
    intDigits += 1;
  }
  if (i === n) {
    if (intDigits > 0) return parseInt(text, 10);
  } else {
    let fracDigits = -1; // -1: no dot
    if (text.charCodeAt(i) === 46) {
      i += 1;
      fracDigits = 0;
      while (i < n && isDigit(text.charCodeAt(i))) {
        i += 1;
        fracDigits += 1;
      }
    }
    const mantissa = intDigits > 0 || fracDigits > 0;
    if (i === n) {
      if (fracDigits >= 0 && mantissa) return parseFloat(text);
    } else if (mantissa && (text.charCodeAt(i) | 0x20) === 101 /* e or E */) {
      i += 1;
      const sign = text.charCodeAt(i);
      if (sign === 43 || sign === 45) i += 1;
      let expDigits = 0;
      while (i < n && isDigit(text.charCodeAt(i))) {
        i += 1;
        expDigits += 1;
      }
      if (i === n && expDigits > 0) return parseFloat(text);
    }
  }
  if (FLOAT_NAN_RE.test(text) || OCT_RE.test(text) || HEX_RE.test(text)) bail();
  return text;
}

/**
 * Plain mapping keys the subset handles: `[A-Za-z_][A-Za-z0-9_./@-]*` that resolve to themselves
 * (not null or a boolean) and are not `__proto__`.
 */
function isPlainKey(key: string): boolean {
  const n = key.length;
  if (n === 0) return false;
  const c0 = key.charCodeAt(0);
  if (!((c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90) || c0 === 95)) return false;
  for (let i = 1; i < n; i += 1) {
    const c = key.charCodeAt(i);
    const ok =
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 48 && c <= 57) ||
      c === 95 ||
      c === 46 ||
      c === 47 ||
      c === 64 ||
      c === 45;
    if (!ok) return false;
  }
  return key !== "__proto__" && typeof resolvePlain(key) === "string";
}

/** Characters a plain scalar cannot start with (indicators), besides `-`, `?` and `:` before a space. */
function isIndicatorStart(c: number): boolean {
  switch (c) {
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 37: // %
    case 64: // @
    case 96: // `
    case 63: // ?
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 35: // #
    case 39: // '
    case 34: // "
      return true;
    default:
      return false;
  }
}

function readDoubleQuoted(s: string, start: number): string {
  let out = "";
  let i = start + 1;
  let chunk = i;
  for (;;) {
    if (i >= s.length) bail(); // multi-line quoted scalar
    const ch = s[i];
    if (ch === '"') {
      out += s.slice(chunk, i);
      cursor = i + 1;
      return out;
    }
    if (ch === "\\") {
      out += s.slice(chunk, i);
      const e = s[i + 1];
      if (e === "\\" || e === '"' || e === "/") out += e;
      else if (e === "n") out += "\n";
      else if (e === "t") out += "\t";
      else if (e === "u") {
        const hex = s.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) bail();
        const code = parseInt(hex, 16);
        if (code >= 0xd800 && code <= 0xdfff) bail();
        out += String.fromCharCode(code);
        i += 4;
      } else bail();
      i += 2;
      chunk = i;
      continue;
    }
    i += 1;
  }
}

function readSingleQuoted(s: string, start: number): string {
  let out = "";
  let i = start + 1;
  let chunk = i;
  for (;;) {
    if (i >= s.length) bail();
    if (s[i] === "'") {
      if (s[i + 1] === "'") {
        out += s.slice(chunk, i + 1);
        i += 2;
        chunk = i;
        continue;
      }
      out += s.slice(chunk, i);
      cursor = i + 1;
      return out;
    }
    i += 1;
  }
}

/** The rest of a line after a value must be blank or a comment preceded by a space. */
function expectLineEnd(s: string, i: number): void {
  if (i >= s.length) return;
  if (s.charCodeAt(i) !== 32) bail();
  while (i < s.length && s.charCodeAt(i) === 32) i += 1;
  if (i < s.length && s[i] !== "#") bail();
}

function skipSpaces(s: string, i: number): number {
  while (i < s.length && s.charCodeAt(i) === 32) i += 1;
  return i;
}

// ---------------------------------------------------------------- flow collections (one line)

function isFlowEndCode(c: number): boolean {
  return c === 44 || c === 93 || c === 125 || c === 91 || c === 123;
}

/** A plain scalar inside a flow collection: ends before `,[]{}`, `: ` or ` #`. */
function readFlowPlain(s: string, start: number): string {
  const first = s.charCodeAt(start);
  const second = s.charCodeAt(start + 1);
  if (
    Number.isNaN(first) ||
    isIndicatorStart(first) ||
    first === 58 ||
    (first === 45 && (second === 32 || Number.isNaN(second)))
  ) {
    bail();
  }
  let i = start;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isFlowEndCode(c)) break;
    if (c === 58 /* : */) {
      const next = s.charCodeAt(i + 1);
      if (Number.isNaN(next) || next === 32 || isFlowEndCode(next)) break;
    }
    if (c === 35 /* # */ && s.charCodeAt(i - 1) === 32) bail(); // a comment inside an open flow collection
    i += 1;
  }
  const text = s.slice(start, i).trimEnd();
  if (text.length === 0) bail();
  cursor = i;
  return text;
}

function readFlowValue(s: string, start: number): unknown {
  const i = skipSpaces(s, start);
  const c = s.charCodeAt(i);
  if (c === 91 /* [ */) return readFlowSeq(s, i);
  if (c === 123 /* { */) return readFlowMap(s, i);
  if (c === 34 /* " */) return readDoubleQuoted(s, i);
  if (c === 39 /* ' */) return readSingleQuoted(s, i);
  return resolvePlain(readFlowPlain(s, i));
}

function readFlowSeq(s: string, start: number): unknown[] {
  const out: unknown[] = [];
  let i = skipSpaces(s, start + 1);
  if (s.charCodeAt(i) === 93 /* ] */) {
    cursor = i + 1;
    return out;
  }
  for (;;) {
    out.push(readFlowValue(s, i));
    i = skipSpaces(s, cursor);
    const c = s.charCodeAt(i);
    if (c === 44 /* , */) {
      i = skipSpaces(s, i + 1);
      if (s.charCodeAt(i) === 93) bail(); // trailing comma
      continue;
    }
    if (c === 93 /* ] */) {
      cursor = i + 1;
      return out;
    }
    bail(); // `a: b` pairs inside sequences, unclosed at end of line, ...
  }
}

/** A key in a flow mapping; leaves the cursor after its `: `. */
function readFlowKey(s: string, start: number): string {
  const c = s.charCodeAt(start);
  let key: string;
  if (c === 34) key = readDoubleQuoted(s, start);
  else if (c === 39) key = readSingleQuoted(s, start);
  else {
    key = readFlowPlain(s, start);
    if (!isPlainKey(key)) bail();
  }
  if (s.charCodeAt(cursor) !== 58 /* : */ || s.charCodeAt(cursor + 1) !== 32) bail();
  cursor += 2;
  return key;
}

function readFlowMap(s: string, start: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let i = skipSpaces(s, start + 1);
  if (s.charCodeAt(i) === 125 /* } */) {
    cursor = i + 1;
    return out;
  }
  for (;;) {
    const key = readFlowKey(s, i);
    if (Object.hasOwn(out, key)) bail();
    const valueStart = skipSpaces(s, cursor);
    const v = s.charCodeAt(valueStart);
    if (v === 44 || v === 125) bail(); // empty value
    out[key] = readFlowValue(s, valueStart);
    i = skipSpaces(s, cursor);
    const c = s.charCodeAt(i);
    if (c === 44 /* , */) {
      i = skipSpaces(s, i + 1);
      if (s.charCodeAt(i) === 125) bail();
      continue;
    }
    if (c === 125 /* } */) {
      cursor = i + 1;
      return out;
    }
    bail();
  }
}

// ---------------------------------------------------------------- block structure

/** The value on a line from `start` on, after `key:` or `- ` (leading spaces allowed). */
function parseInlineValue(raw: string, start = 0): unknown {
  const i = skipSpaces(raw, start);
  const ch = raw[i];
  if (ch === '"' || ch === "'" || ch === "[" || ch === "{") {
    const value =
      ch === '"'
        ? readDoubleQuoted(raw, i)
        : ch === "'"
          ? readSingleQuoted(raw, i)
          : ch === "["
            ? readFlowSeq(raw, i)
            : readFlowMap(raw, i);
    expectLineEnd(raw, cursor);
    return value;
  }
  if (ch === undefined || isIndicatorStart(raw.charCodeAt(i))) bail();
  const next = raw[i + 1];
  if ((ch === "-" || ch === ":") && (next === undefined || next === " ")) bail();
  // A plain scalar runs to the end of the line or to ` #`.
  let end = raw.indexOf(" #", i);
  if (end === -1) end = raw.length;
  const text = raw.slice(i, end).trimEnd();
  if (text.includes(": ") || text.endsWith(":")) bail(); // a mapping where a scalar was expected
  return resolvePlain(text);
}

class BlockParser {
  private pos = 0;

  constructor(
    private readonly indents: number[],
    private readonly texts: string[],
  ) {}

  parseDocument(): unknown {
    if (this.texts.length === 0 || this.indents[0] !== 0) bail();
    if (isSeqItem(this.texts[0]!)) bail();
    const value = this.parseMap(0);
    if (this.pos !== this.texts.length) bail();
    return value;
  }

  private parseBlock(indent: number): unknown {
    return isSeqItem(this.texts[this.pos]!) ? this.parseSeq(indent) : this.parseMap(indent);
  }

  /** Value of a key or sequence item whose line ended after the indicator. */
  private parseNested(indent: number, allowSameIndentSeq: boolean): unknown {
    const n = this.texts.length;
    if (this.pos < n) {
      const nextIndent = this.indents[this.pos]!;
      if (nextIndent > indent) return this.parseBlock(nextIndent);
      if (allowSameIndentSeq && nextIndent === indent && isSeqItem(this.texts[this.pos]!))
        return this.parseSeq(indent);
    }
    return null;
  }

  private parseMap(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const n = this.texts.length;
    while (this.pos < n && this.indents[this.pos] === indent) {
      const text = this.texts[this.pos]!;
      if (isSeqItem(text)) bail();
      const key = splitKey(text);
      const rest = cursor;
      if (Object.hasOwn(out, key)) bail(); // duplicate key: let yaml report it
      this.pos += 1;
      if (isBlankOrComment(text, rest)) {
        out[key] = this.parseNested(indent, true);
      } else {
        out[key] = parseInlineValue(text, rest);
        if (this.pos < n && this.indents[this.pos]! > indent) bail(); // continuation line
      }
    }
    return out;
  }

  private parseSeq(indent: number): unknown[] {
    const out: unknown[] = [];
    const n = this.texts.length;
    while (this.pos < n && this.indents[this.pos] === indent && isSeqItem(this.texts[this.pos]!)) {
      const text = this.texts[this.pos]!;
      let k = 1;
      while (k < text.length && text.charCodeAt(k) === 32) k += 1;
      const inner = text.slice(k);
      if (inner.length === 0 || inner[0] === "#") {
        this.pos += 1;
        out.push(this.parseNested(indent, false));
      } else if (isSeqItem(inner)) {
        // `- - x` starts a nested sequence whose items sit at the column of the inner `-`.
        this.indents[this.pos] = indent + k;
        this.texts[this.pos] = inner;
        out.push(this.parseSeq(indent + k));
      } else if (looksLikeMapEntry(inner)) {
        // `- key: value` starts a mapping whose keys sit at the column of `key`.
        this.indents[this.pos] = indent + k;
        this.texts[this.pos] = inner;
        out.push(this.parseMap(indent + k));
      } else {
        this.pos += 1;
        out.push(parseInlineValue(inner));
      }
      if (this.pos < n && this.indents[this.pos]! > indent) bail();
    }
    return out;
  }
}

function isSeqItem(text: string): boolean {
  return text.charCodeAt(0) === 45 /* - */ && (text.length === 1 || text.charCodeAt(1) === 32);
}

/** Whether `line` from `start` on is blank or a comment (a `#` after at least one space). */
function isBlankOrComment(line: string, start: number): boolean {
  const i = skipSpaces(line, start);
  return i === line.length || (line.charCodeAt(i) === 35 /* # */ && i > start);
}

/**
 * The key of a `key: rest` line (rest may be empty), leaving the cursor just after the colon; bails
 * when the line is not a simple mapping entry.
 */
function splitKey(text: string): string {
  const ch = text[0];
  if (ch === '"' || ch === "'") {
    const key = ch === '"' ? readDoubleQuoted(text, 0) : readSingleQuoted(text, 0);
    const end = cursor;
    if (text[end] !== ":" || (end + 1 < text.length && text[end + 1] !== " ")) bail();
    if (key === "__proto__") bail();
    cursor = end + 1;
    return key;
  }
  let colon = text.indexOf(":");
  while (colon !== -1 && colon + 1 < text.length && text[colon + 1] !== " ")
    colon = text.indexOf(":", colon + 1);
  if (colon === -1) bail();
  const key = text.slice(0, colon).trimEnd();
  if (!isPlainKey(key)) bail();
  cursor = colon + 1;
  return key;
}

function looksLikeMapEntry(text: string): boolean {
  const ch = text[0];
  if (ch === '"' || ch === "'") {
    if (ch === '"') readDoubleQuoted(text, 0);
    else readSingleQuoted(text, 0);
    const end = cursor;
    return text[end] === ":";
  }
  if (ch === "[" || ch === "{") return false;
  const comment = text.indexOf(" #");
  const limit = comment === -1 ? text.length : comment;
  for (let i = text.indexOf(":"); i !== -1 && i < limit; i = text.indexOf(":", i + 1)) {
    if (i + 1 === text.length || text[i + 1] === " ") return true;
  }
  return false;
}

/**
 * Parses `text` when it lies inside the supported subset; `undefined` means "use the full parser".
 * The top level must be a mapping.
 */
export function parseYamlFast(text: string): { value: unknown } | undefined {
  // One pass over the text: split lines, measure indentation, skip blank and comment lines, and
  // refuse tabs, CR, control characters, BOM and Unicode line breaks anywhere.
  const indents: number[] = [];
  const texts: string[] = [];
  const n = text.length;
  let lineStart = 0;
  while (lineStart < n) {
    let i = lineStart;
    while (i < n && text.charCodeAt(i) === 32) i += 1;
    let j = i;
    for (; j < n; j += 1) {
      const c = text.charCodeAt(j);
      if (c === 10) break;
      if (c < 32 || c === 127 || (c >= 0x80 && (c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0xfeff)))
        return undefined;
    }
    if (j > i) {
      const first = text.charCodeAt(i);
      if (first !== 35 /* # */) {
        if (
          i === lineStart &&
          (first === 37 /* % */ || text.startsWith("---", i) || text.startsWith("...", i))
        )
          return undefined;
        indents.push(i - lineStart);
        texts.push(text.slice(i, j));
      }
    }
    lineStart = j + 1;
  }
  try {
    return { value: new BlockParser(indents, texts).parseDocument() };
  } catch (error) {
    if (error === UNSUPPORTED) return undefined;
    throw error;
  }
}
