import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { LocalForge } from "../../src/forge/index.js";
import { sharedCacheHome } from "../gate/cli-harness.js";
import { createTempGitRepo, type TempGitRepo } from "../helpers/temp-git.js";

/** `modelgate check --pr` on the local forge, end to end: template registry, real git, real policy gate. */
describe("modelgate check --pr (local forge)", () => {
  let repo: TempGitRepo;
  const run = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, {
      cwd: repo.dir,
      env: { PATH: process.env.PATH, XDG_CACHE_HOME: sharedCacheHome, GIT_CONFIG_NOSYSTEM: "1" },
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
    });
    return { code, out: out.join(""), err: err.join("") };
  };

  beforeAll(async () => {
    repo = await createTempGitRepo({ fromTemplate: true, prefix: "modelgate-check-pr-" });
    await repo.git("checkout", "--quiet", "-b", "describe-demand");
    const card = await repo.git("show", "HEAD:models/demand-forecast/model.yaml");
    await repo.write(
      "models/demand-forecast/model.yaml",
      card.replace(/^description: .*$/m, "description: Daily units per SKU and store."),
    );
    await repo.commit("Describe demand-forecast better");
    await repo.git("checkout", "--quiet", "main");
    expect((await run("propose", "describe-demand", "--as", "bob")).code).toBe(0);
  });
  afterAll(() => repo.cleanup());

  it("denies without the code owner's approval, allows once given, and publishes without duplicating", async () => {
    const denied = await run(
      "check",
      "--pr",
      "describe-demand",
      "--publish",
      "--format",
      "json",
      "--now",
      "2026-11-23T00:00:00Z",
    );
    expect(denied.err).toContain("summary comment created");
    expect(denied.code).toBe(1);
    const decision = JSON.parse(denied.out) as { allowed: boolean; approvals: { missing: string[] } };
    expect(decision.allowed).toBe(false);
    expect(decision.approvals.missing.length).toBeGreaterThan(0);

    await run("review", "describe-demand", "--approve", "--as", "bob"); // the author: does not count
    await run("review", "describe-demand", "--approve", "--as", "alice");
    const allowed = await run(
      "check",
      "--pr",
      "describe-demand",
      "--publish",
      "--format",
      "markdown",
      "--now",
      "2026-11-23T00:00:00Z",
    );
    expect(allowed.code).toBe(0);
    expect(allowed.out).toContain("✅ @alice (@retail/forecasting) approved");
    expect(allowed.out).toContain("@bob: approved not counted (the author's own review)");
    expect(allowed.err).toContain("summary comment updated");

    const again = await run("check", "--pr", "describe-demand", "--publish", "--now", "2026-11-23T00:00:00Z");
    expect(again.err).toContain("summary comment unchanged");
    const forge = new LocalForge({ repo: repo.dir });
    const head = await repo.git("rev-parse", "describe-demand");
    expect((await forge.readCheck(head, "modelgate"))?.conclusion).toBe("success");
    expect(await forge.readSummaryComment("describe-demand")).toContain("<!-- modelgate:summary -->");
  });

  it("merges through the policy decision, and refuses while changes are requested", async () => {
    await run("review", "describe-demand", "--request-changes", "--as", "carol");
    const refused = await run("merge", "describe-demand", "--as", "dave", "--now", "2026-11-23T00:00:00Z");
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("carol requested changes");
    await run("review", "describe-demand", "--approve", "--as", "carol");
    const merged = await run("merge", "describe-demand", "--as", "dave", "--now", "2026-11-23T00:00:00Z");
    expect(merged.err).toBe("");
    expect(merged.code).toBe(0);
    expect(await repo.git("log", "-1", "--format=%s", "main")).toBe(
      "Merge change request #1 from describe-demand",
    );
  });
});
