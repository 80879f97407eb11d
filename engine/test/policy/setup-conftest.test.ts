import { chmod, copyFile, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileProcess, findProjectRoot } from "../../src/policy/index.js";
import { makeTempDir } from "./support.js";

/**
 * scripts/setup-conftest.sh (the benchmark's conftest), run from a copy of the project skeleton with a
 * PATH that holds only the basic tools it uses (no go, no conftest): no case starts a real Go build.
 */
describe("scripts/setup-conftest.sh", () => {
  let temp: { path: string; remove: () => Promise<void> };
  let project: string;
  let toolsPath: string;
  let pinned: string;

  beforeAll(async () => {
    temp = await makeTempDir("setup-conftest");
    const root = findProjectRoot() ?? "";
    project = join(temp.path, "project");
    await mkdir(join(project, "scripts"), { recursive: true });
    await mkdir(join(project, "tools", "conftest"), { recursive: true });
    await copyFile(join(root, "scripts", "setup-conftest.sh"), join(project, "scripts", "setup-conftest.sh"));
    const goMod = join(root, "tools", "conftest", "go.mod");
    await copyFile(goMod, join(project, "tools", "conftest", "go.mod"));
    pinned = /github\.com\/open-policy-agent\/conftest v(\S+)/.exec(await readFile(goMod, "utf8"))?.[1] ?? "";
    toolsPath = join(temp.path, "bin");
    await mkdir(toolsPath);
    for (const tool of ["bash", "awk", "cat", "head", "sed", "grep", "dirname", "mkdir", "mv", "rm"]) {
      const found = await execFileProcess("bash", ["-c", `command -v ${tool}`]);
      await symlink(found.stdout.trim(), join(toolsPath, tool));
    }
  });
  afterAll(() => temp.remove());

  const run = (env: Record<string, string> = {}) =>
    execFileProcess(join(toolsPath, "bash"), [join(project, "scripts", "setup-conftest.sh")], {
      env: { PATH: toolsPath, ...env },
    });

  it("pins conftest as a Go tool of tools/conftest", () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("fails with the fixes spelled out when there is no conftest and no Go", async () => {
    const result = await run();
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`conftest ${pinned} cannot be built`);
    expect(result.stderr).toMatch(/install Go[\s\S]*on PATH[\s\S]*CONFTEST=/);
  });

  it("uses CONFTEST and warns when it is not the pinned version", async () => {
    const fake = join(temp.path, "other-conftest");
    await writeFile(fake, '#!/bin/sh\necho "Conftest: 0.50.0"\necho "OPA: 1.0.0"\n');
    await chmod(fake, 0o755);
    const result = await run({ CONFTEST: fake });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain(`conftest 0.50.0); the benchmark pins conftest ${pinned}`);
  });

  it("does nothing when .tools/bin/conftest already has the pinned version", async () => {
    const bin = join(project, ".tools", "bin");
    await mkdir(bin, { recursive: true });
    await writeFile(join(bin, "conftest"), `#!/bin/sh\necho "Conftest: ${pinned}"\necho "OPA: 1.0.0"\n`);
    await chmod(join(bin, "conftest"), 0o755);
    const result = await run();
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toBe(
      `setup-conftest: conftest ${pinned} already built at .tools/bin/conftest`,
    );
  });
});
