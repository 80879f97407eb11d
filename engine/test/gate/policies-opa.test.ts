/** The built-in Rego library passes `opa check --strict` and its own `opa test` suite (npm run test:policies). */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinPoliciesDir } from "../../src/gate/index.js";
import { execFileProcess, resolveOpa, type OpaToolchain } from "../../src/policy/index.js";
import { createTempGitRepo, type TempGitRepo } from "../helpers/temp-git.js";
import { runCli } from "./cli-harness.js";

let opa: OpaToolchain;
beforeAll(async () => {
  opa = await resolveOpa();
});

async function countTests(dir: string): Promise<number> {
  let n = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith("_test.rego")) continue;
    const text = await readFile(join(entry.parentPath, entry.name), "utf8");
    n += (text.match(/^test_[a-z0-9_]+\s+if\b/gm) ?? []).length;
  }
  return n;
}

describe("built-in policy library", () => {
  it("passes opa check --strict", async () => {
    const r = await execFileProcess(opa.path, ["check", "--strict", builtinPoliciesDir()]);
    expect(r.stderr + r.stdout).toBe("");
    expect(r.exitCode).toBe(0);
  });

  it("passes every opa test", async () => {
    const expected = await countTests(builtinPoliciesDir());
    expect(expected).toBeGreaterThanOrEqual(30);
    const r = await execFileProcess(opa.path, ["test", "--format", "json", builtinPoliciesDir()]);
    const results = JSON.parse(r.stdout) as {
      name: string;
      fail?: boolean;
      error?: unknown;
      skip?: boolean;
    }[];
    const failed = results.filter((t) => t.fail || t.error || t.skip).map((t) => t.name);
    expect(failed).toEqual([]);
    expect(results).toHaveLength(expected);
    expect(r.exitCode).toBe(0);
  });
});

describe("modelgate policy test", () => {
  let repo: TempGitRepo;
  afterAll(() => repo?.cleanup());

  it("runs the built-in and the repo's own tests together; a failing custom test exits 1", async () => {
    repo = await createTempGitRepo({ fromTemplate: true });
    await repo.write(
      "policies/owner.rego",
      'package modelgate.custom.owner\n\ndeny contains {"id": "no-friday", "message": "no Friday deploys"} if input.clock.weekday == "Friday"\n',
    );
    await repo.write(
      "policies/owner_test.rego",
      "package modelgate.custom.owner_test\n\nimport data.modelgate.custom.owner\n\n" +
        'test_friday if count(owner.deny) == 1 with input as {"clock": {"weekday": "Friday"}}\n\n' +
        'test_monday if count(owner.deny) == 0 with input as {"clock": {"weekday": "Monday"}}\n',
    );
    const ok = await runCli(["policy", "test", "--repo", repo.dir]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("repo/policies/owner_test.rego");
    expect(ok.stdout).toMatch(/PASS: \d+\/\d+/);
    await repo.write(
      "policies/owner_test.rego",
      "package modelgate.custom.owner_test\n\nimport data.modelgate.custom.owner\n\ntest_wrong if count(owner.deny) == 3\n",
    );
    const failing = await runCli(["policy", "test", "--repo", repo.dir]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain("FAIL");
  });
});
