import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { ArtifactError } from "./errors.js";
import { parseArtifactUri } from "./uri.js";

/** What a version file says about its artifact; the sha256 is the artifact's identity. */
export interface ArtifactRef {
  uri: string;
  sha256: string;
  size: number;
}

/** Reads repo files at the revision being deployed (a RegistrySource satisfies this). */
export interface RepoFileReader {
  readFile(path: string): Promise<Buffer>;
}

export interface ArtifactCacheOptions {
  /** Folder of the content-addressed cache; files are stored as `<dir>/sha256/<hex>`. */
  dir: string;
  /** Largest artifact accepted, in bytes (default 100 MiB, like `artifacts.max_size_bytes`). */
  maxBytes?: number;
  /** Timeout of one HTTP attempt, headers and body together (default 30 s). */
  timeoutMs?: number;
  /** Attempts after the first for transient HTTP failures (default 3). */
  retries?: number;
  /** Base of the exponential backoff between attempts (default 250 ms, with full jitter). */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  fetch?: typeof fetch;
}

export interface EnsuredArtifact {
  path: string;
  /** False when the artifact was already in the cache. */
  fetched: boolean;
}

const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

/**
 * A content-addressed artifact cache. An artifact enters the cache only after its sha256 and size match
 * what Git says, and it enters by rename, so a crash never leaves a half-written file under a valid name.
 */
export class ArtifactCache {
  private readonly inFlight = new Map<string, Promise<EnsuredArtifact>>();
  private readonly maxBytes: number;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ArtifactCacheOptions) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 3;
    this.backoffMs = options.backoffMs ?? 250;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.fetchImpl = options.fetch ?? fetch;
  }

  pathFor(sha256: string): string {
    return join(this.options.dir, "sha256", sha256);
  }

  /** Makes the artifact available in the cache and returns its path; concurrent calls share one fetch. */
  ensure(ref: ArtifactRef, repo: RepoFileReader): Promise<EnsuredArtifact> {
    const key = ref.sha256;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const work = this.ensureUncached(ref, repo).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  /** Re-hashes a cached file; false when it is missing or was changed on disk after it was verified. */
  async verify(sha256: string): Promise<boolean> {
    try {
      return (await hashFile(this.pathFor(sha256))) === sha256;
    } catch {
      return false;
    }
  }

  private async ensureUncached(ref: ArtifactRef, repo: RepoFileReader): Promise<EnsuredArtifact> {
    if (!/^[0-9a-f]{64}$/.test(ref.sha256)) {
      throw new ArtifactError(
        "ArtifactUriRejected",
        `artifact sha256 ${ref.sha256} is not 64 lowercase hex characters`,
        false,
      );
    }
    if (ref.size > this.maxBytes) {
      throw new ArtifactError(
        "ArtifactTooLarge",
        `artifact ${ref.uri} declares ${ref.size} bytes, over the limit of ${this.maxBytes}`,
        false,
      );
    }
    const target = this.pathFor(ref.sha256);
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isFile() && existing.size === ref.size) return { path: target, fetched: false };

    const parsed = parseArtifactUri(ref.uri);
    await mkdir(join(this.options.dir, "sha256"), { recursive: true });
    if (parsed.kind === "file") {
      let bytes: Buffer;
      try {
        bytes = await repo.readFile(parsed.path);
      } catch (error) {
        throw new ArtifactError(
          "ArtifactNotFound",
          `artifact ${ref.uri} is not in the registry repo at this revision`,
          false,
          { cause: error },
        );
      }
      if (bytes.length > this.maxBytes) {
        throw new ArtifactError(
          "ArtifactTooLarge",
          `artifact ${ref.uri} is ${bytes.length} bytes, over the limit of ${this.maxBytes}`,
          false,
        );
      }
      await this.commit(ref, bytes.length, createHash("sha256").update(bytes).digest("hex"), async (temp) => {
        const handle = await open(temp, "w");
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
      });
      return { path: target, fetched: true };
    }
    await this.downloadWithRetries(ref, parsed.url);
    return { path: target, fetched: true };
  }

  private async downloadWithRetries(ref: ArtifactRef, url: URL): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.downloadOnce(ref, url);
        return;
      } catch (error) {
        const transient = error instanceof ArtifactError ? error.transient : true;
        if (!transient || attempt >= this.retries) {
          if (error instanceof ArtifactError) throw error;
          throw new ArtifactError(
            "ArtifactFetchFailed",
            `fetching ${ref.uri} failed: ${String(error)}`,
            true,
            { cause: error },
          );
        }
        // Full jitter: spreads retries of many engines hitting one store after an outage.
        await this.sleep(Math.round(this.random() * this.backoffMs * 2 ** attempt));
      }
    }
  }

  private async downloadOnce(ref: ArtifactRef, url: URL): Promise<void> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    try {
      response = await this.fetchImpl(url, { signal, redirect: "follow" });
    } catch (error) {
      throw new ArtifactError(
        "ArtifactFetchFailed",
        `fetching ${ref.uri} failed: ${describeFetchError(error)}`,
        true,
        { cause: error },
      );
    }
    if (response.status === 404 || response.status === 410) {
      throw new ArtifactError("ArtifactNotFound", `artifact ${ref.uri} answered ${response.status}`, false);
    }
    if (!response.ok || !response.body) {
      const transient = response.status >= 500 || response.status === 429 || response.status === 408;
      throw new ArtifactError(
        "ArtifactFetchFailed",
        `artifact ${ref.uri} answered HTTP ${response.status}`,
        transient,
      );
    }
    const declared = Number(response.headers.get("content-length") ?? Number.NaN);
    if (Number.isFinite(declared) && declared > this.maxBytes) {
      await response.body.cancel();
      throw new ArtifactError(
        "ArtifactTooLarge",
        `artifact ${ref.uri} is ${declared} bytes, over the limit of ${this.maxBytes}`,
        false,
      );
    }
    const hash = createHash("sha256");
    let received = 0;
    await this.commit(
      ref,
      () => received,
      () => hash.digest("hex"),
      async (temp) => {
        const handle = await open(temp, "w");
        try {
          const reader = response.body!.getReader();
          for (;;) {
            const chunk = await reader.read().catch((error: unknown) => {
              throw new ArtifactError(
                "ArtifactFetchFailed",
                `download of ${ref.uri} broke off: ${describeFetchError(error)}`,
                true,
                { cause: error },
              );
            });
            if (chunk.done) break;
            received += chunk.value.length;
            if (received > this.maxBytes) {
              await reader.cancel();
              throw new ArtifactError(
                "ArtifactTooLarge",
                `artifact ${ref.uri} exceeded the limit of ${this.maxBytes} bytes while downloading`,
                false,
              );
            }
            hash.update(chunk.value);
            await handle.write(chunk.value);
          }
          await handle.sync();
        } finally {
          await handle.close();
        }
      },
    );
  }

  /** Writes to a temp file, checks size and digest, then renames into the cache. */
  private async commit(
    ref: ArtifactRef,
    size: number | (() => number),
    digest: string | (() => string),
    write: (temp: string) => Promise<void>,
  ): Promise<void> {
    // The suffix keeps concurrent writers (several engines on one cache folder) apart.
    const suffix = Math.floor(this.random() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, "0");
    const temp = join(this.options.dir, "sha256", `.${ref.sha256}.${suffix}.partial`);
    try {
      try {
        await write(temp);
      } catch (error) {
        if (isNoSpace(error)) {
          throw new ArtifactError(
            "ArtifactCacheFull",
            `no space left in the artifact cache ${this.options.dir} for ${ref.uri}`,
            true,
            { cause: error },
          );
        }
        throw error;
      }
      const actualSize = typeof size === "number" ? size : size();
      const actualDigest = typeof digest === "string" ? digest : digest();
      if (actualDigest !== ref.sha256) {
        throw new ArtifactError(
          "ArtifactChecksumMismatch",
          `artifact ${ref.uri} has sha256 ${actualDigest}, but the version file says ${ref.sha256}`,
          false,
        );
      }
      if (actualSize !== ref.size) {
        throw new ArtifactError(
          "ArtifactSizeMismatch",
          `artifact ${ref.uri} is ${actualSize} bytes, but the version file says ${ref.size}`,
          false,
        );
      }
      await rename(temp, this.pathFor(ref.sha256));
    } finally {
      await rm(temp, { force: true });
    }
  }
}

function isNoSpace(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "ENOSPC";
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError" || error.name === "AbortError") return "timed out";
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}

export async function hashFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
