import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import { sharedCacheHome } from "../../gate/cli-harness.js";
import { createTempGitRepo, type TempGitRepo } from "../../helpers/temp-git.js";
import { FakeGitHub } from "./fake-github.js";

/**
 * The GitHub Action end to end: `modelgate action check` with the environment GitHub Actions sets, a real
 * checkout of the template registry, and the fake GitHub REST API (every request checked against the
 * OpenAPI description).
 */
describe("actions/check: modelgate action check", () => {
  let repo: TempGitRepo;
  let fake: FakeGitHub;
  let runner: string;
  let env: NodeJS.ProcessEnv;
  let headSha: string;

  beforeAll(async () => {
    repo = await createTempGitRepo({ fromTemplate: true, prefix: "modelgate-action-" });
    const baseSha = await repo.head();
    await repo.git("checkout", "--quiet", "-b", "describe-demand");
    const card = await repo.git("show", "HEAD:models/demand-forecast/model.yaml");
    await repo.write(
      "models/demand-forecast/model.yaml",
      card.replace(/^description: .*$/m, "description: Daily units."),
    );
    headSha = await repo.commit("Describe demand-forecast better");

    fake = await new FakeGitHub().start();
    fake.contents.set(`${baseSha}:CODEOWNERS`, await repo.git("show", `${baseSha}:CODEOWNERS`));
    fake.teams.set("retail/forecasting", new Map([["alice", "active"]]));
    for (const team of ["retail/supply-chain", "retail/risk", "retail/sre", "retail/planning"])
      fake.teams.set(team, new Map());
    fake.addPull({
      number: 12,
      title: "Describe demand-forecast better",
      user: "bob",
      base: { ref: "main", sha: baseSha },
      head: { ref: "describe-demand", sha: headSha },
      files: [{ filename: "models/demand-forecast/model.yaml", status: "modified" }],
    });

    runner = await mkdtemp(join(tmpdir(), "modelgate-runner-"));
    const eventPath = join(runner, "event.json");
    await writeFile(
      eventPath,
      JSON.stringify({ action: "synchronize", number: 12, pull_request: { number: 12 } }),
    );
    await writeFile(join(runner, "output"), "");
    await writeFile(join(runner, "summary.md"), "");
    env = {
      PATH: process.env.PATH,
      XDG_CACHE_HOME: sharedCacheHome,
      GITHUB_ACTIONS: "true",
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: `${fake.owner}/${fake.repo}`,
      GITHUB_TOKEN: "test-token",
      GITHUB_API_URL: fake.url,
      GITHUB_WORKSPACE: repo.dir,
      GITHUB_OUTPUT: join(runner, "output"),
      GITHUB_STEP_SUMMARY: join(runner, "summary.md"),
      RUNNER_TEMP: runner,
      MODELGATE_GITHUB_RETRY_BASE_MS: "0",
    };
  });
  afterAll(async () => {
    await fake.stop();
    await repo.cleanup();
    await rm(runner, { recursive: true, force: true });
  });

  async function runAction(): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(["action", "check"], {
      cwd: repo.dir,
      env,
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
    });
    fake.assertClean();
    return { code, out: out.join(""), err: err.join("") };
  }

  it("fails the job while the code owner has not approved, and passes once they have", async () => {
    const denied = await runAction();
    expect(denied.err).toBe("");
    expect(denied.code).toBe(1);
    expect(denied.out).toContain("::error title=modelgate::");
    let outputs = await readFile(env.GITHUB_OUTPUT as string, "utf8");
    expect(outputs).toMatch(/^allowed<<(modelgate_[\w-]+)\nfalse\n\1$/m);
    expect(fake.checkRuns.map((r) => r.conclusion)).toEqual(["failure"]);

    fake.addReview(12, {
      user: "bob",
      state: "APPROVED",
      commit_id: headSha,
      submitted_at: "2026-11-22T10:00:00Z",
    });
    fake.addReview(12, {
      user: "alice",
      state: "APPROVED",
      commit_id: headSha,
      submitted_at: "2026-11-22T11:00:00Z",
    });
    await writeFile(env.GITHUB_OUTPUT as string, "");
    const allowed = await runAction();
    expect(allowed.code).toBe(0);
    outputs = await readFile(env.GITHUB_OUTPUT as string, "utf8");
    expect(outputs).toContain("\ntrue\n");
    const decisionFile = /decision-file<<(\S+)\n(.+)\n/.exec(outputs)?.[2] as string;
    expect(decisionFile).toBe(join(runner, "modelgate-decision.json"));
    expect(JSON.parse(await readFile(decisionFile, "utf8"))).toMatchObject({ allowed: true });
    const summary = await readFile(env.GITHUB_STEP_SUMMARY as string, "utf8");
    expect(summary).toContain("## modelgate: ❌ denied");
    expect(summary).toContain("## modelgate: ✅ allowed");
    expect(summary).toContain("✅ @alice (@retail/forecasting) approved");

    expect(fake.checkRuns.map((r) => [r.head_sha, r.conclusion])).toEqual([
      [headSha, "failure"],
      [headSha, "success"],
    ]);
    const comments = fake.comments.filter((c) => c.issue_number === 12);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain("✅ allowed");
  });

  it("refuses an event without a pull request", async () => {
    const eventPath = join(runner, "push.json");
    await writeFile(eventPath, JSON.stringify({ ref: "refs/heads/main" }));
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(["action", "check"], {
      cwd: repo.dir,
      env: { ...env, GITHUB_EVENT_PATH: eventPath, GITHUB_EVENT_NAME: "push" },
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
    });
    expect(code).toBe(2);
    expect(err.join("")).toContain("the push event has no pull request");
  });
});
