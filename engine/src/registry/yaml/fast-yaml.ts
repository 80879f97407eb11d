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

// Core schema scalar resolution (same tests as yaml/dist/schema/core).
const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const TRUE_RE = /^(?:[Tt]rue|TRUE)$/;
const INT_RE = /^[-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const FLOAT_EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const OCT_RE = /^0o[0-7]+$/;
const HEX_RE = /^0x[0-9a-fA-F]+$/;
/** Characters the subset refuses anywhere: tabs, CR, control characters, BOM, Unicode line breaks. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const REFUSED_CHARS = /[\x00-\x08\x09\x0b-\x1f\x7f\r\ufeff\u0085\u2028\u2029]/;
/** Plain mapping keys the subset handles: they resolve to the same string under every schema. */
const PLAIN_KEY_RE = /^[A-Za-z_][A-Za-z0-9_./@-]*$/;

function resolvePlain(text: string): unknown {
  const c = text.charCodeAt(0);
  // Fast exit: only scalars starting with a digit, sign, dot, n/N/~/t/T/f/F can be non-strings.
  if (
    (c >= 48 && c <= 57) ||
    c === 45 /* - */ ||
    c === 43 /* + */ ||
    c === 46 /* . */ ||
    c === 110 ||
    c === 78 ||
    c === 126 ||
    c === 116 ||
    c === 84 ||
    c === 102 ||
    c === 70
  ) {
    if (NULL_RE.test(text)) return null;
    if (BOOL_RE.test(text)) return TRUE_RE.test(text);
    if (INT_RE.test(text)) return parseInt(text, 10);
    if (FLOAT_RE.test(text) || FLOAT_EXP_RE.test(text)) return parseFloat(text);
    if (FLOAT_NAN_RE.test(text) || OCT_RE.test(text) || HEX_RE.test(text)) bail();
  }
  return text;
}

/** Whether a key would resolve to something other than itself (null, bool, number) in `yaml`. */
function isPlainKey(key: string): boolean {
  return PLAIN_KEY_RE.test(key) && key !== "__proto__" && resolvePlain(key) === key;
}

const INDICATOR_START = new Set([
  "&",
  "*",
  "!",
  "|",
  ">",
  "%",
  "@",
  "`",
  "?",
  ",",
  "[",
  "]",
  "{",
  "}",
  "#",
  "'",
  '"',
]);

function readDoubleQuoted(s: string, start: number): [string, number] {
  let out = "";
  let i = start + 1;
  let chunk = i;
  for (;;) {
    if (i >= s.length) bail(); // multi-line quoted scalar
    const ch = s[i];
    if (ch === '"') {
      out += s.slice(chunk, i);
      return [out, i + 1];
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

function readSingleQuoted(s: string, start: number): [string, number] {
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
      return [out, i + 1];
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

function isFlowEnd(ch: string | undefined): boolean {
  return ch === "," || ch === "]" || ch === "}" || ch === "[" || ch === "{";
}

/** A plain scalar inside a flow collection: ends before `,[]{}`, `: ` or ` #`. */
function readFlowPlain(s: string, start: number): [string, number] {
  const first = s[start];
  if (
    first === undefined ||
    INDICATOR_START.has(first) ||
    first === ":" ||
    (first === "-" && (s[start + 1] === " " || s[start + 1] === undefined))
  )
    bail();
  let i = start;
  while (i < s.length) {
    const ch = s[i];
    if (isFlowEnd(ch)) break;
    if (ch === ":") {
      const next = s[i + 1];
      if (next === undefined || next === " " || isFlowEnd(next)) break;
    }
    if (ch === "#" && s[i - 1] === " ") bail(); // a comment inside an open flow collection
    i += 1;
  }
  const text = s.slice(start, i).trimEnd();
  if (text.length === 0) bail();
  return [text, i];
}

function readFlowValue(s: string, start: number): [unknown, number] {
  const i = skipSpaces(s, start);
  const ch = s[i];
  if (ch === "[") return readFlowSeq(s, i);
  if (ch === "{") return readFlowMap(s, i);
  if (ch === '"') return readDoubleQuoted(s, i);
  if (ch === "'") return readSingleQuoted(s, i);
  const [text, end] = readFlowPlain(s, i);
  return [resolvePlain(text), end];
}

function readFlowSeq(s: string, start: number): [unknown[], number] {
  const out: unknown[] = [];
  let i = skipSpaces(s, start + 1);
  if (s[i] === "]") return [out, i + 1];
  for (;;) {
    const [value, end] = readFlowValue(s, i);
    out.push(value);
    i = skipSpaces(s, end);
    const ch = s[i];
    if (ch === ",") {
      i = skipSpaces(s, i + 1);
      if (s[i] === "]") bail(); // trailing comma
      continue;
    }
    if (ch === "]") return [out, i + 1];
    bail(); // `a: b` pairs inside sequences, unclosed at end of line, ...
  }
}

function readFlowKey(s: string, start: number): [string, number] {
  const ch = s[start];
  let key: string;
  let end: number;
  if (ch === '"') [key, end] = readDoubleQuoted(s, start);
  else if (ch === "'") [key, end] = readSingleQuoted(s, start);
  else {
    [key, end] = readFlowPlain(s, start);
    if (!isPlainKey(key)) bail();
  }
  if (s[end] !== ":" || s[end + 1] !== " ") bail();
  return [key, end + 2];
}

function readFlowMap(s: string, start: number): [Record<string, unknown>, number] {
  const out: Record<string, unknown> = {};
  let i = skipSpaces(s, start + 1);
  if (s[i] === "}") return [out, i + 1];
  for (;;) {
    const [key, afterKey] = readFlowKey(s, i);
    if (Object.hasOwn(out, key)) bail();
    const valueStart = skipSpaces(s, afterKey);
    if (s[valueStart] === "," || s[valueStart] === "}") bail(); // empty value
    const [value, end] = readFlowValue(s, valueStart);
    out[key] = value;
    i = skipSpaces(s, end);
    const ch = s[i];
    if (ch === ",") {
      i = skipSpaces(s, i + 1);
      if (s[i] === "}") bail();
      continue;
    }
    if (ch === "}") return [out, i + 1];
    bail();
  }
}

// ---------------------------------------------------------------- block structure

/** Value text after `key:` or `- ` on one line (leading spaces allowed). */
function parseInlineValue(raw: string): unknown {
  const i = skipSpaces(raw, 0);
  const ch = raw[i];
  if (ch === '"') {
    const [value, end] = readDoubleQuoted(raw, i);
    expectLineEnd(raw, end);
    return value;
  }
  if (ch === "'") {
    const [value, end] = readSingleQuoted(raw, i);
    expectLineEnd(raw, end);
    return value;
  }
  if (ch === "[" || ch === "{") {
    const [value, end] = ch === "[" ? readFlowSeq(raw, i) : readFlowMap(raw, i);
    expectLineEnd(raw, end);
    return value;
  }
  if (ch === undefined || INDICATOR_START.has(ch)) bail();
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
      const [key, rest] = splitKey(text);
      if (Object.hasOwn(out, key)) bail(); // duplicate key: let yaml report it
      this.pos += 1;
      if (isBlankOrComment(rest)) {
        out[key] = this.parseNested(indent, true);
      } else {
        out[key] = parseInlineValue(rest);
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
        bail(); // `- - x`
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

function isBlankOrComment(rest: string): boolean {
  const i = skipSpaces(rest, 0);
  return i === rest.length || (rest[i] === "#" && i > 0);
}

/** Splits `key: rest` (rest may be empty); bails when the line is not a simple mapping entry. */
function splitKey(text: string): [string, string] {
  const ch = text[0];
  if (ch === '"' || ch === "'") {
    const [key, end] = ch === '"' ? readDoubleQuoted(text, 0) : readSingleQuoted(text, 0);
    if (text[end] !== ":" || (end + 1 < text.length && text[end + 1] !== " ")) bail();
    if (key === "__proto__") bail();
    return [key, text.slice(end + 1)];
  }
  let colon = text.indexOf(":");
  while (colon !== -1 && colon + 1 < text.length && text[colon + 1] !== " ")
    colon = text.indexOf(":", colon + 1);
  if (colon === -1) bail();
  const key = text.slice(0, colon).trimEnd();
  if (!isPlainKey(key)) bail();
  return [key, text.slice(colon + 1)];
}

function looksLikeMapEntry(text: string): boolean {
  const ch = text[0];
  if (ch === '"' || ch === "'") {
    const [, end] = ch === '"' ? readDoubleQuoted(text, 0) : readSingleQuoted(text, 0);
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
  if (REFUSED_CHARS.test(text)) return undefined;
  const lines = text.split("\n");
  const indents: number[] = [];
  const texts: string[] = [];
  for (const line of lines) {
    let i = 0;
    while (i < line.length && line.charCodeAt(i) === 32) i += 1;
    if (i === line.length) continue;
    const first = line.charCodeAt(i);
    if (first === 35 /* # */) continue;
    if (i === 0 && (first === 37 /* % */ || line.startsWith("---") || line.startsWith("...")))
      return undefined;
    indents.push(i);
    texts.push(i === 0 ? line : line.slice(i));
  }
  try {
    return { value: new BlockParser(indents, texts).parseDocument() };
  } catch (error) {
    if (error === UNSUPPORTED) return undefined;
    throw error;
  }
}
