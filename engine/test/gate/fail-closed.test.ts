/** Every way `modelgate check` can fail to reach a decision exits 2 with a clear message — never 0. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildDecisionBundle,
  evaluateDecision,
  loadDecisionPolicy,
  type PolicyInput,
} from "../../src/gate/index.js";
import { PolicyEvaluationError, compilePolicyBundle } from "../../src/policy/index.js";
import { createTempGitRepo, type TempGitRepo } from "../helpers/temp-git.js";
import { branch, checkJson, replaceIn, runCli, sharedCacheHome } from "./cli-harness.js";

let repo: TempGitRepo;
let scratch: string;
beforeAll(async () => {
  repo = await createTempGitRepo({ fromTemplate: true });
  scratch = await mkdtemp(join(tmpdir(), "modelgate-fail-closed-"));
});
afterAll(async () => {
  await repo?.cleanup();
  await rm(scratch, { recursive: true, force: true });
});

const check = (head: string, extra: string[] = [], base = "main") =>
  runCli([
    "check",
    "--repo",
    repo.dir,
    "--base",
    base,
    "--head",
    head,
    "--author",
    "frank",
    "--now",
    "2026-11-23T00:00:00Z",
    ...extra,
  ]);

describe("revisions", () => {
  it("a revision that does not exist is an error", async () => {
    const r = await check("no-such-branch");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("head revision 'no-such-branch' does not exist");
    const b = await check("main", [], "deadbeef");
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("base revision 'deadbeef' does not exist");
  });

  it("a base that is not an ancestor of head is an error", async () => {
    const a = await branch(repo, "side-a", () => repo.write("README.md", "a\n"));
    const b = await branch(repo, "side-b", () => repo.write("README.md", "b\n"));
    const r = await check(b, [], a);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/base [0-9a-f]{12} is not an ancestor of head [0-9a-f]{12}/);
  });

  it("missing --base/--head and bad --format are usage errors", async () => {
    expect((await runCli(["check", "--head", "main"])).code).toBe(2);
    expect((await check("main", ["--format", "xml"])).stderr).toContain("--format must be one of");
  });
});

describe("registry at head", () => {
  it("an unparsable modelgate.yaml is a denial with schema-validity, not a pass and not a crash", async () => {
    const head = await branch(repo, "broken-config", () =>
      replaceIn(repo, "modelgate.yaml", "name: retail-models", "name: [retail"),
    );
    const { code, decision } = await checkJson(repo, head, {
      author: "frank",
      reviews: [{ reviewer: "dave" }],
    });
    expect(code).toBe(1);
    expect(decision.allowed).toBe(false);
    expect(decision.violations.some((v) => v.rule === "schema-validity" && v.file === "modelgate.yaml")).toBe(
      true,
    );
  });
});

describe("policies", () => {
  it("a Rego syntax error in a custom policy is an error naming file and line", async () => {
    const head = await branch(repo, "rego-syntax", () =>
      repo.write("policies/bad.rego", "package modelgate.custom.bad\n\ndeny contains x if {\n  x := \n}\n"),
    );
    const r = await check(head, [], head); // the policies in force are the base's
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/policies\/bad\.rego:\d+/);
    expect(r.stderr).toContain("rego_parse_error");
  });

  it("a custom policy outside modelgate.custom.* cannot replace a built-in rule", async () => {
    const head = await branch(repo, "rego-namespace", () =>
      repo.write(
        "policies/sneaky.rego",
        "# switch off a built-in\npackage modelgate.rules.metric_regression\n\nfindings := set()\n",
      ),
    );
    const r = await check(head, [], head); // the policies in force are the base's
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("policies/sneaky.rego:2");
    expect(r.stderr).toContain("must declare `package modelgate.custom.<name>`");
  });

  it("a policy that fails during evaluation is an error", async () => {
    const head = await branch(repo, "rego-conflict", () =>
      repo.write(
        "policies/conflict.rego",
        'package modelgate.custom.conflict\n\nlevel := 1 if input.pr.head_sha\n\nlevel := 2 if input.pr.author\n\ndeny contains {"id": "conflict", "message": sprintf("%v", [level])} if level > 5\n',
      ),
    );
    const r = await check(head, [], head); // the policies in force are the base's
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/policy evaluation of modelgate\/main\/decision failed/);
  });

  it("an input over the policy memory limit is an error naming policy.memory_mib", async () => {
    const head = await branch(repo, "memory", () =>
      replaceIn(repo, "modelgate.yaml", "policy:\n", "policy:\n  memory_mib: 16\n"),
    );
    const approvals = join(scratch, "huge-approvals.json");
    const many = Array.from({ length: 120_000 }, (_, i) => ({
      reviewer: `reviewer-${i}`,
      state: "APPROVED",
      teams: ["x/y"],
      commit: head,
    }));
    await writeFile(approvals, JSON.stringify(many));
    const r = await check(head, ["--approvals", approvals], head); // policy.memory_mib of the base
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("policy.memory_mib");
  });

  it("a bundle without the decision entrypoint fails evaluation (never an allow)", async () => {
    const bundle = await compilePolicyBundle({
      sources: [{ path: "other.rego", content: "package other\n\nx := 1\n" }],
      entrypoints: ["other/x"],
      cacheDir: join(sharedCacheHome, "modelgate"),
    });
    const policy = await loadDecisionPolicy(bundle.wasm);
    let caught: unknown;
    try {
      evaluateDecision(policy, {} as PolicyInput);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PolicyEvaluationError);
    expect((caught as PolicyEvaluationError).code).toBe("unknown_entrypoint");
  });

  it("the decision bundle is compiled once and then served from the cache", async () => {
    const first = await buildDecisionBundle({ custom: [], cacheDir: join(sharedCacheHome, "modelgate") });
    const second = await buildDecisionBundle({ custom: [], cacheDir: join(sharedCacheHome, "modelgate") });
    expect(second.fromCache).toBe(true);
    expect(second.hash).toBe(first.hash);
    const build = await runCli(["policy", "build", "--repo", repo.dir]);
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/^[0-9a-f]{64} cache hit/);
  });
});

describe("inputs", () => {
  it("a malformed approvals file is an error", async () => {
    const file = join(scratch, "bad-approvals.json");
    await writeFile(file, JSON.stringify([{ reviewer: "dave", state: "APPROVED" }]));
    const r = await check("main", ["--approvals", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("[0].commit: expected the commit sha");
    await writeFile(file, "{not json");
    expect((await check("main", ["--approvals", file])).stderr).toContain("is not JSON");
  });

  it("a malformed budgets file is an error, not an unlimited budget", async () => {
    const file = join(scratch, "budgets.json");
    await writeFile(file, JSON.stringify({ budgets: [] }));
    const r = await check("main", ["--budgets", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expected {"version": 1');
  });
});
