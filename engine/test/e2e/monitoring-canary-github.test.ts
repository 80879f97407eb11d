import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { FanOutReporter } from "../../src/daemon/compose.js";
import { startDaemon, type RunningDaemon } from "../../src/daemon/daemon.js";
import { GitHubForge } from "../../src/forge/index.js";
import { JsonLinesReporter } from "../../src/reconcile/json-lines-reporter.js";
import { loadRegistry } from "../../src/registry/index.js";
import { eventually } from "../daemon/http-helpers.js";
import { FakeGitHub } from "../forge/github/fake-github.js";
import { createClient } from "../forge/harness.js";
import { createTempGitRepo, type TempGitRepo } from "../helpers/temp-git.js";
import {
  baselineRows,
  contractRequest,
  postJson,
  settle,
  templateState,
} from "../monitor/runtime/helpers.js";
import { wiringMonitor } from "./wiring-monitor.js";

/**
 * Canary auto-abort under `modelgate run --forge github`, end to end: the daemon serves the template's
 * production environment from a local git repo and reports to GitHub (the GitHub-shaped test server,
 * checked against GitHub's OpenAPI description). The aborted canary's revert is written on GitHub through
 * the Git Data API as a branch with one commit on the applied main commit, and opened as a pull request —
 * once, even when the first attempt fails halfway and the next evaluation retries it.
 */
const ENV_FILE = "environments/production.yaml";
const BRANCH = "modelgate/abort-production-stockout-risk-1.1.0";
const PULLS = "POST /repos/{owner}/{repo}/pulls";

let repo: TempGitRepo;
let stateDir: string;
let daemon: RunningDaemon;
let fake: FakeGitHub;
let main: string;

beforeAll(async () => {
  repo = await createTempGitRepo({ fromTemplate: true, prefix: "modelgate-canary-github-" });
  main = await repo.commit("template registry");
  // GitHub holds the same main commit (the engine's mirror and GitHub agree on what main is).
  fake = await new FakeGitHub().start();
  fake.seedBranch(
    "main",
    { [ENV_FILE]: await repo.git("show", `${main}:${ENV_FILE}`).then((t) => `${t}\n`) },
    undefined,
    main,
  );
  stateDir = await mkdtemp(join(tmpdir(), "modelgate-canary-github-state-"));
  const github = new GitHubForge(createClient(fake), fake.owner, fake.repo);
  const reporter = new FanOutReporter([github, new JsonLinesReporter(join(stateDir, "reports.jsonl"))]);
  daemon = await startDaemon({
    repo: repo.dir,
    environment: "production",
    stateDir,
    port: 0,
    intervalMs: 60_000,
    loadRegistry,
    workers: 1,
    issues: reporter,
    deployments: reporter,
    forge: github,
    monitor: wiringMonitor,
  });
  await eventually(async () => daemon.monitor?.runtime, 60_000, "first apply + monitor");
});
afterAll(async () => {
  await daemon?.stop();
  await fake?.stop();
  await repo?.cleanup();
  await rm(stateDir, { recursive: true, force: true });
});

test("an aborted canary's revert is a GitHub pull request, opened once even when the first try fails", async () => {
  const contract = (await templateState()).contracts["stockout-risk"]!.data;
  const rows = baselineRows(contract, 400, 11);
  for (let i = 0; i < rows.length; i += 10) {
    await Promise.all(
      rows
        .slice(i, i + 10)
        .map((r) => postJson(`${daemon.url}/v2/models/stockout-risk/infer`, contractRequest(contract, [r]))),
    );
  }
  await settle();
  // GitHub fails the pull request (5xx through every retry): the branch is written, the pull request not.
  for (let i = 0; i < 4; i++) fake.failNext(PULLS, 503, { message: "Service Unavailable" });
  await daemon.monitor!.runtime!.evaluate();
  expect(daemon.serving.routing.models.get("stockout-risk")!.weighted.map((w) => w.version)).toEqual([
    "1.0.0",
  ]);
  expect(fake.refs.get(`heads/${BRANCH}`)).toBeDefined();
  expect(fake.pulls.size).toBe(0);
  const issue = () =>
    fake.issues.find((i) => i.title === "Canary aborted: stockout-risk 1.1.0 in production");
  expect(issue()).toMatchObject({ state: "open" });
  expect(issue()!.body).not.toContain("Revert proposed");

  // The next evaluation retries: the branch is reused (no second commit), the pull request opened.
  await daemon.monitor!.runtime!.evaluate();
  const pulls = [...fake.pulls.values()];
  expect(pulls).toHaveLength(1);
  expect(pulls[0]).toMatchObject({
    title: "Abort canary stockout-risk 1.1.0 in production",
    base: { ref: "main", sha: main },
    head: { ref: BRANCH },
    labels: ["modelgate", "rollback"],
    files: [{ filename: ENV_FILE, status: "modified" }],
  });
  expect(fake.calls.filter((c) => c.key === "POST /repos/{owner}/{repo}/git/commits")).toHaveLength(1);
  const head = fake.commits.get(pulls[0]!.head.sha)!;
  expect(head.parents).toEqual([main]);
  const proposed = fake.fileAt(BRANCH, ENV_FILE)!;
  expect(proposed).toContain("- { version: 1.0.0, weight: 100 }");
  expect(proposed).not.toContain("1.1.0");
  expect(proposed).toContain("#"); // the file's comments are kept
  const comments = fake.comments.filter((c) => c.issue_number === issue()!.number).map((c) => c.body);
  expect(comments).toEqual([
    `Revert proposed in change request #${pulls[0]!.number} (${`https://github.test/acme/registry/pull/${pulls[0]!.number}`}): merge it to make Git agree.`,
  ]);

  // Later evaluations neither write another branch or pull request nor comment again.
  const revertWrites = () =>
    fake.calls.filter((c) => c.key === PULLS || (c.key.includes("/git/") && c.method === "POST")).length;
  const before = revertWrites();
  await daemon.monitor!.runtime!.evaluate();
  expect(revertWrites()).toBe(before);
  expect(fake.comments.filter((c) => c.issue_number === issue()!.number)).toHaveLength(1);
  expect(fake.pulls.size).toBe(1);
  fake.assertClean();
});
