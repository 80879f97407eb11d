import type { Document, LineCounter, Node } from "yaml";
import type { Position, SourcePositions } from "../types.js";
import { yamlLib } from "./yaml-lib.js";

/** Splits a JSON pointer ("/a/0/b") into unescaped segments. */
export function splitPointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Builds a JSON pointer from segments. */
export function joinPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** Finds positions of JSON pointers in a parsed YAML document. */
export class DocumentPositions implements SourcePositions {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Where the value at `pointer` starts (the key when the value is empty); nearest parent if absent. */
  locate(pointer: string): Position {
    return this.find(pointer, false);
  }

  /** Where the key of the last pointer segment is (for "unknown key" and friends). */
  locateKey(pointer: string): Position {
    return this.find(pointer, true);
  }

  private find(pointer: string, wantKey: boolean): Position {
    const { isMap, isPair, isScalar, isSeq } = yamlLib();
    let node: unknown = this.doc.contents;
    let offset = rangeStart(node) ?? 0;
    const segments = splitPointer(pointer);
    for (let i = 0; i < segments.length; i += 1) {
      const segment = segments[i]!;
      const last = i === segments.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyString(p.key) === segment);
        if (!pair) break;
        const keyStart = rangeStart(pair.key);
        const valueStart = rangeStart(pair.value);
        if (last && wantKey && keyStart !== undefined) return this.at(keyStart);
        if (
          valueStart === undefined ||
          (isScalar(pair.value) && pair.value.value === null && pair.value.source === "")
        ) {
          if (keyStart !== undefined) offset = keyStart;
          break;
        }
        offset = valueStart;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        const start = rangeStart(item);
        if (!/^\d+$/.test(segment) || start === undefined) break;
        offset = start;
        node = item;
      } else break;
    }
    return this.at(offset);
  }

  private at(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

function keyString(key: unknown): string | undefined {
  if (yamlLib().isScalar(key)) return String(key.value);
  return undefined;
}

/** Parses the text into a Document with a LineCounter the first time a position is asked for. */
export class LazyPositions implements SourcePositions {
  private resolved: DocumentPositions | undefined;

  private readonly text: string | undefined;
  private readonly bytes: ArrayBufferLike | undefined;
  private readonly offset: number;
  private readonly length: number;

  /**
   * Keeps the file's bytes rather than its text when given a Buffer: only the underlying ArrayBuffer
   * (shared by every file of one read chunk, off the JS heap) and offsets, not a view object per file.
   */
  constructor(source: string | Buffer) {
    if (typeof source === "string") {
      this.text = source;
      this.offset = 0;
      this.length = source.length;
    } else {
      this.bytes = source.buffer;
      this.offset = source.byteOffset;
      this.length = source.byteLength;
    }
  }

  private get positions(): DocumentPositions {
    if (!this.resolved) {
      const { LineCounter, parseDocument } = yamlLib();
      const lineCounter = new LineCounter();
      const doc = parseDocument(this.source(), { lineCounter, uniqueKeys: false, prettyErrors: false });
      this.resolved = new DocumentPositions(doc, lineCounter);
    }
    return this.resolved;
  }

  private source(): string {
    return this.text ?? Buffer.from(this.bytes!, this.offset, this.length).toString("utf8");
  }

  locate(pointer: string): Position {
    return (
      (this.resolved ? undefined : topLevelValue(this.source(), pointer)) ?? this.positions.locate(pointer)
    );
  }

  locateKey(pointer: string): Position {
    return this.positions.locateKey(pointer);
  }
}

/** Positions for a file that has no usable document (unreadable, not YAML): everything is 1:1. */
export const wholeFilePositions: SourcePositions & { locateKey(pointer: string): Position } = {
  locate: () => ({ line: 1, column: 1 }),
  locateKey: () => ({ line: 1, column: 1 }),
};

export type KeyAwarePositions = SourcePositions & { locateKey(pointer: string): Position };

const TOP_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const KEYWORDS = new Set(["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"]);

/**
 * Where the value of a top-level key starts, found in the text without a Document, for a text the fast
 * subset parser accepted (block style, no multi-line scalars or flow collections, no duplicate keys, no
 * tabs, CRs or document markers): there a line starting with `key:` is that key of the root mapping.
 * Only for a plain key and a value that starts on the key's line with a character that begins a plain
 * or quoted scalar or a flow collection; undefined otherwise (the Document answers).
 *
 * Why: the change set asks for the line of `/version` of an added version file; a Document for it
 * means loading `yaml` (about 30 ms) in a check that otherwise needs it for nothing.
 */
export function topLevelValue(text: string, pointer: string): Position | undefined {
  if (pointer.charCodeAt(0) !== 47 /* / */ || pointer.indexOf("/", 1) !== -1) return undefined;
  const key = pointer.slice(1);
  if (!TOP_KEY.test(key) || KEYWORDS.has(key)) return undefined;
  const head = `${key}:`;
  let at: number;
  if (text.startsWith(head)) at = 0;
  else {
    at = text.indexOf(`\n${head}`);
    if (at === -1) return undefined;
    at += 1;
  }
  let p = at + head.length;
  if (text.charCodeAt(p) !== 32) return undefined;
  while (text.charCodeAt(p) === 32) p++;
  const c = text.charCodeAt(p);
  const next = text.charCodeAt(p + 1);
  const isAlnum = (x: number): boolean =>
    (x >= 48 && x <= 57) || (x >= 65 && x <= 90) || (x >= 97 && x <= 122);
  const starts =
    isAlnum(c) ||
    c === 34 /* " */ ||
    c === 39 /* ' */ ||
    c === 91 /* [ */ ||
    c === 123 /* { */ ||
    ((c === 45 /* - */ || c === 43 /* + */ || c === 46) /* . */ && next >= 48 && next <= 57);
  if (!starts) return undefined;
  let line = 1;
  for (let q = text.indexOf("\n"); q !== -1 && q < at; q = text.indexOf("\n", q + 1)) line++;
  return { line, column: p - at + 1 };
}
