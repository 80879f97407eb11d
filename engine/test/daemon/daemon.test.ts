import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { startDaemon, type RunningDaemon } from "../../src/daemon/daemon.js";
import { signHubBody } from "../../src/daemon/webhook.js";
import type { EnvironmentStatus } from "../../src/reconcile/status.js";
import { toServingSpec } from "../../src/reconcile/serving-runtime-adapter.js";
import { createAdderRegistry, type AdderRegistry } from "../reconcile/helpers/registry-fixture.js";
import { loadRegistry as loadRegistryForTests } from "../../src/registry/index.js";
import { eventually, getJson, infer } from "./http-helpers.js";

interface StatusBody {
  status: EnvironmentStatus;
  failed: { revision: string; reason: string } | null;
  lastPass: { outcome: string } | null;
}

describe("modelgate run (daemon) with real serving on 127.0.0.1", () => {
  let registry: AdderRegistry;
  let stateDir: string;
  let daemon: RunningDaemon;
  const secret = "s3cret";
  const push = (sign = true): Promise<Response> => {
    const body = JSON.stringify({ ref: "refs/heads/main" });
    return fetch(`${daemon.url}/hooks/push`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(sign ? { "x-hub-signature-256": signHubBody(secret, body) } : {}),
      },
      body,
    });
  };
  const status = (): Promise<StatusBody> => getJson<StatusBody>(`${daemon.url}/status`);

  beforeAll(async () => {
    registry = await createAdderRegistry();
    await registry.addVersion(1);
    await registry.addVersion(2);
    await registry.setTraffic({ "1.0.0": 100 });
    await registry.repo.commit("serve adder 1.0.0");
    stateDir = await mkdtemp(join(tmpdir(), "modelgate-daemon-"));
    // A long poll interval: only the webhook can make these tests pass in time.
    daemon = await startDaemon({
      repo: registry.repo.dir,
      environment: "production",
      stateDir,
      port: 0,
      intervalMs: 60_000,
      webhookSecret: secret,
      loadRegistry: loadRegistryForTests,
      workers: 1,
    });
  });
  afterAll(async () => {
    await daemon?.stop();
    await registry?.repo.cleanup();
    await rm(stateDir, { recursive: true, force: true });
  });

  it("serves the main branch, and a signed push makes a merge serve within moments", async () => {
    const first = await eventually(
      async () => ((await status()).status.appliedRevision ? true : undefined),
      15_000,
      "first apply",
    );
    expect(first).toBe(true);
    expect(await infer(daemon.url, "adder", 10)).toMatchObject({ status: 200, version: "1.0.0", y: 11 });

    await registry.setTraffic({ "2.0.0": 100 });
    const merge = await registry.repo.commit("Merge pull request #3 from bob/adder-2");
    expect((await push(false)).status).toBe(401);
    expect((await push()).status).toBe(202);
    await eventually(
      async () => ((await infer(daemon.url, "adder", 10)).y === 12 ? true : undefined),
      10_000,
      "2.0.0 serving",
    );
    const body = await eventually(async () => {
      const s = await status();
      return s.status.appliedRevision === merge ? s : undefined;
    });
    expect(body.status.conditions.find((c) => c.type === "Ready")).toMatchObject({
      status: "True",
      reason: "Applied",
    });
  });

  it("keeps the old version serving when a merged commit breaks, and reports it once", async () => {
    await registry.addVersion(3, { sha256: "1".repeat(64) });
    await registry.setTraffic({ "3.0.0": 100 });
    const bad = await registry.repo.commit("promote 3.0.0 (wrong checksum)");
    await push();
    const failed = await eventually(async () => {
      const s = await status();
      return s.status.failure?.revision === bad ? s : undefined;
    });
    expect(failed.failed?.reason).toBe("ArtifactChecksumMismatch");
    expect(failed.status.conditions.find((c) => c.type === "Ready")).toMatchObject({
      status: "False",
      reason: "ArtifactChecksumMismatch",
    });
    await push();
    await daemon.scheduler.reconcileNow();
    expect(await infer(daemon.url, "adder", 10)).toMatchObject({ version: "2.0.0", y: 12 });
    const reports = (await readFile(join(stateDir, "reports.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; fingerprint?: string });
    expect(reports.filter((r) => r.type === "issue").map((r) => r.fingerprint)).toEqual([
      `reconcile-failed:production:${bad.slice(0, 12)}:ArtifactChecksumMismatch`,
    ]);
  });

  it("self-heals an admin override of the weights and exposes reconcile metrics", async () => {
    await registry.addVersion(3);
    await registry.setTraffic({ "2.0.0": 80, "3.0.0": 20 });
    const fixed = await registry.repo.commit("canary 3.0.0 with the right checksum");
    await push();
    await eventually(async () => ((await status()).status.appliedRevision === fixed ? true : undefined));
    const record = await daemon.store.readRecord();
    const override = structuredClone(record.applied!.desired);
    override.models.adder!.routing.traffic = [{ version: "3.0.0", weight: 100, role: "stable" }];
    await daemon.serving.applyEnvironment(
      toServingSpec({
        desired: override,
        artifactPaths: Object.fromEntries(
          Object.values(override.models.adder!.versions).map((v) => [
            v.artifact.sha256,
            join(stateDir, "cache", "sha256", v.artifact.sha256),
          ]),
        ),
      }),
    );
    const result = await daemon.scheduler.reconcileNow();
    expect(result.outcome).toBe("self-healed");
    expect(
      (await daemon.reconciler.observe()).models.adder?.routing?.traffic.map((t) => [t.version, t.weight]),
    ).toEqual([
      ["2.0.0", 80],
      ["3.0.0", 20],
    ]);
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    expect(metrics).toMatch(/modelgate_reconcile_total\{environment="production",outcome="self-healed"\} 1/);
    expect(metrics).toMatch(/modelgate_reconcile_ready\{environment="production"\} 1/);
    expect(metrics).toContain("modelgate_inference"); // the serving layer's metrics share the registry
  });

  it("plan and apply talk to the running daemon", async () => {
    await registry.setTraffic({ "3.0.0": 100 });
    const head = await registry.repo.commit("promote 3.0.0 (no push: applied through the CLI)");
    const out: string[] = [];
    const io = {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => out.push(t),
      cwd: registry.repo.dir,
      env: {},
    };
    expect(await main(["plan", "--env", "production", "--daemon", daemon.url], io)).toBe(1);
    expect(out.join("")).toMatch(
      /shift adder traffic: 2\.0\.0=80, 3\.0\.0=20 \(canary\) → 3\.0\.0=100[\s\S]*unload adder 2\.0\.0[\s\S]*against what http/,
    );
    out.length = 0;
    expect(await main(["apply", "--env", "production", "--daemon", daemon.url], io)).toBe(0);
    expect(out.join("")).toContain(`production at ${head.slice(0, 12)}: applied`);
    expect(await infer(daemon.url, "adder", 1)).toMatchObject({ version: "3.0.0", y: 4 });
  });

  it("refuses an artifact that matches its checksum but is not a loadable ONNX model", async () => {
    await registry.addVersion(4, {
      bytes: Buffer.from("this is not an onnx model, but its sha256 is right"),
    });
    await registry.setTraffic({ "3.0.0": 90, "4.0.0": 10 });
    await registry.repo.commit("canary a corrupt model");
    const result = await daemon.scheduler.reconcileNow();
    expect(result.failure).toMatchObject({ kind: "stalled", reason: "ModelLoadFailed" });
    expect(await infer(daemon.url, "adder", 1)).toMatchObject({ version: "3.0.0", y: 4 });
    expect((await daemon.reconciler.observe()).models.adder?.loaded.map((l) => l.version)).toEqual(["3.0.0"]);
  });
});
