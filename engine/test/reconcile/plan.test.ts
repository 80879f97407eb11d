import { describe, expect, it } from "vitest";
import { computePlan, formatPlan } from "../../src/reconcile/plan.js";
import type { ActualState, DesiredEnvironment, DesiredVersion } from "../../src/reconcile/ports.js";
import type { Contract } from "../../src/registry/types.js";

const contract: Contract = { name: "c", version: "1.0.0", compatibility: "NONE", inputs: [], outputs: [] };
const sha = (v: string): string => v.replace(/\./g, "").padEnd(64, "a");
const version = (v: string): DesiredVersion => ({
  version: v,
  artifact: { uri: `file:a/${v}`, sha256: sha(v), size: 1 },
  contract,
});

function desired(
  traffic: Record<string, number>,
  shadow?: { version: string; percent: number },
): DesiredEnvironment {
  const versions = Object.fromEntries(
    [...Object.keys(traffic), ...(shadow ? [shadow.version] : [])].map((v) => [v, version(v)]),
  );
  return {
    environment: "production",
    revision: "abc123",
    selfHeal: true,
    models: {
      m: {
        routing: {
          traffic: Object.entries(traffic).map(([v, w], i) => ({
            version: v,
            weight: w,
            role: i === 0 ? "stable" : "canary",
          })),
          ...(shadow ? { shadow } : {}),
        },
        versions,
        validation: "reject",
      },
    },
  };
}

describe("computePlan", () => {
  it("loads every version, then routes, on an empty runtime", () => {
    const plan = computePlan(desired({ "1.0.0": 90, "1.1.0": 10 }, { version: "1.2.0", percent: 20 }), {
      models: {},
    });
    expect(plan.steps.map((s) => s.action)).toEqual([
      "load",
      "load",
      "load",
      "shift-traffic",
      "start-shadow",
    ]);
    expect(plan.steps[3]).toMatchObject({
      from: [],
      to: [
        { version: "1.0.0", weight: 90 },
        { version: "1.1.0", weight: 10, role: "canary" },
      ],
    });
  });

  it("is empty when the runtime already matches, whatever the order of the traffic list", () => {
    const want = desired({ "1.0.0": 90, "1.1.0": 10 });
    const actual: ActualState = {
      models: {
        m: {
          loaded: [
            { version: "1.1.0", sha256: sha("1.1.0") },
            { version: "1.0.0", sha256: sha("1.0.0") },
          ],
          routing: {
            traffic: [
              { version: "1.1.0", weight: 10, role: "canary" },
              { version: "1.0.0", weight: 90, role: "stable" },
            ],
          },
        },
      },
    };
    expect(computePlan(want, actual).steps).toEqual([]);
    expect(formatPlan(computePlan(want, actual))).toContain("nothing to do");
  });

  it("orders load → shift → stop shadow → unload for a promotion", () => {
    const actual: ActualState = {
      models: {
        m: {
          loaded: [
            { version: "1.0.0", sha256: sha("1.0.0") },
            { version: "0.9.0", sha256: sha("0.9.0") },
          ],
          routing: {
            traffic: [{ version: "1.0.0", weight: 100, role: "stable" }],
            shadow: { version: "0.9.0", percent: 5 },
          },
        },
        gone: {
          loaded: [{ version: "3.0.0", sha256: sha("3.0.0") }],
          routing: { traffic: [{ version: "3.0.0", weight: 100, role: "stable" }] },
        },
      },
    };
    const plan = computePlan(desired({ "2.0.0": 100 }), actual);
    expect(plan.steps.map((s) => `${s.action} ${s.model}${"version" in s ? ` ${s.version}` : ""}`)).toEqual([
      "load m 2.0.0",
      "shift-traffic gone",
      "shift-traffic m",
      "stop-shadow m 0.9.0",
      "unload gone 3.0.0",
      "unload m 0.9.0",
      "unload m 1.0.0",
    ]);
    expect(formatPlan(plan)).toMatch(/1\. load m 2\.0\.0 .*fetch → verify → load → check contract → warm/);
  });

  it("sees a weight override, a changed shadow percent, a different artifact and a tampered cache file", () => {
    const want = desired({ "1.0.0": 100 }, { version: "1.1.0", percent: 10 });
    const actual: ActualState = {
      models: {
        m: {
          loaded: [
            { version: "1.0.0", sha256: sha("1.0.0") },
            { version: "1.1.0", sha256: "f".repeat(64) },
          ],
          routing: {
            traffic: [{ version: "1.0.0", weight: 50, role: "stable" }],
            shadow: { version: "1.1.0", percent: 50 },
          },
        },
      },
    };
    const steps = computePlan(want, actual, { tamperedArtifacts: new Set([sha("1.0.0")]) }).steps;
    expect(steps).toEqual([
      { action: "refetch", model: "m", version: "1.0.0", sha256: sha("1.0.0"), uri: "file:a/1.0.0" },
      {
        action: "load",
        model: "m",
        version: "1.1.0",
        sha256: sha("1.1.0"),
        uri: "file:a/1.1.0",
        reason: "artifact-changed",
      },
      {
        action: "shift-traffic",
        model: "m",
        from: [{ version: "1.0.0", weight: 50, role: "stable" }],
        to: [{ version: "1.0.0", weight: 100, role: "stable" }],
      },
      { action: "start-shadow", model: "m", version: "1.1.0", percent: 10 },
    ]);
  });
});
