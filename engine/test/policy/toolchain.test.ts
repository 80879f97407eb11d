import { chmod, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PINNED_OPA_VERSION,
  PolicyToolchainError,
  findProjectRoot,
  resolveOpa,
  type ExecFileFn,
} from "../../src/policy/index.js";
import { makeTempDir } from "./support.js";

describe("resolveOpa", () => {
  let temp: { path: string; remove: () => Promise<void> };
  beforeAll(async () => {
    temp = await makeTempDir("toolchain");
  });
  afterAll(() => temp.remove());

  it("finds the OPA that setup built and reports its version", async () => {
    const opa = await resolveOpa();
    expect(opa.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(opa.pinned).toBe(opa.version === PINNED_OPA_VERSION);
  });

  it("pins the same OPA version as tools/opa/go.mod", async () => {
    const root = findProjectRoot();
    expect(root).toBeDefined();
    const goMod = await readFile(join(root ?? "", "tools", "opa", "go.mod"), "utf8");
    expect(goMod).toContain(`github.com/open-policy-agent/opa v${PINNED_OPA_VERSION}`);
  });

  it("prefers MODELGATE_OPA over PATH and the project build", async () => {
    const real = await resolveOpa();
    const opa = await resolveOpa({ env: { MODELGATE_OPA: real.path, PATH: "" }, projectRoot: temp.path });
    expect(opa).toMatchObject({ path: real.path, source: "env", version: real.version });
  });

  it("finds opa on PATH before .tools/bin", async () => {
    const fakeBin = join(temp.path, "bin");
    await makeFakeOpa(fakeBin, "9.9.9");
    const opa = await resolveOpa({ env: { PATH: `/nonexistent:${fakeBin}` }, projectRoot: temp.path });
    expect(opa).toMatchObject({
      path: join(fakeBin, "opa"),
      source: "path",
      version: "9.9.9",
      pinned: false,
    });
  });

  it("falls back to <project>/.tools/bin/opa", async () => {
    const project = join(temp.path, "project");
    await makeFakeOpa(join(project, ".tools", "bin"), PINNED_OPA_VERSION);
    const opa = await resolveOpa({ env: { PATH: "" }, projectRoot: project });
    expect(opa).toMatchObject({ source: "project", version: PINNED_OPA_VERSION, pinned: true });
  });

  it("names the fix when no OPA can be found", async () => {
    const error = await resolveOpa({ env: { PATH: "" }, projectRoot: join(temp.path, "empty") }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PolicyToolchainError);
    expect(error).toMatchObject({ code: "opa_not_found" });
    expect(String((error as Error).message)).toMatch(/npm ci.*scripts\/setup-opa\.sh.*MODELGATE_OPA/);
  });

  it("rejects a MODELGATE_OPA that is not executable instead of silently using another OPA", async () => {
    const notExecutable = join(temp.path, "not-opa");
    await writeFile(notExecutable, "text");
    const error = await resolveOpa({
      env: { MODELGATE_OPA: notExecutable, PATH: process.env["PATH"] },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "PolicyToolchainError", code: "opa_unusable" });
    expect((error as Error).message).toContain("MODELGATE_OPA=");
  });

  it("reports an OPA that does not print a version", async () => {
    const real = await resolveOpa();
    const exec: ExecFileFn = () => Promise.resolve({ exitCode: 2, stdout: "", stderr: "boom" });
    const error = await resolveOpa({ env: { MODELGATE_OPA: real.path }, exec }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "opa_unusable" });
    expect((error as Error).message).toContain("boom");
  });

  it("remembers the version per binary in the cache folder and asks again when the binary changes", async () => {
    const bin = join(temp.path, "memo-bin");
    const runs = join(temp.path, "memo-runs.log");
    const cacheDir = join(temp.path, "memo-cache");
    await makeFakeOpa(bin, "7.0.0", runs);
    const env = { PATH: bin };
    const first = await resolveOpa({ env, projectRoot: temp.path, cacheDir });
    const second = await resolveOpa({ env, projectRoot: temp.path, cacheDir });
    expect([first.version, second.version]).toEqual(["7.0.0", "7.0.0"]);
    expect((await readFile(runs, "utf8")).trim().split("\n")).toHaveLength(1); // the second run started no process

    await makeFakeOpa(bin, "7.0.10", runs); // rewritten in place: new size, mtime and ctime
    const third = await resolveOpa({ env, projectRoot: temp.path, cacheDir });
    expect(third.version).toBe("7.0.10");
    expect((await readFile(runs, "utf8")).trim().split("\n")).toHaveLength(2);

    // An injected exec is always asked (tests fake OPA through it).
    const exec: ExecFileFn = () => Promise.resolve({ exitCode: 0, stdout: "Version: 6.0.0\n", stderr: "" });
    const faked = await resolveOpa({ env, projectRoot: temp.path, cacheDir, exec });
    expect(faked.version).toBe("6.0.0");
  });
});

async function makeFakeOpa(dir: string, version: string, log?: string): Promise<void> {
  const { mkdir } = await import("node:fs/promises");
  await mkdir(dir, { recursive: true });
  const path = join(dir, "opa");
  const record = log ? `echo run >> "${log}"\n` : "";
  await writeFile(path, `#!/bin/sh\n${record}echo "Version: ${version}"\n`);
  await chmod(path, 0o755);
}
