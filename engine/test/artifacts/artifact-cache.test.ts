import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ArtifactCache,
  ArtifactError,
  parseArtifactUri,
  type RepoFileReader,
} from "../../src/artifacts/index.js";

const payload = Buffer.from("pretend this is an ONNX model ".repeat(100));
const sha = createHash("sha256").update(payload).digest("hex");
const noRepo: RepoFileReader = { readFile: () => Promise.reject(new Error("no repo files in this test")) };

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let server: Server;
let base: string;
let handlers: Handler[] = [];
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits += 1;
    const handler = handlers.shift();
    if (!handler) {
      res.writeHead(500).end("no handler left");
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelgate-cache-"));
  handlers = [];
  hits = 0;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const serve: Handler = (_req, res) => {
  res.writeHead(200, { "content-length": String(payload.length) }).end(payload);
};
const fastCache = (extra: Partial<ConstructorParameters<typeof ArtifactCache>[0]> = {}) =>
  new ArtifactCache({ dir, sleep: () => Promise.resolve(), random: () => 0.5, timeoutMs: 2_000, ...extra });

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ArtifactError) return error.reason;
    throw error;
  }
  throw new Error("expected the promise to fail");
}

describe("ArtifactCache over http", () => {
  it("downloads, verifies and stores by sha256; a second ensure is a cache hit", async () => {
    handlers.push(serve);
    const cache = fastCache();
    const first = await cache.ensure({ uri: `${base}/m.onnx`, sha256: sha, size: payload.length }, noRepo);
    expect(first.fetched).toBe(true);
    expect(await readFile(first.path)).toEqual(payload);
    const second = await cache.ensure({ uri: `${base}/m.onnx`, sha256: sha, size: payload.length }, noRepo);
    expect(second.fetched).toBe(false);
    expect(hits).toBe(1);
    expect(await cache.verify(sha)).toBe(true);
  });

  it("retries a 503 and then succeeds", async () => {
    handlers.push((_q, res) => res.writeHead(503).end(), serve);
    const result = await fastCache().ensure(
      { uri: `${base}/m.onnx`, sha256: sha, size: payload.length },
      noRepo,
    );
    expect(result.fetched).toBe(true);
    expect(hits).toBe(2);
  });

  it("does not retry a 404 and reports ArtifactNotFound", async () => {
    handlers.push((_q, res) => res.writeHead(404).end());
    expect(
      await reason(fastCache().ensure({ uri: `${base}/x.onnx`, sha256: sha, size: payload.length }, noRepo)),
    ).toBe("ArtifactNotFound");
    expect(hits).toBe(1);
  });

  it("refuses content whose sha256 differs from the version file and leaves nothing in the cache", async () => {
    handlers.push((_q, res) => res.writeHead(200).end(Buffer.concat([payload, Buffer.from("tampered")])));
    const cache = fastCache();
    expect(
      await reason(cache.ensure({ uri: `${base}/m.onnx`, sha256: sha, size: payload.length }, noRepo)),
    ).toBe("ArtifactChecksumMismatch");
    expect(await cache.verify(sha)).toBe(false);
  });

  it("stops a download that grows past the size limit", async () => {
    handlers.push((_q, res) => {
      res.writeHead(200); // no content-length: the limit must hold while streaming
      res.end(Buffer.alloc(64 * 1024));
    });
    const cache = fastCache({ maxBytes: 10_000 });
    expect(await reason(cache.ensure({ uri: `${base}/big.onnx`, sha256: sha, size: 5_000 }, noRepo))).toBe(
      "ArtifactTooLarge",
    );
  });

  it("times out a server that never answers, retrying a bounded number of times", async () => {
    const stall: Handler = () => undefined; // keeps the socket open, never responds
    handlers.push(stall, stall);
    const cache = fastCache({ timeoutMs: 150, retries: 1 });
    const started = Date.now();
    expect(
      await reason(cache.ensure({ uri: `${base}/slow.onnx`, sha256: sha, size: payload.length }, noRepo)),
    ).toBe("ArtifactFetchFailed");
    expect(hits).toBe(2);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("shares one download between concurrent callers", async () => {
    handlers.push(serve);
    const cache = fastCache();
    const ref = { uri: `${base}/m.onnx`, sha256: sha, size: payload.length };
    const [a, b] = await Promise.all([cache.ensure(ref, noRepo), cache.ensure(ref, noRepo)]);
    expect(a.path).toBe(b.path);
    expect(hits).toBe(1);
  });
});

describe("ArtifactCache over file: URIs", () => {
  it("reads the artifact through the repo reader (the revision being deployed)", async () => {
    const repo: RepoFileReader = {
      readFile: (path) =>
        path === "artifacts/m.onnx" ? Promise.resolve(payload) : Promise.reject(new Error("missing")),
    };
    const result = await fastCache().ensure(
      { uri: "file:artifacts/m.onnx", sha256: sha, size: payload.length },
      repo,
    );
    expect(await readFile(result.path)).toEqual(payload);
  });

  it("reports a file that is not in the repo as ArtifactNotFound", async () => {
    expect(
      await reason(fastCache().ensure({ uri: "file:artifacts/none.onnx", sha256: sha, size: 1 }, noRepo)),
    ).toBe("ArtifactNotFound");
  });

  it("detects a cached file changed on disk after it was verified", async () => {
    const repo: RepoFileReader = { readFile: () => Promise.resolve(payload) };
    const cache = fastCache();
    const { path } = await cache.ensure({ uri: "file:a.onnx", sha256: sha, size: payload.length }, repo);
    await writeFile(path, "overwritten by hand");
    expect(await cache.verify(sha)).toBe(false);
  });
});

describe("ArtifactCache on a full disk", () => {
  it("reports ENOSPC as ArtifactCacheFull and leaves no partial file behind", async () => {
    // random() = 0.5 names the temp file `.<sha>.80000000.partial`; pointing that name at /dev/full makes
    // every write fail with a real ENOSPC from the kernel.
    await mkdir(join(dir, "sha256"), { recursive: true });
    await symlink("/dev/full", join(dir, "sha256", `.${sha}.80000000.partial`));
    const repo: RepoFileReader = { readFile: () => Promise.resolve(payload) };
    const cache = fastCache();
    const failure = cache.ensure({ uri: "file:a.onnx", sha256: sha, size: payload.length }, repo);
    await expect(failure).rejects.toMatchObject({ reason: "ArtifactCacheFull", transient: true });
    expect(await readdir(join(dir, "sha256"))).toEqual([]);
    expect(await cache.verify(sha)).toBe(false);
  });
});

describe("parseArtifactUri", () => {
  it.each([
    "file:../../etc/passwd",
    "file:/etc/passwd",
    "file:a/../../x",
    "ftp://host/x",
    "file:",
    "not a uri",
  ])("refuses %s", (uri) => {
    expect(() => parseArtifactUri(uri)).toThrow(ArtifactError);
  });

  it("normalizes a relative path inside the repo", () => {
    expect(parseArtifactUri("file:artifacts/./m/../m/model.onnx")).toEqual({
      kind: "file",
      path: "artifacts/m/model.onnx",
    });
  });
});
