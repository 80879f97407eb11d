/**
 * Golden decisions for every built-in rule, through the real CLI (`modelgate check --format json`) on a
 * real git repo built from the registry template; the policy bundle is compiled once and then cached.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempGitRepo, type TempGitRepo } from "../helpers/temp-git.js";
import { branch, checkJson, readRepoFile, replaceIn, ruleIds } from "./cli-harness.js";

let repo: TempGitRepo;
let scratch: string;
const AUTHOR = "frank"; // in no team: every review below comes from someone else

beforeAll(async () => {
  repo = await createTempGitRepo({ fromTemplate: true });
  scratch = await mkdtemp(join(tmpdir(), "modelgate-budgets-"));
});
afterAll(async () => {
  await repo?.cleanup();
  await rm(scratch, { recursive: true, force: true });
});

const check = (head: string, options: Parameters<typeof checkJson>[2] = {}) =>
  checkJson(repo, head, { author: AUTHOR, ...options });

/** demand-forecast 1.1.0 (served in staging) as a 10% canary in production. */
const canary = async (weight = 10): Promise<void> =>
  replaceIn(
    repo,
    "environments/production.yaml",
    /demand-forecast:\n {4}traffic:\n {6}- \{ version: 1\.0\.0, weight: 100 \}/,
    `demand-forecast:\n    traffic:\n      - { version: 1.0.0, weight: ${100 - weight} }\n      - { version: 1.1.0, weight: ${weight}, role: canary }`,
  );

/** A new version file copied from `from`, with edits applied to its text. */
async function newVersion(
  model: string,
  from: string,
  to: string,
  edits: [string | RegExp, string][] = [],
): Promise<void> {
  let text = (await readRepoFile(repo, `models/${model}/versions/${from}.yaml`)).replace(
    `version: "${from}"`,
    `version: "${to}"`,
  );
  for (const [a, b] of edits) {
    const next = text.replace(a, b);
    if (next === text) throw new Error(`edit ${String(a)} did not apply`);
    text = next;
  }
  await repo.write(`models/${model}/versions/${to}.yaml`, text);
}

describe("a typical promotion", () => {
  let head: string;
  beforeAll(async () => {
    head = await branch(repo, "canary", () => canary());
  });

  it("is allowed with the code owner's approval; violations empty; metric deltas in the change set", async () => {
    const { code, decision } = await check(head, { reviews: [{ reviewer: "dave" }] });
    expect(decision.violations).toEqual([]);
    expect(code).toBe(0);
    expect(decision.allowed).toBe(true);
    expect(decision.approvals.missing).toEqual([]);
    expect(decision.approvals.given).toEqual(["dave"]);
    expect(decision.changes.placements).toHaveLength(1);
    expect(decision.bundle.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("required-approvals: denied without the code owner of environments/production.yaml", async () => {
    const { code, decision } = await check(head, { reviews: [{ reviewer: "alice" }] });
    expect(code).toBe(1);
    expect(ruleIds(decision.violations)).toEqual(["required-approvals"]);
    expect(decision.approvals.missing).toEqual([
      "a code owner of environments/production.yaml (@retail/sre)",
    ]);
    // annotated on the CODEOWNERS rule that asks for the approval
    const [v] = decision.violations;
    expect(v!.file).toBe("CODEOWNERS");
    const lines = (await readRepoFile(repo, "CODEOWNERS")).split("\n");
    expect(lines[v!.line - 1]).toMatch(/^\/environments\/production\.yaml\s+@retail\/sre/);
  });

  it("required-approvals: team memberships reported with a review count like modelgate.yaml teams", async () => {
    const { code, decision } = await check(head, { reviews: [{ reviewer: "zoe", teams: ["@retail/sre"] }] });
    expect(decision.violations).toEqual([]);
    expect(code).toBe(0);
    expect(decision.approvals.given).toEqual(["zoe"]);
  });

  it("required-approvals: the author's own approval and a stale approval do not count", async () => {
    const own = await check(head, { author: "dave", reviews: [{ reviewer: "dave" }] });
    expect(own.code).toBe(1);
    expect(ruleIds(own.decision.violations)).toEqual(["required-approvals"]);
    const main = await repo.git("rev-parse", "main");
    const stale = await check(head, { reviews: [{ reviewer: "dave", commit: main }] });
    expect(stale.code).toBe(1);
    const dismissed = await check(head, { reviews: [{ reviewer: "dave", state: "CHANGES_REQUESTED" }] });
    expect(dismissed.code).toBe(1);
  });

  it("retrain-overdue: warns (default enforcement warn) when the serving version is old, still allowed", async () => {
    const { code, decision } = await check(head, {
      reviews: [{ reviewer: "dave" }],
      now: "2027-03-01T00:00:00Z",
    });
    expect(code).toBe(0);
    const warning = decision.warnings.find((w) => w.rule === "retrain-overdue");
    expect(warning?.message).toContain(
      "demand-forecast 1.0.0 serving in production was trained 180 days ago",
    );
    expect(warning?.file).toBe("environments/production.yaml");
    expect(warning?.line).toBe(6);
  });

  it("error-budget: denied when exhausted; allowed with the emergency label and an SRE approval", async () => {
    const budgets = join(scratch, "budgets.json");
    await writeFile(
      budgets,
      JSON.stringify({
        version: 1,
        generated_at: "2026-11-22T00:00:00Z",
        environments: { production: { "demand-forecast": { remaining_ratio: -0.2, exhausted: true } } },
      }),
    );
    const denied = await check(head, { reviews: [{ reviewer: "dave" }], extra: ["--budgets", budgets] });
    expect(denied.code).toBe(1);
    expect(ruleIds(denied.decision.violations)).toEqual(["error-budget"]);
    const labelOnly = await check(head, {
      reviews: [{ reviewer: "alice" }],
      extra: ["--budgets", budgets, "--labels", "emergency"],
    });
    expect(ruleIds(labelOnly.decision.violations)).toEqual(["error-budget", "required-approvals"]);
    const emergency = await check(head, {
      reviews: [{ reviewer: "dave" }],
      extra: ["--budgets", budgets, "--labels", "emergency"],
    });
    expect(emergency.decision.violations).toEqual([]);
    expect(emergency.code).toBe(0);
  });
});

describe("one denial per rule", () => {
  it("schema-validity: an invalid file at head is a denial pointing at its line", async () => {
    const head = await branch(repo, "schema", () =>
      replaceIn(repo, "models/demand-forecast/model.yaml", "risk_tier: medium", "risk_tier: extreme"),
    );
    const { code, decision } = await check(head, { reviews: [{ reviewer: "alice" }] });
    expect(code).toBe(1);
    const v = decision.violations.find((f) => f.rule === "schema-validity");
    expect(v).toMatchObject({
      file: "models/demand-forecast/model.yaml",
      severity: "critical",
      enforcement: "enforce",
    });
    const lines = (await readRepoFile(repo, "models/demand-forecast/model.yaml")).split("\n");
    expect(lines[v!.line - 1]).toContain("risk_tier");
  });

  it("version-immutability: editing a published version is denied at the edited line", async () => {
    const head = await branch(repo, "immutable", () =>
      replaceIn(repo, "models/demand-forecast/versions/1.0.0.yaml", /mae: [0-9.]+/, "mae: 1.0"),
    );
    const { code, decision } = await check(head, { reviews: [{ reviewer: "alice" }] });
    expect(code).toBe(1);
    expect(ruleIds(decision.violations)).toEqual(["version-immutability"]);
    const [v] = decision.violations;
    const lines = (await repo.git("show", `${head}:models/demand-forecast/versions/1.0.0.yaml`)).split("\n");
    expect(lines[v!.line - 1]).toContain("mae: 1.0");
    expect(v!.message).toContain("/metrics/mae");
  });

  it("artifact-integrity: allowed with the right sha256, denied for a wrong one or a foreign store", async () => {
    const ok = await branch(repo, "version-ok", () => newVersion("demand-forecast", "1.1.0", "1.2.0"));
    const good = await check(ok, { reviews: [{ reviewer: "alice" }] });
    expect(good.decision.violations).toEqual([]);
    expect(good.code).toBe(0);

    const badSha = await branch(repo, "version-bad-sha", () =>
      newVersion("demand-forecast", "1.1.0", "1.2.0", [
        [/sha256: "8a49[0-9a-f]+"/, `sha256: "${"0".repeat(64)}"`],
      ]),
    );
    const sha = await check(badSha, { reviews: [{ reviewer: "alice" }] });
    expect(sha.code).toBe(1);
    expect(ruleIds(sha.decision.violations)).toEqual(["artifact-integrity"]);
    expect(sha.decision.violations[0]!.message).toContain("not the declared 0000");
    expect(sha.decision.violations[0]!.file).toBe("models/demand-forecast/versions/1.2.0.yaml");

    const store = await branch(repo, "version-bad-store", () =>
      newVersion("demand-forecast", "1.1.0", "1.2.0", [
        [
          "uri: file:artifacts/demand-forecast/1.1.0/model.onnx",
          "uri: https://elsewhere.example.com/model.onnx",
        ],
      ]),
    );
    const foreign = await check(store, { reviews: [{ reviewer: "alice" }] });
    // the registry loader's cross-check flags it too; the policy names the store list
    expect(ruleIds(foreign.decision.violations)).toEqual(["artifact-integrity", "schema-validity"]);
    expect(foreign.decision.violations.find((v) => v.rule === "artifact-integrity")!.message).toContain(
      "not in an allowed store (file:)",
    );
  });

  it("promotion-order: a first rollout over the canary cap, and a version that never served in staging", async () => {
    const big = await branch(repo, "canary-50", () => canary(50));
    const tooBig = await check(big, { reviews: [{ reviewer: "dave" }] });
    expect(ruleIds(tooBig.decision.violations)).toEqual(["promotion-order"]);
    expect(tooBig.decision.violations[0]!.message).toContain("capped at 10%");

    const skip = await branch(repo, "skip-staging", async () => {
      await newVersion("demand-forecast", "1.1.0", "1.2.0");
      await replaceIn(
        repo,
        "environments/production.yaml",
        /demand-forecast:\n {4}traffic:\n {6}- \{ version: 1\.0\.0, weight: 100 \}/,
        "demand-forecast:\n    traffic:\n      - { version: 1.0.0, weight: 95 }\n      - { version: 1.2.0, weight: 5, role: canary }",
      );
    });
    const skipped = await check(skip, { reviews: [{ reviewer: "dave" }, { reviewer: "alice" }] });
    expect(ruleIds(skipped.decision.violations)).toEqual(["promotion-order"]);
    expect(skipped.decision.violations[0]!.message).toContain("has not served in staging");
  });

  const regression = async (): Promise<void> => {
    await newVersion("demand-forecast", "1.1.0", "1.2.0", [[/\n {2}mae: [0-9.]+/, "\n  mae: 4.5"]]);
    await replaceIn(
      repo,
      "environments/staging.yaml",
      /demand-forecast:\n {4}traffic:\n {6}- \{ version: 1\.1\.0/,
      "demand-forecast:\n    traffic:\n      - { version: 1.2.0",
    );
  };

  it("metric-regression: a worse MAE than the serving version is denied", async () => {
    const head = await branch(repo, "regression", regression);
    const { code, decision } = await check(head, { reviews: [{ reviewer: "alice" }] });
    expect(code).toBe(1);
    expect(ruleIds(decision.violations)).toEqual(["metric-regression"]);
    expect(decision.violations[0]!.message).toContain("mae 4.5 vs 3.636 for 1.1.0");
    expect(decision.violations[0]!.file).toBe("environments/staging.yaml");
  });

  it("metric-floor and fairness-gap: a high-risk version below the floor or uneven across slices", async () => {
    const reviews = [{ reviewer: "bob" }, { reviewer: "carol" }];
    const floor = await branch(repo, "floor", () =>
      newVersion("stockout-risk", "1.1.0", "1.2.0", [[/\n {2}accuracy: [0-9.]+/, "\n  accuracy: 0.75"]]),
    );
    const low = await check(floor, { reviews });
    expect(ruleIds(low.decision.violations)).toEqual(["metric-floor"]);
    expect(low.decision.violations[0]!.message).toContain(
      "accuracy 0.75 is below the high-risk floor of 0.8",
    );

    const fair = await branch(repo, "fairness", () =>
      newVersion("stockout-risk", "1.1.0", "1.2.0", [
        [/outlet: \{accuracy: [0-9.]+/, "outlet: {accuracy: 0.70"],
      ]),
    );
    const uneven = await check(fair, { reviews });
    expect(ruleIds(uneven.decision.violations)).toEqual(["fairness-gap"]);

    const ok = await branch(repo, "high-risk-ok", () => newVersion("stockout-risk", "1.1.0", "1.2.0"));
    expect((await check(ok, { reviews })).decision.violations).toEqual([]);
    // high risk: one reviewer is not enough, and the risk team must be among them
    const one = await check(ok, { reviews: [{ reviewer: "bob" }] });
    expect(one.decision.approvals.missing).toEqual([
      "2 reviewers for high-risk model stockout-risk",
      "the risk team (retail/risk) for high-risk model stockout-risk",
    ]);
  });

  it("contract-compatibility: a breaking input change needs a major version and the consumers' approval", async () => {
    const narrow = (version: string) => async (): Promise<void> => {
      await replaceIn(repo, "contracts/stockout-risk.yaml", 'version: "1.0.0"', `version: "${version}"`);
      await replaceIn(
        repo,
        "contracts/stockout-risk.yaml",
        /(name: on_hand_units[\s\S]*?max: )5000/,
        "$11000",
      );
    };
    const minor = await branch(repo, "contract-minor", narrow("1.1.0"));
    const reviews = [{ reviewer: "bob" }, { reviewer: "carol" }];
    const denied = await check(minor, { reviews });
    expect(ruleIds(denied.decision.violations)).toEqual(["contract-compatibility"]);
    expect(denied.decision.violations).toHaveLength(2);
    expect(denied.decision.violations.map((v) => v.message).join("\n")).toContain(
      "input on_hand_units: range_narrowed",
    );
    const major = await branch(repo, "contract-major", narrow("2.0.0"));
    const noConsumer = await check(major, { reviews });
    expect(noConsumer.decision.violations.map((v) => v.message)).toEqual([
      "breaking change to contract stockout-risk needs approval from an owner of a consumer of contract stockout-risk (@retail/planning)",
    ]);
    const approved = await check(major, { reviews: [...reviews, { reviewer: "erin" }] });
    expect(approved.decision.violations).toEqual([]);
    expect(approved.code).toBe(0);
  });

  it("model-card-completeness: a high-risk card without limitations is denied", async () => {
    const head = await branch(repo, "card", () =>
      replaceIn(repo, "models/stockout-risk/model.yaml", /\nlimitations: [^\n]*/, ""),
    );
    const { decision } = await check(head, { reviews: [{ reviewer: "bob" }, { reviewer: "carol" }] });
    expect(ruleIds(decision.violations)).toEqual(["model-card-completeness"]);
    expect(decision.violations[0]!.message).toBe(
      "model card of high-risk model stockout-risk has no limitations",
    );
  });

  it("change-freeze: a traffic change inside a freeze window of the target branch is denied", async () => {
    const freeze = () =>
      replaceIn(
        repo,
        "modelgate.yaml",
        "policy:\n  rules:\n",
        "policy:\n  freeze_windows:\n    - { start: 2026-11-20T00:00:00Z, end: 2026-11-30T00:00:00Z, environments: [production], reason: peak }\n  rules:\n",
      );
    const base = await branch(repo, "freeze-base", freeze);
    const head = await branch(repo, "freeze", () => canary(), "freeze-base");
    const frozen = await check(head, { base, reviews: [{ reviewer: "dave" }] });
    expect(ruleIds(frozen.decision.violations)).toEqual(["change-freeze"]);
    const after = await check(head, { base, reviews: [{ reviewer: "dave" }], now: "2026-12-01T00:00:00Z" });
    expect(after.decision.violations).toEqual([]);
  });

  it("the rules in force are the target branch's: a change cannot weaken its own check", async () => {
    // the same PR lowers required-approvals to audit and removes the SRE from CODEOWNERS: no effect
    const head = await branch(repo, "self-serve", async () => {
      await canary();
      await replaceIn(
        repo,
        "modelgate.yaml",
        "policy:\n  rules:\n",
        "policy:\n  rules:\n    required-approvals: { enforcement: audit }\n",
      );
      await replaceIn(
        repo,
        "CODEOWNERS",
        /\/environments\/production\.yaml\s+@retail\/sre/,
        "/environments/production.yaml @retail/forecasting",
      );
    });
    const { code, decision } = await check(head, { reviews: [{ reviewer: "alice" }] });
    expect(code).toBe(1);
    expect(ruleIds(decision.violations)).toEqual(["required-approvals"]);
    expect(decision.overrides).toEqual([]);
    expect(decision.approvals.missing).toEqual([
      "a code owner of CODEOWNERS, environments/production.yaml (@retail/sre)",
    ]);
  });
});

describe("waivers, overrides and custom policies", () => {
  const waiver = (fields: Record<string, string>) =>
    `rule: ${fields["rule"] ?? "metric-regression"}\nscope: { model: demand-forecast }\nreason: Accepted trade-off.\nticket: RISK-1\n` +
    `approved_by: ${fields["approved_by"] ?? "carol"}\nexpires: ${fields["expires"] ?? "2027-01-01T00:00:00Z"}\n`;
  const regressed = async (): Promise<void> => {
    await repo.write(
      "models/demand-forecast/versions/1.2.0.yaml",
      (await readRepoFile(repo, "models/demand-forecast/versions/1.1.0.yaml"))
        .replace('version: "1.1.0"', 'version: "1.2.0"')
        .replace(/\n {2}mae: [0-9.]+/, "\n  mae: 4.5"),
    );
    await replaceIn(
      repo,
      "environments/staging.yaml",
      /demand-forecast:\n {4}traffic:\n {6}- \{ version: 1\.1\.0/,
      "demand-forecast:\n    traffic:\n      - { version: 1.2.0",
    );
  };
  const reviews = [{ reviewer: "alice" }, { reviewer: "carol" }];

  it("an active waiver suppresses the matching finding and is reported", async () => {
    const head = await branch(repo, "waived", async () => {
      await regressed();
      await repo.write("waivers/mae-tradeoff.yaml", waiver({}));
    });
    const { code, decision } = await check(head, { reviews });
    expect(decision.violations).toEqual([]);
    expect(code).toBe(0);
    expect(decision.waived.map((w) => [w.rule, w.waivers])).toEqual([
      ["metric-regression", ["mae-tradeoff"]],
    ]);
  });

  it.each([
    ["expired", { expires: "2026-11-01T00:00:00Z" }, "expired at 2026-11-01T00:00:00Z"],
    ["approved by the author", { approved_by: "frank" }, "approved by frank, the author of this change"],
    ["approved outside the allowed teams", { approved_by: "bob" }, "bob is not a member of retail/risk"],
  ])("a waiver %s does nothing and is reported as a warning", async (_name, fields, message) => {
    const head = await branch(repo, `waiver-${_name.replace(/ /g, "-")}`, async () => {
      await regressed();
      await repo.write("waivers/mae-tradeoff.yaml", waiver(fields));
    });
    const { code, decision } = await check(head, { reviews });
    expect(code).toBe(1);
    expect(ruleIds(decision.violations)).toEqual(["metric-regression"]);
    const w = decision.warnings.find((f) => f.rule === "waiver-validity");
    expect(w?.message).toContain(message);
    expect(w?.file).toBe("waivers/mae-tradeoff.yaml");
  });

  it("a waiver for an unknown rule id does nothing and denies until fixed", async () => {
    const head = await branch(repo, "waiver-unknown-rule", async () => {
      await regressed();
      await repo.write("waivers/mae-tradeoff.yaml", waiver({ rule: "metric-regresion" }));
    });
    const { code, decision } = await check(head, { reviews });
    expect(code).toBe(1);
    expect(ruleIds(decision.violations)).toEqual(["metric-regression", "waiver-validity"]);
    const v = decision.violations.find((f) => f.rule === "waiver-validity");
    expect(v?.message).toBe(
      "waiver mae-tradeoff names rule metric-regresion, which no policy defines; it does not apply",
    );
    expect(v).toMatchObject({ file: "waivers/mae-tradeoff.yaml", line: 1 });
  });

  it("a contract in a _TRANSITIVE mode is judged against earlier versions from git history", async () => {
    // main: 1.0.0 with categories mall/street/outlet; base: 2.0.0 drops outlet (a major, accepted);
    // head: 2.1.0 changes a description only: compatible with 2.0.0, breaking against 1.0.0.
    await repo.git("checkout", "-q", "-B", "transitive-base", "main");
    await replaceIn(repo, "contracts/stockout-risk.yaml", 'version: "1.0.0"', 'version: "2.0.0"');
    await replaceIn(
      repo,
      "contracts/stockout-risk.yaml",
      "compatibility: BACKWARD",
      "compatibility: BACKWARD_TRANSITIVE",
    );
    await replaceIn(
      repo,
      "contracts/stockout-risk.yaml",
      "categories: [mall, street, outlet]",
      "categories: [mall, street]",
    );
    const base = await repo.commit("contract 2.0.0");
    await replaceIn(repo, "contracts/stockout-risk.yaml", 'version: "2.0.0"', 'version: "2.1.0"');
    await replaceIn(
      repo,
      "contracts/stockout-risk.yaml",
      "Units on hand at the start of the day.",
      "Units on hand at opening.",
    );
    const head = await repo.commit("contract 2.1.0");
    await repo.git("checkout", "-q", "main");
    const { decision } = await check(head, {
      base,
      reviews: [{ reviewer: "bob" }, { reviewer: "carol" }, { reviewer: "erin" }],
    });
    expect(ruleIds(decision.violations)).toEqual(["contract-compatibility"]);
    expect(decision.violations[0]!.message).toContain(
      "input store_format: categories_removed (removed outlet) against 1.0.0",
    );
    const [contract] = decision.changes.contracts as unknown as {
      transitive: { against_version: string; compatible: boolean; breaking: { change: string }[] }[];
      transitive_basis: string;
    }[];
    expect(contract!.transitive_basis).toMatch(/^git history \(\d+ earlier versions?\)$/);
    expect(contract!.transitive.find((t) => t.against_version === "1.0.0")).toMatchObject({
      compatible: false,
      breaking: [{ change: "categories_removed" }],
    });
  });

  it("an enforcement override on the target branch turns the denial into a warning and is reported", async () => {
    const override = () =>
      replaceIn(
        repo,
        "modelgate.yaml",
        "metric-regression: { enforcement: enforce",
        "metric-regression: { enforcement: warn",
      );
    const base = await branch(repo, "override-base", override);
    const head = await branch(repo, "override", regressed, "override-base");
    const { code, decision } = await check(head, { base, reviews: [{ reviewer: "alice" }] });
    expect(code).toBe(0);
    expect(ruleIds(decision.warnings)).toEqual(["metric-regression"]);
    const lines = (await repo.git("show", `${base}:modelgate.yaml`)).split("\n");
    expect(decision.overrides).toHaveLength(1);
    expect(decision.overrides[0]).toMatchObject({
      rule: "metric-regression",
      default: "enforce",
      configured: "warn",
      file: "modelgate.yaml",
    });
    expect(lines[decision.overrides[0]!.line - 1]).toContain("metric-regression:");
    // the same override made inside the change itself does not apply to it
    const inside = await branch(repo, "override-inside", async () => {
      await regressed();
      await override();
    });
    const own = await check(inside, { reviews: [{ reviewer: "alice" }, { reviewer: "dave" }] });
    expect(own.code).toBe(1);
    expect(ruleIds(own.decision.violations)).toEqual(["metric-regression"]);
  });

  it("a waiver written in the change applies only once its approver approved the change", async () => {
    const head = await branch(repo, "waiver-not-reviewed", async () => {
      await regressed();
      await repo.write("waivers/mae-tradeoff.yaml", waiver({}));
    });
    const { code, decision } = await check(head, { reviews: [{ reviewer: "alice" }] });
    expect(code).toBe(1);
    expect(ruleIds(decision.violations)).toEqual(["metric-regression", "required-approvals"]);
    expect(decision.warnings.find((w) => w.rule === "waiver-validity")?.message).toContain(
      "carol has not approved this change",
    );
  });

  it("custom policies add denials and warnings under their own ids", async () => {
    const rego = `package modelgate.custom.lineage

# Every new version names its parent; versions of demand-forecast should say who trained them.
deny contains {"id": "version-parent", "message": sprintf("%s %s has no parent", [v.model, v.version]), "file": v.file, "line": v.line} if {
\tsome v in input.changes.versions
\tv.kind == "added"
\tnot input.state.models[v.model].versions[v.version].parent
}

warn contains {"id": "touch-note", "message": sprintf("%s touched", [m])} if {
\tsome m in input.changes.touched_models
}
`;
    const base = await branch(repo, "custom-base", () => repo.write("policies/lineage.rego", rego));
    const head = await branch(
      repo,
      "custom",
      async () =>
        repo.write(
          "models/demand-forecast/versions/1.2.0.yaml",
          (await readRepoFile(repo, "models/demand-forecast/versions/1.1.0.yaml"))
            .replace('version: "1.1.0"', 'version: "1.2.0"')
            .replace(/\nparent: [^\n]*/, ""),
        ),
      "custom-base",
    );
    const { code, decision } = await check(head, {
      base,
      reviews: [{ reviewer: "alice" }, { reviewer: "dave" }, { reviewer: "carol" }],
    });
    expect(code).toBe(1);
    expect(decision.violations.map((v) => [v.rule, v.message, v.file])).toEqual([
      ["version-parent", "demand-forecast 1.2.0 has no parent", "models/demand-forecast/versions/1.2.0.yaml"],
    ]);
    expect(ruleIds(decision.warnings)).toEqual(["touch-note"]);
  });
});
