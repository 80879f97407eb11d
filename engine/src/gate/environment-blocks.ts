/**
 * Environment files as per-model text blocks, for the check's partial loads: which entries differ
 * between two texts, the blocks of some models, and line numbers of model entries without a YAML
 * position map. Built on one scan per text (registry/yaml/environment-scan.ts).
 */
import type { Sourced } from "../registry/types.js";
import { scanEnvironment, entryRegionEnd, type EnvironmentScan } from "../registry/yaml/environment-scan.js";

export type { EnvironmentScan } from "../registry/yaml/environment-scan.js";
export { scanEnvironment } from "../registry/yaml/environment-scan.js";

/** The scan of an environment file that does not exist (added or deleted at one side). */
export const EMPTY_SCAN: EnvironmentScan = scanEnvironment("models:\n")!;

/** The lines before `models:` and those from the first top-level key after it, joined by "\n". */
export function headerOf(scan: EnvironmentScan): string {
  const parts: string[] = [];
  if (scan.modelsLine > 0) parts.push(scan.text.slice(0, scan.modelsOffset - 1));
  if (scan.restOffset !== undefined) parts.push(scan.text.slice(scan.restOffset));
  return parts.join("\n");
}

/**
 * The text of a file with only the entries of `models` (in file order): its header, `models:` and
 * those blocks. What the check parses of an environment file it does not validate.
 */
export function entriesText(scan: EnvironmentScan, models: Iterable<string>): string {
  const indices: number[] = [];
  for (const model of models) {
    const i = scan.byName.get(model);
    if (i !== undefined) indices.push(i);
  }
  indices.sort((a, b) => a - b);
  const blocks = indices.map((i) => scan.text.slice(scan.starts[i], scan.ends[i]));
  return `${headerOf(scan)}\nmodels:\n${blocks.join("\n")}\n`;
}

/**
 * Splits an environment file's `models:` block mapping into one text block per model, or undefined
 * when the file is not in the plain block style this relies on (then the caller parses it whole).
 */
export function splitModelBlocks(text: string): { header: string; blocks: Map<string, string> } | undefined {
  const scan = scanEnvironment(text);
  if (!scan) return undefined;
  const blocks = new Map<string, string>();
  scan.names.forEach((name, i) => blocks.set(name, text.slice(scan.starts[i], scan.ends[i])));
  return { header: headerOf(scan), blocks };
}

const CHUNK = 4096;

const changed = new WeakMap<EnvironmentScan, WeakMap<EnvironmentScan, Set<string>>>();

/**
 * Models whose entry differs between two scans of one environment file (base `b`, head `a`): present
 * in one only, or with other text. Entries inside the texts' common prefix, or at the same distance
 * from the end inside their common suffix, are equal without a comparison (a change is usually one
 * place in a 10,000-entry file).
 */
export function changedEntries(b: EnvironmentScan, a: EnvironmentScan): Set<string> {
  let memo = changed.get(b);
  const known = memo?.get(a);
  if (known) return known;
  const bt = b.text;
  const at = a.text;
  const n = Math.min(bt.length, at.length);
  // Whole chunks first (a string comparison is a memory compare), then characters.
  let prefix = 0;
  while (prefix + CHUNK <= n && bt.slice(prefix, prefix + CHUNK) === at.slice(prefix, prefix + CHUNK))
    prefix += CHUNK;
  while (prefix < n && bt.charCodeAt(prefix) === at.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const room = n - prefix;
  while (
    suffix + CHUNK <= room &&
    bt.slice(bt.length - suffix - CHUNK, bt.length - suffix) ===
      at.slice(at.length - suffix - CHUNK, at.length - suffix)
  )
    suffix += CHUNK;
  while (suffix < room && bt.charCodeAt(bt.length - 1 - suffix) === at.charCodeAt(at.length - 1 - suffix))
    suffix++;
  const same = (i: number, j: number): boolean => {
    const bs = b.starts[i]!;
    const be = b.ends[i]!;
    const as = a.starts[j]!;
    const ae = a.ends[j]!;
    if (be - bs !== ae - as) return false;
    if (bs === as && be <= prefix) return true;
    if (bt.length - bs === at.length - as && bs >= bt.length - suffix) return true;
    return bt.slice(bs, be) === at.slice(as, ae);
  };
  // In file order of b, then a's new names (as the name maps iterate). An entry at the same index
  // with the same name is that name's entry in a (names are unique): no map lookup for it.
  const out = new Set<string>();
  const bn = b.names;
  const an = a.names;
  for (let i = 0; i < bn.length; i++) {
    const name = bn[i]!;
    const j = an[i] === name ? i : a.byName.get(name);
    if (j === undefined || !same(i, j)) out.add(name);
  }
  for (let j = 0; j < an.length; j++) {
    const name = an[j]!;
    if (bn[j] !== name && !b.byName.has(name)) out.add(name);
  }
  if (!memo) changed.set(b, (memo = new WeakMap()));
  memo.set(a, out);
  return out;
}

const POINTER = /^\/models\/([^/]+)(?:\/(traffic)\/(\d+)|\/(shadow))?(?:\/[^/]+)*$/;
const BLANK_OR_COMMENT = /^\s*(#.*)?$/;

/**
 * Line lookup for environment files without building a full YAML position map (which costs about a
 * second for a 10,000-model environment file): finds `/models/<m>`, `/models/<m>/traffic/<i>` and
 * `/models/<m>/shadow` in the text (deeper pointers resolve to the nearest of these); unusual
 * formatting goes to the original positions. With a scan, only the entry's own lines are looked at.
 */
export function fastEnvironmentPositions(
  text: string,
  original: Sourced<unknown>["positions"],
  scan: EnvironmentScan | undefined = undefined,
): Sourced<unknown>["positions"] {
  // Line terminators other than "\n" make a line-based comment test differ from the scan's rules:
  // such texts (and texts the scan refuses) take the line-by-line lookup.
  const scanned = (): EnvironmentScan | undefined =>
    text.includes("\r") || text.includes("\u2028") || text.includes("\u2029")
      ? undefined
      : (scan ?? scanEnvironment(text));
  let entries: EnvironmentScan | undefined | null = null;
  let byLine: ReturnType<typeof lineIndex> | null = null;
  return {
    locate(pointer: string) {
      const m = POINTER.exec(pointer);
      if (!m) return original.locate(pointer);
      const name = m[1]!.replace(/~1/g, "/").replace(/~0/g, "~");
      if (entries === null) entries = scanned();
      let lines: string[];
      let at: number;
      let first: number; // line index of lines[0]
      if (entries) {
        const k = entries.byName.get(name);
        if (k === undefined) return original.locate(pointer);
        lines = text.slice(entries.starts[k], entryRegionEnd(entries, k)).split("\n");
        at = 0;
        first = entries.keyLines[k]!;
      } else {
        if (byLine === null) byLine = lineIndex(text);
        const found = byLine?.models.get(name);
        if (!byLine || found === undefined) return original.locate(pointer);
        lines = byLine.lines;
        at = found;
        first = 0;
      }
      const found = locateInEntry(lines, at, m);
      return found ? { line: found.line + first, column: found.column } : original.locate(pointer);
    },
  };
}

/** Every line and each model key's line index, by the line-by-line rules (texts the scan refuses). */
function lineIndex(text: string): { lines: string[]; models: Map<string, number> } | undefined {
  if (/(^|\s)[&*][A-Za-z0-9_-]+/.test(text) || text.includes("<<:")) return undefined;
  const lines = text.split("\n");
  const models = new Map<string, number>();
  const start = lines.findIndex((l) => /^models:\s*(#.*)?$/.test(l));
  let indent: number | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (BLANK_OR_COMMENT.test(line)) continue;
    const lead = line.length - line.trimStart().length;
    if (lead === 0) break;
    indent ??= lead;
    if (lead < indent) return undefined;
    if (lead !== indent) continue;
    const key = /^\s*("([^"]+)"|'([^']+)'|([A-Za-z0-9_.-]+))\s*:/.exec(line);
    const name = key?.[2] ?? key?.[3] ?? key?.[4];
    if (name !== undefined) models.set(name, i);
  }
  return { lines, models };
}

/**
 * The position (1-based line relative to lines[0], column) of a pointer matched by POINTER whose model
 * key is lines[at], or undefined when the entry does not have it in the plain form.
 */
function locateInEntry(
  lines: readonly string[],
  at: number,
  m: RegExpExecArray,
): { line: number; column: number } | undefined {
  const keyLine = lines[at]!;
  const keyIndent = keyLine.length - keyLine.trimStart().length;
  let end = at + 1;
  while (end < lines.length) {
    const l = lines[end]!;
    if (!BLANK_OR_COMMENT.test(l) && l.length - l.trimStart().length <= keyIndent) break;
    end++;
  }
  const find = (re: RegExp): number | undefined => {
    for (let i = at + 1; i < end; i++) if (re.test(lines[i]!)) return i;
    return undefined;
  };
  if (m[4]) {
    const shadow = find(/^\s*shadow\s*:/);
    return shadow === undefined ? undefined : { line: shadow + 1, column: 1 };
  }
  if (m[2]) {
    const traffic = find(/^\s*traffic\s*:\s*(#.*)?$/);
    if (traffic === undefined) return undefined;
    let item = -1;
    let itemIndent: number | undefined;
    for (let i = traffic + 1; i < end; i++) {
      const l = lines[i]!;
      if (BLANK_OR_COMMENT.test(l)) continue;
      const lead = l.length - l.trimStart().length;
      if (!l.trimStart().startsWith("- ")) {
        if (itemIndent === undefined || lead <= itemIndent) break;
        continue;
      }
      itemIndent ??= lead;
      if (lead !== itemIndent) continue;
      item++;
      if (item === Number(m[3])) return { line: i + 1, column: lead + 1 };
    }
    return undefined;
  }
  return { line: at + 1, column: keyIndent + 1 };
}
