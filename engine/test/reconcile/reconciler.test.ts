import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArtifactCache, ArtifactError } from "../../src/artifacts/index.js";
import { GitRevisionSource } from "../../src/daemon/git-revision-source.js";
import { JsonLinesReporter, type ReportLine } from "../../src/reconcile/json-lines-reporter.js";
import { Reconciler, type ArtifactStore } from "../../src/reconcile/reconciler.js";
import { EnvironmentStore } from "../../src/reconcile/store.js";
import { getCondition } from "../../src/reconcile/status.js";
import { OrtTestRuntime } from "./helpers/ort-runtime.js";
import { createAdderRegistry, type AdderRegistry } from "./helpers/registry-fixture.js";
import { loadRegistry as loadRegistryForTests } from "../../src/registry/index.js";

interface Harness {
  registry: AdderRegistry;
  stateDir: string;
  runtime: OrtTestRuntime;
  store: EnvironmentStore;
  reporter: JsonLinesReporter;
  reconciler: Reconciler;
  cache: ArtifactCache;
  /** A fresh process: new runtime, new reconciler, same state folder. */
  restart(options?: { cache?: ArtifactStore }): Promise<void>;
  reports(): Promise<ReportLine[]>;
}

let clockMs = Date.parse("2026-11-23T12:00:00Z");
const clock = (): number => (clockMs += 1000);

async function harness(
  options: {
    selfHeal?: boolean;
    cache?: (c: ArtifactCache) => ArtifactStore;
    loader?: typeof loadRegistryForTests;
  } = {},
): Promise<Harness> {
  const registry = await createAdderRegistry(
    options.selfHeal === undefined ? {} : { selfHeal: options.selfHeal },
  );
  const stateDir = await mkdtemp(join(tmpdir(), "modelgate-state-"));
  const h = { registry, stateDir } as Harness;
  h.cache = new ArtifactCache({ dir: join(stateDir, "cache"), retries: 0, timeoutMs: 300 });
  h.reporter = new JsonLinesReporter(join(stateDir, "reports.jsonl"), clock);
  h.restart = async (o = {}) => {
    await h.runtime?.close();
    h.runtime = new OrtTestRuntime();
    h.store = new EnvironmentStore(stateDir, "production");
    h.reconciler = new Reconciler({
      environment: "production",
      source: new GitRevisionSource({ repo: registry.repo.dir, mirrorDir: join(stateDir, "repo.git") }),
      loadRegistry: options.loader ?? loadRegistryForTests,
      runtime: h.runtime,
      cache: o.cache ?? (options.cache ? options.cache(h.cache) : h.cache),
      store: h.store,
      deployments: h.reporter,
      issues: h.reporter,
      clock,
    });
  };
  h.reports = async () =>
    (await readFile(h.reporter.path, "utf8").catch(() => ""))
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ReportLine);
  await h.restart();
  return h;
}

describe("Reconciler against real git repos and real ONNX sessions", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
    await h.registry.addVersion(1);
    await h.registry.addVersion(2);
    await h.registry.setTraffic({ "1.0.0": 100 });
    await h.registry.repo.commit("serve adder 1.0.0");
  });
  afterEach(async () => {
    await h.runtime.close();
    await h.registry.repo.cleanup();
    await rm(h.stateDir, { recursive: true, force: true });
  });

  it("applies the main branch, then a merge serves the new version; a second pass writes nothing", async () => {
    const first = await h.reconciler.reconcile();
    expect(first.outcome).toBe("applied");
    expect(await h.runtime.infer("adder", 10)).toEqual({ version: "1.0.0", y: 11 });

    await h.registry.setTraffic({ "2.0.0": 100 });
    const merge = await h.registry.repo.commit(
      "Merge pull request #7 from alice/promote-2\n\nPromote adder 2.0.0",
    );
    const second = await h.reconciler.reconcile();
    expect(second.outcome).toBe("applied");
    expect(second.steps.map((s) => s.action)).toEqual(["load", "shift-traffic", "unload"]);
    expect(await h.runtime.infer("adder", 10)).toEqual({ version: "2.0.0", y: 12 });

    const status = await h.reconciler.status();
    expect(status.appliedRevision).toBe(merge);
    expect(getCondition(status, "Ready")).toMatchObject({ status: "True", reason: "Applied" });
    const history = await h.store.readHistory();
    expect(history.map((e) => [e.kind, e.revision, e.pullRequest])).toEqual([
      ["deploy", first.revision, undefined],
      ["deploy", merge, 7],
    ]);
    expect(history[1]).toMatchObject({ previousRevision: first.revision, author: "Test Author" });
    expect(
      (await h.reports())
        .filter((r) => r.type === "deployment")
        .map((r) => r.type === "deployment" && r.state),
    ).toEqual(["success", "success"]);

    const writes = [h.store.statusWrites, h.store.historyWrites, h.store.recordWrites];
    const applyCalls = h.runtime.applyCalls;
    const again = await h.reconciler.reconcile();
    expect(again).toMatchObject({ outcome: "unchanged", steps: [] });
    expect([h.store.statusWrites, h.store.historyWrites, h.store.recordWrites]).toEqual(writes);
    expect(h.runtime.applyCalls).toBe(applyCalls);
  });

  it("refuses a checksum-mismatched artifact: the old version keeps serving, reported once, superseded by a fix", async () => {
    await h.reconciler.reconcile();
    await h.registry.addVersion(3, { sha256: "0".repeat(64) });
    await h.registry.setTraffic({ "3.0.0": 100 });
    const bad = await h.registry.repo.commit("promote 3.0.0 with a wrong sha256");

    const failed = await h.reconciler.reconcile();
    expect(failed.outcome).toBe("failed");
    expect(failed.failure).toMatchObject({ kind: "stalled", reason: "ArtifactChecksumMismatch" });
    expect(await h.runtime.infer("adder", 1)).toEqual({ version: "1.0.0", y: 2 });
    const status = await h.reconciler.status();
    expect(getCondition(status, "Ready")).toMatchObject({
      status: "False",
      reason: "ArtifactChecksumMismatch",
    });
    expect(getCondition(status, "Stalled")?.status).toBe("True");
    expect(status.appliedRevision).not.toBe(bad);

    const again = await h.reconciler.reconcile();
    expect(again.outcome).toBe("failed");
    const issues = (await h.reports()).filter((r) => r.type === "issue" && r.action === "ensure");
    expect(issues.map((r) => r.fingerprint)).toEqual([
      `reconcile-failed:production:${bad.slice(0, 12)}:ArtifactChecksumMismatch`,
    ]);
    expect((await h.store.readHistory()).length).toBe(1);

    await h.registry.addVersion(3);
    const fixed = await h.registry.repo.commit("fix the sha256 of 3.0.0");
    expect((await h.reconciler.reconcile()).outcome).toBe("applied");
    expect(await h.runtime.infer("adder", 1)).toEqual({ version: "3.0.0", y: 4 });
    expect((await h.reconciler.status()).appliedRevision).toBe(fixed);
    expect(
      (await h.reports()).some(
        (r) => r.type === "issue" && r.action === "close" && r.fingerprint === issues[0]!.fingerprint,
      ),
    ).toBe(true);
  });

  it("refuses an invalid registry and an ONNX signature that breaks the contract", async () => {
    await h.reconciler.reconcile();
    await h.registry.repo.write("environments/production.yaml", "name: production\nmodels: [unclosed\n");
    await h.registry.repo.commit("broken yaml");
    const invalid = await h.reconciler.reconcile();
    expect(invalid.failure).toMatchObject({ kind: "stalled", reason: "InvalidRegistry" });
    expect(invalid.failure?.message).toContain("environments/production.yaml");

    await h.registry.addVersion(4, { file: "mixed.onnx" });
    await h.registry.setTraffic({ "1.0.0": 90, "4.0.0": 10 });
    await h.registry.repo.commit("canary a model with another signature");
    const mismatch = await h.reconciler.reconcile();
    expect(mismatch.failure).toMatchObject({ kind: "stalled", reason: "ContractMismatch" });
    expect(mismatch.failure?.message).toMatch(/model input amount is not in contract adder/);
    expect(await h.runtime.infer("adder", 5, 0.99)).toEqual({ version: "1.0.0", y: 6 });
    expect((await h.runtime.observe()).models.adder?.loaded.map((l) => l.version)).toEqual(["1.0.0"]);
  });

  it("self-heals a weight override and a cached file changed on disk, reporting the drift", async () => {
    await h.registry.setTraffic({ "1.0.0": 90, "2.0.0": 10 });
    await h.registry.repo.commit("canary 2.0.0");
    await h.reconciler.reconcile();
    h.runtime.overrideRouting("adder", { traffic: [{ version: "2.0.0", weight: 100, role: "stable" }] });
    const healed = await h.reconciler.reconcile();
    expect(healed.outcome).toBe("self-healed");
    expect((await h.runtime.observe()).models.adder?.routing?.traffic).toEqual([
      { version: "1.0.0", weight: 90, role: "stable" },
      { version: "2.0.0", weight: 10, role: "canary" },
    ]);
    const reports = await h.reports();
    expect(
      reports
        .filter((r) => r.type === "issue")
        .map((r) => `${r.type === "issue" && r.action} ${r.fingerprint}`),
    ).toEqual(["ensure drift:production", "close drift:production"]);
    expect((await h.store.readHistory()).at(-1)).toMatchObject({ kind: "self-heal" });

    const sha = (await h.runtime.observe()).models.adder!.loaded[0]!.sha256;
    await writeFile(h.cache.pathFor(sha), "not an onnx model");
    const refetched = await h.reconciler.reconcile();
    expect(refetched.outcome).toBe("self-healed");
    expect(refetched.steps).toMatchObject([{ action: "refetch", sha256: sha }]);
    expect(await h.cache.verify(sha)).toBe(true);
    expect((await h.reconciler.reconcile()).outcome).toBe("unchanged");
  });

  it("after a restart serves the applied commit again without a new history line, and keeps a known bad commit out", async () => {
    await h.reconciler.reconcile();
    await h.registry.repo.write("environments/production.yaml", "models: {{{\n");
    await h.registry.repo.commit("broken");
    expect((await h.reconciler.reconcile()).failure?.reason).toBe("InvalidRegistry");

    await h.restart();
    const recovered = await h.reconciler.reconcile();
    expect(recovered.outcome).toBe("recovered");
    expect(await h.runtime.infer("adder", 1)).toEqual({ version: "1.0.0", y: 2 });
    expect(getCondition(await h.reconciler.status(), "Ready")?.reason).toBe("InvalidRegistry");
    expect((await h.store.readHistory()).length).toBe(1);
    expect((await h.reports()).filter((r) => r.type === "issue").length).toBe(1);
  });
});

describe("Reconciler with self-heal off", () => {
  it("reports drift once and leaves it, Ready=False, until Git or a person acts", async () => {
    // reconcile.self_heal as the registry would load it (the schema field is the registry module's to add).
    const h = await harness({
      loader: async (source) => {
        const result = await loadRegistryForTests(source);
        if (result.ok) result.state.config.data.reconcile = { self_heal: false };
        return result;
      },
    });
    try {
      await h.registry.addVersion(1);
      await h.registry.addVersion(2);
      await h.registry.setTraffic({ "1.0.0": 100 });
      await h.registry.repo.commit("serve 1.0.0");
      expect((await h.reconciler.reconcile()).outcome).toBe("applied");
      await h.runtime.applyEnvironment({
        desired: {
          ...(await h.store.readRecord()).applied!.desired,
          models: {},
        },
        artifactPaths: {},
      });
      const held = await h.reconciler.reconcile();
      expect(held.outcome).toBe("drift-held");
      expect(held.steps.map((s) => s.action)).toEqual(["load", "shift-traffic"]);
      const status = await h.reconciler.status();
      expect(getCondition(status, "Ready")).toMatchObject({ status: "False", reason: "Drifted" });
      expect(getCondition(status, "Drifted")?.status).toBe("True");
      expect((await h.reconciler.reconcile()).outcome).toBe("drift-held");
      expect((await h.reports()).filter((r) => r.type === "issue").map((r) => r.fingerprint)).toEqual([
        "drift:production",
      ]);
      expect((await h.runtime.observe()).models).toEqual({});
    } finally {
      await h.runtime.close();
      await h.registry.repo.cleanup();
      await rm(h.stateDir, { recursive: true, force: true });
    }
  });
});

describe("Reconciler with artifacts that cannot be had", () => {
  it("refuses a too-large artifact, a timed-out URL and a full cache disk, keeping the old version", async () => {
    const { createServer } = await import("node:http");
    const server = createServer((req, res) => {
      if (req.url === "/hang.onnx") return; // never answers: the cache's timeout fires
      res.writeHead(200, { "content-length": String(500 * 1024 * 1024) });
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    let diskFull = false;
    const h = await harness({
      cache: (cache) => ({
        ensure: (ref, repo) =>
          diskFull
            ? Promise.reject(
                new ArtifactError("ArtifactCacheFull", "no space left in the artifact cache", true),
              )
            : cache.ensure(ref, repo),
        verify: (s) => cache.verify(s),
        pathFor: (s) => cache.pathFor(s),
      }),
    });
    try {
      await h.registry.addVersion(1);
      await h.registry.setTraffic({ "1.0.0": 100 });
      await h.registry.repo.commit("serve 1.0.0");
      expect((await h.reconciler.reconcile()).outcome).toBe("applied");

      const versionFile = (url: string, size: number): string =>
        `version: "9.0.0"\nartifact:\n  uri: ${url}\n  sha256: "${"a".repeat(64)}"\n  size: ${size}\n  format: onnx\n`;
      await h.registry.repo.write(
        "models/adder/versions/9.0.0.yaml",
        versionFile(`http://127.0.0.1:${port}/hang.onnx`, 100),
      );
      await h.registry.setTraffic({ "9.0.0": 100 });
      await h.registry.repo.commit("artifact behind a hanging URL");
      const timedOut = await h.reconciler.reconcile();
      expect(timedOut.failure).toMatchObject({ kind: "transient", reason: "ArtifactFetchFailed" });
      expect(timedOut.failure?.message).toContain("timed out");

      await h.registry.repo.write(
        "models/adder/versions/9.0.0.yaml",
        versionFile(`http://127.0.0.1:${port}/big.onnx`, 100),
      );
      await h.registry.repo.commit("artifact that turns out too large");
      expect((await h.reconciler.reconcile()).failure).toMatchObject({
        kind: "stalled",
        reason: "ArtifactTooLarge",
      });

      await h.registry.addVersion(2);
      await h.registry.setTraffic({ "2.0.0": 100 });
      await h.registry.repo.commit("serve 2.0.0");
      diskFull = true;
      const full = await h.reconciler.reconcile();
      expect(full.failure).toMatchObject({ kind: "transient", reason: "ArtifactCacheFull" });
      await h.reconciler.reconcile();
      expect(await h.runtime.infer("adder", 1)).toEqual({ version: "1.0.0", y: 2 });
      const issues = (await h.reports())
        .filter((r) => r.type === "issue")
        .map((r) => r.fingerprint.split(":").at(-1));
      expect(issues).toEqual(["ArtifactFetchFailed", "ArtifactTooLarge", "ArtifactCacheFull"]);

      diskFull = false;
      expect((await h.reconciler.reconcile()).outcome).toBe("applied");
      expect(await h.runtime.infer("adder", 1)).toEqual({ version: "2.0.0", y: 3 });
    } finally {
      server.closeAllConnections();
      server.close();
      await h.runtime.close();
      await h.registry.repo.cleanup();
      await rm(h.stateDir, { recursive: true, force: true });
    }
  });
});
