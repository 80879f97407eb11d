/**
 * Environment-file scans (registry/yaml/environment-scan.ts) cached per blob sha, next to the base
 * stamps (`<cacheDir>/registry-stamps/scans/<sha>.json`).
 *
 * Why: a check scans the changed environment file at base and head and every other environment file
 * at head; on a 10,000-model registry each scan of 670 KB costs 10-15 ms of CPU in a fresh process
 * (V8 has not optimised the loop yet), restoring one from here about 2 ms. A blob's text never
 * changes, so neither does its scan. A cached scan must fit the text it is used for (its length,
 * ascending entries, each entry's name on its key line), else the text is scanned.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EnvironmentScan } from "../registry/yaml/environment-scan.js";

const FORMAT = 1;

interface StoredScan {
  format: number;
  length: number;
  modelsLine: number;
  modelsOffset: number;
  restOffset: number | null;
  restLine: number | null;
  lastLine: number;
  columnZeroComment: boolean;
  /** The entry names joined by "\n" (a name is on one line, so it has none). */
  names: string;
  /** starts, ends and keyLines, one Int32 each per entry, in that order, base64. */
  offsets: string;
}

function fileOf(dir: string, sha: string): string | undefined {
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha) ? join(dir, `${sha}.json`) : undefined;
}

/** The cached scan of blob `sha` whose text is `text`, or undefined (none, unreadable or not fitting). */
export async function readCachedScan(
  dir: string,
  sha: string,
  text: string,
): Promise<EnvironmentScan | undefined> {
  const file = fileOf(dir, sha);
  if (!file) return undefined;
  let stored: StoredScan;
  try {
    stored = JSON.parse(await readFile(file, "utf8")) as StoredScan;
  } catch {
    return undefined;
  }
  if (stored.format !== FORMAT || stored.length !== text.length || typeof stored.names !== "string")
    return undefined;
  const names = stored.names === "" ? [] : stored.names.split("\n");
  const raw = Buffer.from(String(stored.offsets), "base64");
  const n = names.length;
  if (raw.length !== n * 12) return undefined;
  const all = new Int32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length));
  const starts = Array.from(all.subarray(0, n));
  const ends = Array.from(all.subarray(n, 2 * n));
  const keyLines = Array.from(all.subarray(2 * n));
  const byName = new Map<string, number>();
  let previous = stored.modelsOffset;
  for (let i = 0; i < n; i++) {
    const name = names[i]!;
    const start = starts[i]!;
    const keyEnd = text.indexOf("\n", start);
    const at = text.indexOf(name, start);
    if (
      start <= previous ||
      ends[i]! < start ||
      ends[i]! > text.length ||
      text.charCodeAt(start - 1) !== 10 ||
      at === -1 ||
      (keyEnd !== -1 && at + name.length > keyEnd) ||
      byName.has(name)
    )
      return undefined;
    previous = ends[i]!;
    byName.set(name, i);
  }
  return {
    text,
    modelsLine: stored.modelsLine,
    modelsOffset: stored.modelsOffset,
    names,
    starts,
    ends,
    keyLines,
    byName,
    restOffset: stored.restOffset ?? undefined,
    restLine: stored.restLine ?? undefined,
    lastLine: stored.lastLine,
    columnZeroComment: stored.columnZeroComment,
  };
}

/** Stores the scan of blob `sha`; a cache that cannot be written only costs the next check a scan. */
export async function writeCachedScan(dir: string, sha: string, scan: EnvironmentScan): Promise<void> {
  const file = fileOf(dir, sha);
  if (!file) return;
  const n = scan.names.length;
  const all = new Int32Array(3 * n);
  all.set(scan.starts, 0);
  all.set(scan.ends, n);
  all.set(scan.keyLines, 2 * n);
  const stored: StoredScan = {
    format: FORMAT,
    length: scan.text.length,
    modelsLine: scan.modelsLine,
    modelsOffset: scan.modelsOffset,
    restOffset: scan.restOffset ?? null,
    restLine: scan.restLine ?? null,
    lastLine: scan.lastLine,
    columnZeroComment: scan.columnZeroComment,
    names: scan.names.join("\n"),
    offsets: Buffer.from(all.buffer).toString("base64"),
  };
  try {
    await mkdir(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(stored));
    await rename(tmp, file);
  } catch {
    // see above
  }
}
