import { describe, expect, it } from "vitest";
import { classifyBump, computeChangeSet, higherIsBetter } from "../../src/changes/index.js";
import { baseRegistry, buildState, clone, version, type PlainRegistry } from "./state-fixtures.js";

const now = new Date("2026-11-23T00:00:00Z");

function diff(edit: (r: PlainRegistry) => void) {
  const base = baseRegistry();
  const head = clone(base);
  head.revision = "head000";
  edit(head);
  return computeChangeSet(buildState(base), buildState(head), { now });
}

describe("version bump kinds", () => {
  it.each([
    [undefined, "1.0.0", "initial"],
    ["1.0.0", "2.0.0", "major"],
    ["1.0.0", "1.1.0", "minor"],
    ["1.0.0", "1.0.1", "patch"],
    ["1.0.0", "1.0.1-rc.1", "patch"],
    ["1.0.1-rc.1", "1.0.1", "prerelease"],
    ["1.1.0", "1.0.5", "not-increasing"],
    ["1.0.0", "1.0.0", "not-increasing"],
    ["1.0.0", "one", "invalid"],
  ] as const)("%s -> %s is %s", (previous, next, want) => {
    expect(classifyBump(previous, next)).toBe(want);
  });

  it("a new version is judged against the latest existing version of its model", () => {
    const cs = diff((r) => {
      r.models["stockout-risk"]!.versions["1.0.0"] = version("1.0.0", {
        metrics: { accuracy: 0.88, auc: 0.93 },
      });
      r.models["stockout-risk"]!.versions["1.1.0"] = version("1.1.0");
    });
    expect(cs.versions).toMatchObject([
      {
        model: "stockout-risk",
        version: "1.1.0",
        kind: "added",
        bump: "minor",
        previous: "1.0.0",
        immutable_edit: false,
        age_days: 53,
      },
    ]);
    expect(cs.versions[0]!.file).toBe("models/stockout-risk/versions/1.1.0.yaml");
    expect(cs.versions[0]!.line).toBe(1);
    expect(cs.touched_models).toEqual(["stockout-risk"]);
    expect(cs.versions[0]!.slice_gaps).toEqual([
      { attribute: "store_format", metric: "accuracy", gap: 0.02, best_slice: "street", worst_slice: "mall" },
    ]);
  });
});

describe("immutability", () => {
  it("an edit of an existing version lists each changed pointer with its line", () => {
    const cs = diff((r) => {
      const v = r.models["stockout-risk"]!.versions["1.0.0"]!;
      v.artifact.sha256 = "b".repeat(64);
      v.metrics = { accuracy: 0.95, auc: 0.93 };
    });
    const [change] = cs.versions;
    expect(change).toMatchObject({ kind: "changed", immutable_edit: true });
    expect(change!.edits.map((e) => e.pointer)).toEqual(["/artifact/sha256", "/metrics/accuracy"]);
    // YAML written as: version, artifact{uri, sha256,...} -> sha256 is on line 4
    expect(change!.edits[0]!.line).toBe(4);
    expect(change!.line).toBe(4);
    expect(change!.edits[1]!.line).toBeGreaterThan(4);
  });

  it("no change, no items", () => {
    const cs = diff(() => {});
    expect(cs).toMatchObject({
      versions: [],
      contracts: [],
      traffic: [],
      placements: [],
      models: [],
      touched_models: [],
    });
  });
});

describe("traffic and placements", () => {
  it("a canary in production: traffic before/after, placement facts and metric deltas vs stable", () => {
    const cs = diff((r) => {
      r.models["stockout-risk"]!.versions["1.1.0"] = version("1.1.0", {
        metrics: { accuracy: 0.85, auc: 0.95, log_loss: 0.3 },
      });
      r.environments.production!.models["stockout-risk"]!.traffic = [
        { version: "1.0.0", weight: 90 },
        { version: "1.1.0", weight: 10, role: "canary" },
      ];
    });
    expect(cs.traffic).toHaveLength(1);
    expect(cs.traffic[0]).toMatchObject({
      environment: "production",
      model: "stockout-risk",
      kind: "changed",
      before: { traffic: [{ version: "1.0.0", weight: 100 }] },
      after: {
        traffic: [
          { version: "1.0.0", weight: 90 },
          { version: "1.1.0", weight: 10, role: "canary" },
        ],
      },
      file: "environments/production.yaml",
    });
    expect(cs.placements).toHaveLength(1);
    const [p] = cs.placements;
    expect(p).toMatchObject({
      environment: "production",
      version: "1.1.0",
      role: "canary",
      weight: 10,
      new_to_environment: true,
      model_new_to_environment: false,
      promote_from: "staging",
      served_in_promote_from: false,
      protected: true,
      current_stable: "1.0.0",
    });
    expect(p!.line).toBeGreaterThan(1);
    expect(p!.metric_deltas).toEqual([
      {
        metric: "accuracy",
        proposed: 0.85,
        current: 0.88,
        delta: -0.03,
        higher_is_better: true,
        regression: 0.03,
      },
      {
        metric: "auc",
        proposed: 0.95,
        current: 0.93,
        delta: 0.02,
        higher_is_better: true,
        regression: -0.02,
      },
    ]);
  });

  it("served in staging at base or head counts for promotion; shadow is its own placement", () => {
    const cs = diff((r) => {
      r.models["stockout-risk"]!.versions["1.1.0"] = version("1.1.0");
      r.environments.staging!.models["stockout-risk"]!.traffic = [{ version: "1.1.0", weight: 100 }];
      r.environments.production!.models["stockout-risk"]!.shadow = { version: "1.1.0", percent: 20 };
    });
    const prod = cs.placements.find((p) => p.environment === "production")!;
    expect(prod).toMatchObject({ role: "shadow", weight: 20, served_in_promote_from: true });
    const staging = cs.placements.find((p) => p.environment === "staging")!;
    expect(staging).toMatchObject({ role: "stable", current_stable: "1.0.0", new_to_environment: true });
    expect(staging.promote_from).toBeUndefined();
  });

  it("a weight change of an existing placement is a traffic change but not a new placement", () => {
    const base = baseRegistry();
    base.models["stockout-risk"]!.versions["1.1.0"] = version("1.1.0");
    base.environments.production!.models["stockout-risk"]!.traffic = [
      { version: "1.0.0", weight: 90 },
      { version: "1.1.0", weight: 10, role: "canary" },
    ];
    const head = clone(base);
    head.environments.production!.models["stockout-risk"]!.traffic = [
      { version: "1.0.0", weight: 50 },
      { version: "1.1.0", weight: 50, role: "canary" },
    ];
    const cs = computeChangeSet(buildState(base), buildState(head), { now });
    expect(cs.traffic).toHaveLength(1);
    expect(cs.placements).toEqual([]);
  });

  it("lower-is-better metrics count a rise as a regression", () => {
    expect(higherIsBetter("mae")).toBe(false);
    expect(higherIsBetter("val_rmse")).toBe(false);
    expect(higherIsBetter("accuracy")).toBe(true);
  });
});

describe("contracts and other documents", () => {
  it("a changed contract carries its classification, version bump and consumer owners", () => {
    const cs = diff((r) => {
      const c = r.contracts["stockout-risk"]!;
      c.version = "1.1.0";
      c.inputs[0]!.max = 1000;
    });
    expect(cs.contracts).toHaveLength(1);
    expect(cs.contracts[0]).toMatchObject({
      name: "stockout-risk",
      kind: "changed",
      mode: "BACKWARD",
      from_version: "1.0.0",
      to_version: "1.1.0",
      version_bump: "minor",
      compatible: false,
      breaking_count: 1,
      consumer_owners: ["@retail/planning"],
      file: "contracts/stockout-risk.yaml",
    });
    expect(cs.contracts[0]!.field_changes[0]).toMatchObject({
      field: "on_hand_units",
      change: "range_narrowed",
      compatible: false,
    });
    expect(cs.contracts[0]!.transitive).toBeUndefined();
    expect(cs.touched_models).toEqual(["stockout-risk"]);
  });

  it("transitive mode without history says it judged against base only", () => {
    const cs = diff((r) => {
      const c = r.contracts["stockout-risk"]!;
      c.compatibility = "BACKWARD_TRANSITIVE";
    });
    expect(cs.contracts[0]).toMatchObject({
      transitive: [],
      transitive_basis: "base only (no history available)",
    });
  });

  it("cards, SLOs, waivers and config changes are listed with file and line", () => {
    const cs = diff((r) => {
      r.models["stockout-risk"]!.card.limitations = "Changed.";
      r.slos!["stockout-risk"]!.retrain_after_days = 30;
      r.waivers = {
        "w-1": {
          rule: "metric-regression",
          reason: "x",
          approved_by: "carol",
          expires: "2027-01-01T00:00:00Z",
        },
      };
      r.config.name = "renamed";
    });
    expect(cs.models).toMatchObject([
      {
        name: "stockout-risk",
        kind: "changed",
        changed_pointers: ["/limitations"],
        file: "models/stockout-risk/model.yaml",
      },
    ]);
    expect(cs.slos).toMatchObject([
      { name: "stockout-risk", kind: "changed", changed_pointers: ["/retrain_after_days"] },
    ]);
    expect(cs.waivers).toMatchObject([{ name: "w-1", kind: "added", file: "waivers/w-1.yaml" }]);
    expect(cs.config).toMatchObject([
      { kind: "changed", changed_pointers: ["/name"], file: "modelgate.yaml", line: 1 },
    ]);
    expect(cs.files).toEqual([
      "modelgate.yaml",
      "models/stockout-risk/model.yaml",
      "slos/stockout-risk.yaml",
      "waivers/w-1.yaml",
    ]);
  });
});

describe("restricted to the changed files", () => {
  it("compares only documents in changed files, so a partial base load is enough", () => {
    const base = baseRegistry();
    base.models["demand-forecast"] = {
      card: {
        ...base.models["stockout-risk"]!.card,
        name: "demand-forecast",
        risk_tier: "low",
        contract: "stockout-risk",
      },
      versions: { "1.0.0": version("1.0.0") },
    };
    const head = clone(base);
    head.models["stockout-risk"]!.versions["1.1.0"] = version("1.1.0");
    head.models["demand-forecast"]!.card.limitations = "edited, but the file is not in the changed list";
    // the base as a scoped load sees only the touched model
    const partialBase = clone(base);
    delete partialBase.models["demand-forecast"];
    const cs = computeChangeSet(buildState(partialBase), buildState(head), {
      now,
      files: ["models/stockout-risk/versions/1.1.0.yaml"],
    });
    expect(cs.versions.map((v) => [v.model, v.version, v.kind, v.bump])).toEqual([
      ["stockout-risk", "1.1.0", "added", "minor"],
    ]);
    expect(cs.models).toEqual([]);
    expect(cs.touched_models).toEqual(["stockout-risk"]);
    expect(cs.files).toEqual(["models/stockout-risk/versions/1.1.0.yaml"]);
  });
});
