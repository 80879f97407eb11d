/** The documented schemas match what the engine really produces: policy input and decision. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gitRegistryLoader } from "../../src/cli/commands/check.js";
import { formatJson, runCheck, type CheckResult } from "../../src/gate/index.js";
import { createAjv, schemasDir } from "../../src/registry/index.js";
import { createTempGitRepo, type TempGitRepo } from "../helpers/temp-git.js";
import { branch, replaceIn, sharedCacheHome } from "./cli-harness.js";

let repo: TempGitRepo;
let result: CheckResult;

beforeAll(async () => {
  repo = await createTempGitRepo({ fromTemplate: true });
  const head = await branch(repo, "rich", async () => {
    await replaceIn(
      repo,
      "environments/production.yaml",
      /demand-forecast:\n {4}traffic:\n {6}- \{ version: 1\.0\.0, weight: 100 \}/,
      "demand-forecast:\n    traffic:\n      - { version: 1.0.0, weight: 90 }\n      - { version: 1.1.0, weight: 10, role: canary }",
    );
    await replaceIn(repo, "contracts/stockout-risk.yaml", 'version: "1.0.0"', 'version: "1.1.0"');
    await replaceIn(repo, "contracts/stockout-risk.yaml", /(name: on_hand_units[\s\S]*?max: )5000/, "$11000");
    await repo.write(
      "waivers/w-1.yaml",
      "rule: contract-compatibility\nreason: Accepted for the test.\napproved_by: carol\nexpires: 2027-01-01T00:00:00Z\n",
    );
  });
  result = await runCheck({
    repoDir: repo.dir,
    base: "main",
    head,
    loadRegistry: gitRegistryLoader,
    now: new Date("2026-11-23T00:00:00Z"),
    env: { XDG_CACHE_HOME: sharedCacheHome },
    author: "frank",
    approvals: [
      { reviewer: "dave", state: "APPROVED", teams: [], commit: head },
      { reviewer: "carol", state: "APPROVED", teams: [], commit: head },
    ],
    labels: ["emergency"],
    pr: { number: 12, title: "t", branch: "rich" },
  });
});
afterAll(() => repo?.cleanup());

function validator(file: string) {
  const ajv = createAjv();
  const schema = JSON.parse(readFileSync(join(schemasDir(), file), "utf8")) as { $id: string };
  if (file === "decision.schema.json")
    ajv.addSchema(JSON.parse(readFileSync(join(schemasDir(), "policy-input.schema.json"), "utf8")));
  return ajv.compile(schema);
}

describe("schemas", () => {
  it("the policy input validates against schemas/policy-input.schema.json", () => {
    const validate = validator("policy-input.schema.json");
    const input = JSON.parse(JSON.stringify(result.input));
    expect(validate(input) ? [] : validate.errors).toEqual([]);
    expect(result.input.changes.contracts[0]!.field_changes.length).toBeGreaterThan(0);
    expect(result.input.registry.errors).toEqual([]);
    expect(result.input.waivers[0]!.status).toBe("active");
  });

  it("the --format json decision validates against schemas/decision.schema.json", () => {
    const validate = validator("decision.schema.json");
    const decision = JSON.parse(formatJson(result));
    expect(validate(decision) ? [] : validate.errors).toEqual([]);
    expect(decision.waived.length).toBeGreaterThan(0);
  });

  it("a decision with a missing field is rejected by the schema (the schema is not vacuous)", () => {
    const validate = validator("decision.schema.json");
    const decision = JSON.parse(formatJson(result));
    delete decision.approvals;
    expect(validate(decision)).toBe(false);
  });
});
