import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDaemon, type RunningDaemon } from "../../src/daemon/daemon.js";
import { loadRegistry } from "../../src/registry/index.js";
import { createAdderRegistry, type AdderRegistry } from "../reconcile/helpers/registry-fixture.js";
import { infer } from "./http-helpers.js";

const guard = (limit: number): string => `package decisions.adder_guard
import rego.v1

default decision := {"allow": true, "action": "auto", "reasons": []}

decision := {"allow": false, "action": "review", "reasons": ["y above ${limit}"]} if {
  some i
  input.prediction.y[i] > ${limit}
}
`;

describe("decision policies follow Git like the models", () => {
  let registry: AdderRegistry;
  let stateDir: string;
  let daemon: RunningDaemon;
  beforeAll(async () => {
    registry = await createAdderRegistry();
    await registry.addVersion(1);
    await registry.setTraffic({ "1.0.0": 100 });
    stateDir = await mkdtemp(join(tmpdir(), "modelgate-decisions-"));
  });
  afterAll(async () => {
    await daemon?.stop();
    await registry?.repo.cleanup();
    await rm(stateDir, { recursive: true, force: true });
  });

  const withPolicy = async (rego: string, message: string): Promise<string> => {
    await registry.setTraffic({ "1.0.0": 100 });
    const env = await readFile(join(registry.repo.dir, "environments/production.yaml"), "utf8");
    await registry.repo.write("environments/production.yaml", `${env}    decision_policy: adder-guard\n`);
    await registry.repo.write("policies/adder-guard.rego", rego);
    return registry.repo.commit(message);
  };

  it("applies, changes and refuses a decision policy from commits", async () => {
    await withPolicy(guard(100), "guard at 100");
    daemon = await startDaemon({
      repo: registry.repo.dir,
      environment: "production",
      stateDir,
      port: 0,
      intervalMs: 60_000,
      loadRegistry,
      workers: 1,
    });
    await daemon.scheduler.reconcileNow();
    expect((await daemon.reconciler.status()).appliedRevision).toBe(await registry.repo.head());
    const denied = await infer(daemon.url, "adder", 200);
    expect(denied.body).toMatchObject({
      parameters: { decision_allow: false, decision_policy: "adder-guard", decision_reasons: "y above 100" },
    });

    await withPolicy(guard(1000), "guard at 1000");
    const changed = await daemon.scheduler.reconcileNow();
    expect(changed.outcome).toBe("applied");
    expect(changed.steps.map((s) => s.action)).toEqual(["set-decision-policy"]);
    expect((await infer(daemon.url, "adder", 200)).body).toMatchObject({
      parameters: { decision_allow: true },
    });
    expect((await daemon.scheduler.reconcileNow()).outcome).toBe("unchanged");

    await withPolicy("package decisions.adder_guard\n\ndecision := {{{\n", "broken policy");
    const refused = await daemon.scheduler.reconcileNow();
    expect(refused.failure).toMatchObject({ kind: "stalled", reason: "DecisionPolicyFailed" });
    expect((await infer(daemon.url, "adder", 200)).body).toMatchObject({
      parameters: { decision_allow: true },
    });
  });
});
