import { chmod, copyFile, mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PINNED_OPA_VERSION, execFileProcess, findProjectRoot } from "../../src/policy/index.js";
import { makeTempDir } from "./support.js";

/**
 * scripts/setup-opa.sh, run from a copy of the project skeleton with a PATH that holds only the basic
 * tools it uses (no go, no opa), so no case here ever starts a real Go build.
 */
describe("scripts/setup-opa.sh", () => {
  let temp: { path: string; remove: () => Promise<void> };
  let project: string;
  let toolsPath: string;

  beforeAll(async () => {
    temp = await makeTempDir("setup-opa");
    const root = findProjectRoot() ?? "";
    project = join(temp.path, "project");
    await mkdir(join(project, "scripts"), { recursive: true });
    await mkdir(join(project, "tools", "opa"), { recursive: true });
    await copyFile(join(root, "scripts", "setup-opa.sh"), join(project, "scripts", "setup-opa.sh"));
    await copyFile(join(root, "tools", "opa", "go.mod"), join(project, "tools", "opa", "go.mod"));
    toolsPath = join(temp.path, "bin");
    await mkdir(toolsPath);
    for (const tool of ["bash", "awk", "cat", "head", "sed", "grep", "dirname", "mkdir", "mv", "rm"]) {
      const found = await execFileProcess("bash", ["-c", `command -v ${tool}`]);
      await symlink(found.stdout.trim(), join(toolsPath, tool));
    }
  });
  afterAll(() => temp.remove());

  const run = (env: Record<string, string> = {}) =>
    execFileProcess(join(toolsPath, "bash"), [join(project, "scripts", "setup-opa.sh")], {
      env: { PATH: toolsPath, ...env },
    });

  it("fails with the fixes spelled out when there is no OPA and no Go", async () => {
    const result = await run();
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`OPA ${PINNED_OPA_VERSION} cannot be built`);
    expect(result.stderr).toMatch(/install Go[\s\S]*on PATH[\s\S]*MODELGATE_OPA/);
  });

  it("uses MODELGATE_OPA and warns when it is not the pinned version", async () => {
    const fake = join(temp.path, "other-opa");
    await writeFile(fake, '#!/bin/sh\necho "Version: 0.70.0"\n');
    await chmod(fake, 0o755);
    const result = await run({ MODELGATE_OPA: fake });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain(`OPA 0.70.0); modelgate pins OPA ${PINNED_OPA_VERSION}`);
  });

  it("does nothing when .tools/bin/opa already has the pinned version", async () => {
    const bin = join(project, ".tools", "bin");
    await mkdir(bin, { recursive: true });
    await writeFile(join(bin, "opa"), `#!/bin/sh\necho "Version: ${PINNED_OPA_VERSION}"\n`);
    await chmod(join(bin, "opa"), 0o755);
    const result = await run();
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toBe(`setup-opa: OPA ${PINNED_OPA_VERSION} already built at .tools/bin/opa`);
  });
});
