import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileProcess } from "../../src/policy/index.js";
import { readTarGzEntry } from "../../src/policy/tar.js";
import { makeTempDir } from "./support.js";

describe("readTarGzEntry", () => {
  let temp: { path: string; remove: () => Promise<void> };
  const longDir = `${"deep/".repeat(30)}dir`;

  beforeAll(async () => {
    temp = await makeTempDir("tar");
    const content = join(temp.path, "content");
    await mkdir(join(content, longDir), { recursive: true });
    await writeFile(join(content, "policy.wasm"), Buffer.alloc(1500, 7));
    await writeFile(join(content, longDir, "policy.wasm"), "long");
    await writeFile(join(content, "empty"), "");
    for (const format of ["pax", "gnu", "ustar"]) {
      const members = format === "ustar" ? ["policy.wasm", "empty"] : ["policy.wasm", "empty", longDir];
      const result = await execFileProcess(
        "tar",
        ["--format", format, "-czf", join(temp.path, `${format}.tar.gz`), ...members],
        {
          cwd: content,
        },
      );
      expect(result.exitCode, result.stderr).toBe(0);
    }
  });
  afterAll(() => temp.remove());

  it.each(["pax", "gnu", "ustar"])("reads entries from a %s archive", async (format) => {
    const archive = await readFile(join(temp.path, `${format}.tar.gz`));
    expect(readTarGzEntry(archive, "policy.wasm")).toEqual(Buffer.alloc(1500, 7));
    expect(readTarGzEntry(archive, "/policy.wasm")?.length).toBe(1500);
    expect(readTarGzEntry(archive, "empty")).toEqual(Buffer.alloc(0));
    expect(readTarGzEntry(archive, "missing")).toBeUndefined();
    if (format !== "ustar")
      expect(readTarGzEntry(archive, `${longDir}/policy.wasm`)?.toString()).toBe("long");
  });

  it("rejects a damaged archive", async () => {
    const archive = await readFile(join(temp.path, "pax.tar.gz"));
    const { gunzipSync, gzipSync } = await import("node:zlib");
    const tar = gunzipSync(archive);
    tar[10] = (tar[10] ?? 0) ^ 0xff; // inside the first header's name
    expect(() => readTarGzEntry(gzipSync(tar), "policy.wasm")).toThrow(/corrupt tar header/);
  });
});
