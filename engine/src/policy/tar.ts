import { gunzipSync } from "node:zlib";

const BLOCK = 512;

/**
 * Returns the contents of one regular file from a .tar.gz (what `opa build` writes), or undefined.
 * Reads ustar/GNU/PAX headers (long names via PAX `path` or GNU `L` records); enough for OPA bundles.
 */
export function readTarGzEntry(archive: Uint8Array, wanted: string): Buffer | undefined {
  return readTarEntry(gunzipSync(archive), wanted);
}

export function readTarEntry(tar: Buffer, wanted: string): Buffer | undefined {
  const target = normalizeName(wanted);
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) return undefined; // end-of-archive marker
    if (!checksumMatches(header)) {
      throw new Error(`corrupt tar header at byte ${offset}`);
    }
    const size = readNumber(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] ?? 0);
    const dataStart = offset + BLOCK;
    const data = tar.subarray(dataStart, dataStart + size);
    if (data.length !== size) throw new Error(`truncated tar entry at byte ${offset}`);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    if (type === "x") {
      longName = paxPath(data) ?? longName;
      continue;
    }
    if (type === "L") {
      longName = cString(data);
      continue;
    }
    if (type === "g") continue; // global PAX header
    let name = longName;
    longName = undefined;
    if (name === undefined) {
      name = cString(header.subarray(0, 100));
      const magic = header.subarray(257, 262).toString("latin1");
      const prefix = magic === "ustar" ? cString(header.subarray(345, 500)) : "";
      if (prefix !== "") name = `${prefix}/${name}`;
    }
    const regular = type === "0" || type === "\0" || type === "7";
    if (regular && normalizeName(name) === target) return Buffer.from(data);
  }
  return undefined;
}

function normalizeName(name: string): string {
  return name.replace(/^(\.?\/)+/, "");
}

function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString("utf8");
}

/** Octal (space/NUL padded) or, for large values, GNU base-256. */
function readNumber(field: Buffer): number {
  if (((field[0] ?? 0) & 0x80) !== 0) {
    let value = (field[0] ?? 0) & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] ?? 0);
    return value;
  }
  const text = field
    .toString("latin1")
    .replace(/[\0 ]+$/g, "")
    .trim();
  return text === "" ? 0 : parseInt(text, 8);
}

function checksumMatches(header: Buffer): boolean {
  const stored = readNumber(header.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (header[i] ?? 0);
  return sum === stored;
}

/** PAX records are "<len> <key>=<value>\n". */
function paxPath(data: Buffer): string | undefined {
  let offset = 0;
  let path: string | undefined;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space === -1) break;
    const length = parseInt(data.subarray(offset, space).toString("latin1"), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = data.subarray(space + 1, offset + length - 1).toString("utf8");
    const eq = record.indexOf("=");
    if (eq !== -1 && record.slice(0, eq) === "path") path = record.slice(eq + 1);
    offset += length;
  }
  return path;
}
