import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/command.js";
import { main } from "../../src/cli/main.js";
import { startDaemon, type RunningDaemon } from "../../src/daemon/daemon.js";
import { LocalForge } from "../../src/forge/index.js";
import { getCondition } from "../../src/reconcile/status.js";
import { loadRegistry } from "../../src/registry/index.js";
import { createAdderRegistry, type AdderRegistry } from "../reconcile/helpers/registry-fixture.js";
import { infer } from "./http-helpers.js";

describe("modelgate rollback", () => {
  let registry: AdderRegistry;
  let stateDir: string;
  let daemon: RunningDaemon;
  beforeAll(async () => {
    registry = await createAdderRegistry();
    await registry.addVersion(1);
    await registry.addVersion(2);
    await registry.setTraffic({ "1.0.0": 90, "2.0.0": 10 });
    await registry.repo.commit("canary 2.0.0");
    await registry.repo.write("README.md", "unrelated change\n");
    await registry.repo.commit("docs");
    await registry.setTraffic({ "2.0.0": 100 });
    await registry.repo.commit("Merge pull request #9 from bob/promote-2");
    stateDir = await mkdtemp(join(tmpdir(), "modelgate-rollback-"));
    daemon = await startDaemon({
      repo: registry.repo.dir,
      environment: "production",
      stateDir,
      port: 0,
      intervalMs: 60_000,
      loadRegistry,
      workers: 1,
      adminToken: "t0ken",
    });
    await daemon.scheduler.reconcileNow();
    expect((await daemon.reconciler.status()).appliedRevision).toBe(await registry.repo.head());
  });
  afterAll(async () => {
    await daemon?.stop();
    await registry?.repo.cleanup();
    await rm(stateDir, { recursive: true, force: true });
  });

  it("proposes a revert branch, applies it at once with --now (held as drift), and releases the hold when it merges", async () => {
    const out: string[] = [];
    const io: CliIo = {
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
      cwd: registry.repo.dir,
      env: { MODELGATE_ADMIN_TOKEN: "t0ken" },
    };
    expect((await fetch(`${daemon.url}/admin/hold`, { method: "POST", body: "{}" })).status).toBe(401);
    expect(
      await main(
        ["rollback", "--env", "production", "--model", "adder", "--now", "--daemon", daemon.url],
        io,
      ),
    ).toBe(0);
    const head = (await registry.repo.head()).slice(0, 7);
    const branch = `modelgate/rollback-production-adder-${head}`;
    expect(out.join("")).toContain(`branch ${branch}`);

    const restored = await registry.repo.git("show", `${branch}:environments/production.yaml`);
    expect(restored).toMatch(/{ version: "?1\.0\.0"?, weight: 90 }/);
    expect(restored).toMatch(/{ version: "?2\.0\.0"?, weight: 10, role: canary }/);
    expect(await registry.repo.git("log", "-1", "--format=%s", branch)).toBe(
      "Roll back adder in production to 1.0.0=90, 2.0.0=10",
    );
    expect(await registry.repo.git("status", "--porcelain")).toBe("");

    expect((await infer(daemon.url, "adder", 1)).status).toBe(200);
    expect(
      (await daemon.reconciler.observe()).models.adder?.routing?.traffic.map((t) => [t.version, t.weight]),
    ).toEqual([
      ["1.0.0", 90],
      ["2.0.0", 10],
    ]);
    const held = await daemon.reconciler.status();
    expect(getCondition(held, "Drifted")).toMatchObject({ status: "True", reason: "EmergencyOverride" });
    expect(getCondition(held, "Ready")?.status).toBe("False");
    expect((await daemon.scheduler.reconcileNow()).outcome).toBe("unchanged"); // not self-healed back to Git

    // A bad commit on main does not undo the emergency: the held state keeps serving.
    const routed = async (): Promise<(string | number)[][] | undefined> =>
      (await daemon.reconciler.observe()).models.adder?.routing?.traffic.map((t) => [t.version, t.weight]);
    await registry.repo.write("environments/production.yaml", "name: production\nmodels: [broken\n");
    await registry.repo.commit("broken environment");
    expect((await daemon.scheduler.reconcileNow()).failure?.reason).toBe("InvalidRegistry");
    expect(await routed()).toEqual([
      ["1.0.0", 90],
      ["2.0.0", 10],
    ]);
    // A newer good commit on main supersedes the emergency (Git wins again).
    await registry.repo.git("revert", "--no-edit", "HEAD");
    expect((await daemon.scheduler.reconcileNow()).outcome).toBe("applied");
    expect(await routed()).toEqual([["2.0.0", 100]]);
    expect(getCondition(await daemon.reconciler.status(), "Drifted")?.status).toBe("False");

    const forge = new LocalForge({ repo: registry.repo.dir });
    const cr = await forge.getChangeRequest(branch);
    expect(cr.labels).toContain("rollback");
    await forge.merge(cr.number, { by: "dave" });
    const merged = await daemon.scheduler.reconcileNow();
    expect(merged.outcome).toBe("applied");
    expect(await routed()).toEqual([
      ["1.0.0", 90],
      ["2.0.0", 10],
    ]);
    const status = await daemon.reconciler.status();
    expect(getCondition(status, "Ready")?.status).toBe("True");
    expect(getCondition(status, "Drifted")?.status).toBe("False");
    const history = await daemon.store.readHistory();
    expect(history.map((h) => h.kind)).toEqual(["deploy", "emergency", "deploy", "deploy"]);
    expect(history.at(-1)?.pullRequest).toBe(cr.number);
  });
});
