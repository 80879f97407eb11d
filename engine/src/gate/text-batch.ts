/**
 * Several `<rev>:<path>` blobs read as text by one `git cat-file --batch` process.
 *
 * Why: a check reads each changed environment file at base and head and every environment file at
 * head; one `git show` per text is one process each (a few ms of spawn in the parent, and wall time).
 */
import { spawn } from "node:child_process";

/**
 * The texts (and blob shas) of `names` (`<rev>:<path>`) that name a blob, decoded as UTF-8 exactly as `git show`'s
 * output is; names that are missing, not a blob, or that a batch line cannot carry are absent (the
 * caller reads those with `git show`). Rejects when git cannot run or fails.
 */
/** A blob's text and its sha. */
export interface BlobText {
  sha: string;
  text: string;
}

export function readBlobTexts(repoDir: string, names: readonly string[]): Promise<Map<string, BlobText>> {
  const asked = names.filter((n) => !/[\n\r]/.test(n));
  if (asked.length === 0) return Promise.resolve(new Map());
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["cat-file", "--batch"], { cwd: repoDir, stdio: ["pipe", "pipe", "ignore"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`git cat-file --batch exited ${code}`));
      try {
        resolve(parseBatch(Buffer.concat(chunks), asked));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    child.stdin.on("error", () => undefined); // reported through the exit code
    child.stdin.end(`${asked.join("\n")}\n`);
  });
}

/** `<sha> <type> <size>\n<content>\n` or `<name> missing\n` (also `ambiguous`) per name, in order. */
function parseBatch(raw: Buffer, names: readonly string[]): Map<string, BlobText> {
  const out = new Map<string, BlobText>();
  let offset = 0;
  for (const name of names) {
    const nl = raw.indexOf(10, offset);
    if (nl === -1) throw new Error("git cat-file --batch: output ends early");
    const header = raw.toString("utf8", offset, nl);
    offset = nl + 1;
    if (header.startsWith(`${name} `)) continue; // `<name> missing` or `<name> ambiguous`
    const [sha, type, size] = header.split(" ");
    const length = Number(size);
    if (!Number.isSafeInteger(length) || offset + length > raw.length)
      throw new Error(`git cat-file --batch: unexpected header ${header}`);
    if (type === "blob" && sha) out.set(name, { sha, text: raw.toString("utf8", offset, offset + length) });
    offset += length + 1;
  }
  return out;
}
