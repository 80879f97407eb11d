import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArtifactCache } from "../../src/artifacts/index.js";
import { FanOutReporter, forgeApprovals, localForgeAdapters } from "../../src/daemon/compose.js";
import { GitRevisionSource } from "../../src/daemon/git-revision-source.js";
import { collect } from "../../src/forge/index.js";
import { JsonLinesReporter } from "../../src/reconcile/json-lines-reporter.js";
import { Reconciler } from "../../src/reconcile/reconciler.js";
import { EnvironmentStore } from "../../src/reconcile/store.js";
import { loadRegistry } from "../../src/registry/index.js";
import { OrtTestRuntime } from "./helpers/ort-runtime.js";
import { createAdderRegistry, type AdderRegistry } from "./helpers/registry-fixture.js";

describe("reporting through the local forge, from a mirror fetched over a file:// URL", () => {
  let registry: AdderRegistry;
  let stateDir: string;
  const runtime = new OrtTestRuntime();
  beforeAll(async () => {
    registry = await createAdderRegistry();
    await registry.addVersion(1);
    await registry.setTraffic({ "1.0.0": 100 });
    await registry.repo.commit("serve 1.0.0");
    stateDir = await mkdtemp(join(tmpdir(), "modelgate-forge-report-"));
  });
  afterAll(async () => {
    await runtime.close();
    await registry.repo.cleanup();
    await rm(stateDir, { recursive: true, force: true });
  });

  it("opens one issue and a failure deployment for a bad merge, closes it when a fix applies, and names the approvers", async () => {
    const { forge, approvals } = localForgeAdapters(registry.repo.dir);
    const reporter = new FanOutReporter([forge, new JsonLinesReporter(join(stateDir, "reports.jsonl"))]);
    const store = new EnvironmentStore(stateDir, "production");
    const reconciler = new Reconciler({
      environment: "production",
      source: new GitRevisionSource({
        repo: `file://${registry.repo.dir}`,
        mirrorDir: join(stateDir, "repo.git"),
      }),
      loadRegistry,
      runtime,
      cache: new ArtifactCache({ dir: join(stateDir, "cache") }),
      store,
      deployments: reporter,
      issues: reporter,
      approvals,
    });
    expect((await reconciler.reconcile()).outcome).toBe("applied");

    await registry.addVersion(2, { sha256: "2".repeat(64) });
    await registry.setTraffic({ "2.0.0": 100 });
    const bad = await registry.repo.commit("promote 2.0.0 with a wrong checksum");
    await reconciler.reconcile();
    await reconciler.reconcile();
    const open = await collect(forge.listIssues({ state: "open" }));
    expect(open.map((i) => i.fingerprint)).toEqual([
      `reconcile-failed:production:${bad.slice(0, 12)}:ArtifactChecksumMismatch`,
    ]);
    expect(open[0]!.body).toContain("The previous state");

    // The fix goes through the forge: branch, change request, approval, merge.
    await registry.repo.git("checkout", "--quiet", "-b", "fix-checksum");
    await registry.addVersion(2);
    await registry.repo.commit("fix the checksum of 2.0.0");
    await registry.repo.git("checkout", "--quiet", "main");
    const cr = await forge.propose({ branch: "fix-checksum", author: "alice" });
    await forge.submitReview(cr.number, { reviewer: "dave", state: "APPROVED" });
    const { commit } = await forge.merge(cr.number, { by: "dave" });
    expect((await reconciler.reconcile()).outcome).toBe("applied");
    expect(await runtime.infer("adder", 1)).toEqual({ version: "2.0.0", y: 3 });
    expect(await collect(forge.listIssues({ state: "open" }))).toEqual([]);
    const deployments = await forge.deploymentHistory();
    expect(deployments.map((d) => [d.sha.slice(0, 7), d.state])).toEqual([
      [deployments[0]!.sha.slice(0, 7), "success"],
      [bad.slice(0, 7), "failure"],
      [commit.slice(0, 7), "success"],
    ]);
    const last = (await store.readHistory()).at(-1)!;
    expect(last).toMatchObject({ revision: commit, pullRequest: cr.number, approvedBy: ["dave"] });
    // The forge-neutral lookup (used with GitHubForge) reads the same reviews.
    expect(await forgeApprovals(forge).approvers(cr.number)).toEqual(["dave"]);
  });
});
