/**
 * One pass over an environment file's text that finds its `models:` entries: where each starts and
 * ends, on which line its key is, and where the top-level keys after `models` start.
 *
 * Why: a 10,000-model environment file has 30,000 lines. The check cut it into per-model blocks,
 * looked up key lines and blanked unloaded entries with three separate `split("\n")` passes and a
 * regular expression per line; this walks the text once with indexOf and character tests, runs the
 * key expression only on key lines, and allocates nothing per line. Its rules are exactly those of
 * the line-by-line versions it replaced (property tests in engine/test/gate/base-state.test.ts):
 *
 * - a line is blank or a comment when, without its leading whitespace (String#trimStart), it is
 *   empty or starts with `#`; such lines are skipped;
 * - the first other line after `models:` sets the entry indent; a line at that indent must be a plain
 *   key alone on its line (`name:`, `"name":`, `'name':`, a comment may follow), names unique; deeper
 *   lines belong to the entry above; a line at column 0 ends the block (top-level keys follow);
 * - anything else (anchors, aliases, merge keys, flow `models`, a flow value on a key line, uneven
 *   indentation, a deeper line before the first key) is not this plain style: the scan gives up.
 */

/** Entries of an environment file's `models:` block, by offsets into `text`. */
export interface EnvironmentScan {
  readonly text: string;
  /** Index (0-based) and start offset of the `models:` line. */
  readonly modelsLine: number;
  readonly modelsOffset: number;
  /** Per entry, in file order: its name, the offset where its key line starts, the offset just after
   * its last line that is not blank or a comment, and its key line's index. */
  readonly names: readonly string[];
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly keyLines: readonly number[];
  /** Entry index by name. */
  readonly byName: ReadonlyMap<string, number>;
  /** Start offset and index of the first top-level line after the block; undefined: none. */
  readonly restOffset: number | undefined;
  readonly restLine: number | undefined;
  /** Index of the text's last line (the number of "\n" in it). */
  readonly lastLine: number;
  /** Whether a comment line at column 0 lies inside the block (after the first entry). */
  readonly columnZeroComment: boolean;
}

const MODELS_LINE = /^models:\s*(#.*)?$/;
const KEY_LINE = /^\s*("([^"]+)"|'([^']+)'|([A-Za-z0-9_.-]+))\s*:\s*(#.*)?$/;
const ANCHOR_OR_ALIAS = /(^|\s)[&*][A-Za-z0-9_-]+/;

/** Anchors, aliases or merge keys anywhere in the text (the plain style has none). */
export function hasAnchorsOrMerges(text: string): boolean {
  // The expression is a scan of the whole text; most files have neither character at all.
  if (text.includes("<<:")) return true;
  if (!text.includes("&") && !text.includes("*")) return false;
  return ANCHOR_OR_ALIAS.test(text);
}

/** The name of a key line (KEY_LINE), or undefined when the line is not one. */
function keyOf(line: string): string | undefined {
  const key = KEY_LINE.exec(line);
  return key?.[2] ?? key?.[3] ?? key?.[4];
}

/**
 * The common key line, `<indent>name:` and nothing after the colon, read with character tests (what
 * KEY_LINE's plain-name branch matches there); undefined for any other line (then KEY_LINE decides).
 * Why: the expression on 10,000 key lines, each sliced out first, was about a third of a scan.
 */
function plainKey(text: string, from: number, end: number): string | undefined {
  if (end - from < 2 || text.charCodeAt(end - 1) !== 58 /* : */) return undefined;
  for (let p = from; p < end - 1; p++) {
    const c = text.charCodeAt(p);
    const ok =
      (c >= 97 && c <= 122) || // a-z
      (c >= 65 && c <= 90) || // A-Z
      (c >= 48 && c <= 57) || // 0-9
      c === 95 /* _ */ ||
      c === 46 /* . */ ||
      c === 45; /* - */
    if (!ok) return undefined;
  }
  return text.slice(from, end - 1);
}

/** Where the `models:` line is (the first line matching MODELS_LINE), or undefined. */
function findModelsLine(text: string): { line: number; offset: number; end: number } | undefined {
  let from = 0;
  for (;;) {
    const at = text.indexOf("models:", from);
    if (at === -1) return undefined;
    from = at + 1;
    if (at !== 0 && text.charCodeAt(at - 1) !== 10) continue;
    let end = text.indexOf("\n", at);
    if (end === -1) end = text.length;
    if (!MODELS_LINE.test(text.slice(at, end))) continue;
    let line = 0;
    for (let p = text.indexOf("\n"); p !== -1 && p < at; p = text.indexOf("\n", p + 1)) line++;
    return { line, offset: at, end };
  }
}

/** Scans `text` (see the module comment); undefined when it is not in the plain block style. */
export function scanEnvironment(text: string): EnvironmentScan | undefined {
  if (hasAnchorsOrMerges(text)) return undefined;
  const models = findModelsLine(text);
  if (!models) return undefined;
  const names: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const keyLines: number[] = [];
  const byName = new Map<string, number>();
  let indent = -1;
  let restOffset: number | undefined;
  let restLine: number | undefined;
  let columnZeroComment = false;
  let line = models.line;
  let lastEnd = 0;
  let s = models.end + 1;
  if (models.end < text.length) {
    for (;;) {
      line++;
      let e = text.indexOf("\n", s);
      if (e === -1) e = text.length;
      // Leading spaces by hand; any other leading character below space or beyond ASCII may be
      // whitespace to trimStart, so such a line takes the general (slice + trimStart) path.
      let p = s;
      while (p < e && text.charCodeAt(p) === 32) p++;
      const c = p < e ? text.charCodeAt(p) : -1;
      let lead: number;
      let skip: boolean;
      if (c === -1) {
        lead = p - s;
        skip = true;
      } else if (c > 32 && c < 127) {
        lead = p - s;
        skip = c === 35; // '#'
      } else {
        const raw = text.slice(s, e);
        const trimmed = raw.trimStart();
        lead = raw.length - trimmed.length;
        skip = trimmed === "" || trimmed.startsWith("#");
      }
      if (skip) {
        if (lead === 0 && c === 35 && names.length > 0) columnZeroComment = true;
      } else if (lead === 0) {
        restOffset = s;
        restLine = line;
        break;
      } else {
        if (indent === -1) indent = lead;
        if (lead === indent) {
          const name = plainKey(text, s + lead, e) ?? keyOf(text.slice(s, e));
          if (name === undefined || byName.has(name)) return undefined; // a flow value on the key line, or odd YAML
          if (names.length > 0) ends.push(lastEnd);
          byName.set(name, names.length);
          names.push(name);
          starts.push(s);
          keyLines.push(line);
          lastEnd = e;
        } else if (lead > indent && names.length > 0) {
          lastEnd = e;
        } else {
          return undefined;
        }
      }
      if (e >= text.length) break;
      s = e + 1;
    }
  }
  if (names.length > 0) ends.push(lastEnd);
  let lastLine = line;
  if (restOffset !== undefined)
    for (let q = text.indexOf("\n", restOffset); q !== -1; q = text.indexOf("\n", q + 1)) lastLine++;
  return {
    text,
    modelsLine: models.line,
    modelsOffset: models.offset,
    names,
    starts,
    ends,
    keyLines,
    byName,
    restOffset,
    restLine,
    lastLine,
    columnZeroComment,
  };
}

/** Where entry `i`'s lines end: the next entry's key line, the top-level keys after the block, or EOF. */
export function entryRegionEnd(scan: EnvironmentScan, i: number): number {
  return scan.starts[i + 1] ?? scan.restOffset ?? scan.text.length;
}

/**
 * The text with the lines of the entries not in `keep` blanked (every line kept, so positions are
 * those of the whole file): lines of a dropped entry become empty, except comment lines at column 0
 * (they are not inside the entry to YAML). Undefined when no entry would be kept.
 */
export function keepEntries(scan: EnvironmentScan, keep: ReadonlySet<string>): string | undefined {
  const { text, names, starts, keyLines } = scan;
  const out: string[] = [];
  let cursor = 0; // text before this offset is in `out`
  let newlines = 0; // the line ends of blanked lines not yet in `out`
  let kept = 0;
  const flush = (): void => {
    if (newlines > 0) out.push("\n".repeat(newlines));
    newlines = 0;
  };
  for (let i = 0; i < names.length; i++) {
    if (keep.has(names[i]!)) {
      kept++;
      continue;
    }
    const start = starts[i]!;
    if (start > cursor) {
      flush();
      out.push(text.slice(cursor, start));
    }
    const end = entryRegionEnd(scan, i);
    if (scan.columnZeroComment) {
      // Rare: keep the region's comments at column 0, blank its other lines.
      flush();
      const lines = text.slice(start, end).split("\n");
      out.push(lines.map((l) => (l.startsWith("#") ? l : "")).join("\n"));
    } else {
      // Every line blanked: only the region's line ends remain.
      const endLine = keyLines[i + 1] ?? scan.restLine ?? scan.lastLine;
      newlines += endLine - keyLines[i]!;
    }
    cursor = end;
  }
  if (kept === 0) return undefined;
  flush();
  out.push(text.slice(cursor));
  return out.join("");
}
