import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { loadRegistry, openGitSource } from "../../src/registry/index.js";
import { minimalDir } from "./corpus.js";
import { captureIo } from "../helpers/capture-io.js";

const run = promisify(execFile);

describe("modelgate validate and init", () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "modelgate-cli-"));
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  it("validates the working folder by default and prints a one-line summary", async () => {
    const io = captureIo(minimalDir);
    expect(await main(["validate"], io)).toBe(0);
    expect(io.out()).toMatch(/^✓ registry valid: 1 model, 2 versions, 2 environments — .*minimal\n$/);
    const json = captureIo(minimalDir);
    expect(await main(["validate", minimalDir, "--format", "json"], json)).toBe(0);
    expect(JSON.parse(json.out())).toEqual({ ok: true, errors: [], warnings: [] });
  });

  it("shows help with examples for both commands", async () => {
    for (const name of ["validate", "init"]) {
      const io = captureIo(tmp);
      expect(await main([name, "--help"], io)).toBe(0);
      expect(io.out()).toContain(`Usage: modelgate ${name}`);
      expect(io.out()).toContain("Examples:");
    }
  });

  it("init copies the template, commits it on main, and the result validates", async () => {
    const dir = join(tmp, "new-registry");
    const io = captureIo(tmp, {});
    // No identity configured: HOME without a .gitconfig, so init has to supply its fallback author.
    const home = join(tmp, "home");
    await mkdir(home);
    const saved = {
      HOME: process.env.HOME,
      XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME,
      GIT_CONFIG_NOSYSTEM: process.env.GIT_CONFIG_NOSYSTEM,
    };
    Object.assign(process.env, { HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: "1" });
    try {
      expect(await main(["init", "new-registry"], io)).toBe(0);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    expect(io.out()).toContain("Next steps:");
    expect(existsSync(join(dir, "modelgate.yaml"))).toBe(true);
    expect(existsSync(join(dir, "training", "__pycache__"))).toBe(false);
    const { stdout: branch } = await run("git", ["rev-parse", "--abbrev-ref", "HEAD"], { cwd: dir });
    expect(branch.trim()).toBe("main");
    const { stdout: status } = await run("git", ["status", "--porcelain"], { cwd: dir });
    expect(status).toBe(""); // everything committed
    const { stdout: author } = await run("git", ["log", "-1", "--format=%an <%ae>"], { cwd: dir });
    expect(author.trim()).toBe("modelgate <modelgate@localhost>");
    const result = await loadRegistry(await openGitSource(dir, "HEAD"));
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("init refuses a folder that is not empty, and needs exactly one DIR", async () => {
    const dir = join(tmp, "occupied");
    await mkdir(dir);
    await writeFile(join(dir, "notes.txt"), "mine");
    const io = captureIo(tmp);
    expect(await main(["init", dir], io)).toBe(2);
    expect(io.err()).toContain("is not empty");
    expect(existsSync(join(dir, "modelgate.yaml"))).toBe(false);
    const none = captureIo(tmp);
    expect(await main(["init"], none)).toBe(2);
    expect(none.err()).toContain("expected exactly one DIR");
  });

  it("validate rejects a bad --max-file-bytes and a missing folder with exit 2", async () => {
    const io = captureIo(tmp);
    expect(await main(["validate", minimalDir, "--max-file-bytes", "lots"], io)).toBe(2);
    expect(io.err()).toContain("--max-file-bytes must be a positive integer");
    const missing = captureIo(tmp);
    expect(await main(["validate", join(tmp, "does-not-exist")], missing)).toBe(2);
    expect(missing.err()).toContain("is not a folder");
  });
});
