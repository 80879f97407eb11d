import type { IncomingMessage } from "node:http";

/** An error with the HTTP status it maps to; the message is safe to show to the client. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Reads a request body up to `limit` bytes; a larger one is a 413 (checked before reading when declared). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(
      new HttpError(413, `request body of ${declared} bytes is larger than the limit of ${limit} bytes`),
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new HttpError(413, `request body is larger than the limit of ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!failed) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.on("error", (error) => {
      if (!failed) reject(new HttpError(400, `request body could not be read: ${error.message}`));
      failed = true;
    });
    req.on("aborted", () => {
      if (!failed) reject(new HttpError(400, "request aborted by the client"));
      failed = true;
    });
  });
}

/**
 * JSON.parse, and on failure a second try that accepts the bare NaN, Infinity and -Infinity tokens that
 * Python's json module writes: they become the strings "NaN", "Infinity", "-Infinity", which request
 * validation turns back into numbers (and then checks against the contract).
 */
export function parseJsonLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!/NaN|Infinity/.test(text)) throw error;
    return JSON.parse(quoteNonFinite(text));
  }
}

function quoteNonFinite(text: string): string {
  let out = "";
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    for (const token of ["-Infinity", "Infinity", "NaN"]) {
      if (text.startsWith(token, i)) {
        out += `${text.slice(last, i)}"${token}"`;
        i += token.length - 1;
        last = i + 1;
        break;
      }
    }
  }
  return out + text.slice(last);
}
