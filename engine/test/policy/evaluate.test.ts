import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PolicyEvaluationError,
  PolicyLoadError,
  compilePolicyBundle,
  createHostBuiltins,
  loadPolicy,
  mibToPages,
  type BuiltinMap,
  type OpaToolchain,
  type WasmPolicy,
} from "../../src/policy/index.js";
import { SDK_YAML_BUILTINS, sdkYamlBuiltinsFile } from "../../src/policy/evaluate.js";
import { FakeClock, makeTempDir, realToolchain } from "./support.js";

const DECISION = `package modelgate.decision

default allow := false

allow if {
\tcount(deny) == 0
\tinput.approvals >= 1
}

deny contains msg if {
\tsome m in input.models
\tm.risk == "high"
\tnot m.reviewed
\tmsg := sprintf("model %s is high risk and not reviewed", [m.name])
}

# Undefined unless the input names an environment.
environment := input.environment

summary := {"models": count(input.models), "keys": sort(object.keys({"b": 2, "a": 1}))}

# Called only when asked, so the rest of the policy still evaluates.
digest := crypto.sha256(input.text) if input.text

greeting := shout(input.name)
`;

const SHOUT = `package modelgate.decision

shout(x) := custom.shout(x)
`;

describe("loadPolicy / evaluate", () => {
  let temp: { path: string; remove: () => Promise<void> };
  let toolchain: OpaToolchain;
  let wasm: Buffer;
  let policy: WasmPolicy;
  const shout: BuiltinMap = {
    "custom.shout": ([value]) => {
      if (typeof value !== "string") throw new Error("expects a string");
      return `${value.toUpperCase()}!`;
    },
  };

  beforeAll(async () => {
    temp = await makeTempDir("evaluate");
    toolchain = await realToolchain();
    const bundle = await compilePolicyBundle({
      sources: [
        { path: "policies/decision.rego", content: DECISION },
        { path: "policies/shout.rego", content: SHOUT },
      ],
      entrypoints: [
        "modelgate/decision/allow",
        "modelgate/decision/deny",
        "modelgate/decision/environment",
        "modelgate/decision/summary",
        "modelgate/decision/digest",
        "modelgate/decision/greeting",
      ],
      customBuiltins: [{ name: "custom.shout", args: [{ type: "string" }], result: { type: "string" } }],
      cacheDir: join(temp.path, "cache"),
      toolchain,
    });
    wasm = bundle.wasm;
    policy = await loadPolicy(wasm, {
      builtins: {
        ...createHostBuiltins({ clock: new FakeClock(new Date(0)) }),
        ...shout,
        "crypto.sha256": () => "stub",
      },
    });
  });
  afterAll(() => temp.remove());

  it("loads once and evaluates many inputs", () => {
    const ok = { approvals: 1, models: [{ name: "churn", risk: "high", reviewed: true }] };
    const bad = { approvals: 1, models: [{ name: "churn", risk: "high" }] };
    for (let i = 0; i < 50; i++) {
      expect(policy.evaluate("modelgate/decision/allow", ok)).toBe(true);
      expect(policy.evaluate("modelgate/decision/allow", bad)).toBe(false);
    }
    expect(policy.evaluate("modelgate/decision/deny", bad)).toEqual([
      "model churn is high risk and not reviewed",
    ]);
    expect(policy.evaluate("modelgate/decision/deny", ok)).toEqual([]);
    expect(policy.entrypoints).toContain("modelgate/decision/deny");
  });

  it("uses natively compiled builtins (object.keys, count) and the SDK's sprintf", () => {
    expect(policy.requiredBuiltins).not.toContain("object.keys");
    expect(policy.requiredBuiltins).toEqual(["crypto.sha256", "custom.shout", "sprintf"]);
    expect(policy.evaluate("modelgate/decision/summary", { models: [1, 2, 3] })).toEqual({
      models: 3,
      keys: ["a", "b"],
    });
  });

  it("unwraps an undefined result to undefined, and evaluateDefined fails closed on it", () => {
    expect(policy.evaluate("modelgate/decision/environment", {})).toBeUndefined();
    expect(policy.evaluate("modelgate/decision/environment", { environment: "prod" })).toBe("prod");
    expect(() => policy.evaluateDefined("modelgate/decision/environment", {})).toThrow(
      expect.objectContaining({ name: "PolicyEvaluationError", code: "undefined_result" }),
    );
  });

  it("runs custom host builtins and names one that throws", () => {
    expect(policy.evaluate("modelgate/decision/greeting", { name: "ada" })).toBe("ADA!");
    const error = catchError(() => policy.evaluate("modelgate/decision/greeting", { name: 7 }));
    expect(error.code).toBe("builtin_failed");
    expect(error.details).toEqual({ entrypoint: "modelgate/decision/greeting", builtin: "custom.shout" });
    expect(error.message).toContain("custom.shout: expects a string");
  });

  it("rejects an entrypoint the module does not export", () => {
    const error = catchError(() => policy.evaluate("modelgate/decision/nope", {}));
    expect(error.code).toBe("unknown_entrypoint");
    expect(error.message).toContain("modelgate/decision/allow");
  });

  it("refuses to load a policy that calls a builtin the host does not supply, naming it", async () => {
    const error = await loadPolicy(wasm, { builtins: shout }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyLoadError);
    expect(error).toMatchObject({ code: "missing_builtins", details: { builtins: ["crypto.sha256"] } });
    expect((error as Error).message).toContain("crypto.sha256");
  });

  it("fails closed when evaluation reaches an unsupported builtin", async () => {
    const lenient = await loadPolicy(wasm, { builtins: shout, allowMissingBuiltins: true });
    expect(lenient.evaluate("modelgate/decision/allow", { approvals: 1, models: [] })).toBe(true);
    const error = catchError(() => lenient.evaluate("modelgate/decision/digest", { text: "abc" }));
    expect(error.code).toBe("unsupported_builtin");
    expect(error.details.builtin).toBe("crypto.sha256");
    expect(error.message).toMatch(/called builtin crypto\.sha256, which modelgate does not supply/);
    // The instance stays usable after a failed evaluation.
    expect(lenient.evaluate("modelgate/decision/allow", { approvals: 0, models: [] })).toBe(false);
  });

  it("fails closed on an input larger than the policy memory, and keeps working after", async () => {
    const small = await loadPolicy(wasm, {
      builtins: { ...shout, "crypto.sha256": () => "stub" },
      memoryPages: { initial: mibToPages(1), maximum: mibToPages(2) },
    });
    const models = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ name: `model-${i}`, risk: "low", reviewed: true }));
    expect(small.evaluate("modelgate/decision/allow", { approvals: 1, models: models(100) })).toBe(true);
    for (const n of [20_000, 200_000]) {
      // ~0.9 MiB (runs out while parsing inside the module) and ~9 MiB (larger than memory itself)
      const error = catchError(() =>
        small.evaluate("modelgate/decision/allow", { approvals: 1, models: models(n) }),
      );
      expect(error.code).toBe("input_too_large");
      expect(error.message).toMatch(/^input too large for policy memory \(2 MiB\); raise policy\.memory_mib/);
    }
    expect(small.evaluate("modelgate/decision/allow", { approvals: 1, models: models(100) })).toBe(true);
  });

  it("handles big inputs with the default memory", () => {
    const models = Array.from({ length: 20_000 }, (_, i) => ({
      name: `model-${i}`,
      risk: "low",
      reviewed: true,
    }));
    expect(policy.evaluate("modelgate/decision/summary", { models })).toEqual({
      models: 20_000,
      keys: ["a", "b"],
    });
  });

  it("rejects input that is not JSON", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    expect(catchError(() => policy.evaluate("modelgate/decision/allow", cyclic)).code).toBe("invalid_input");
    expect(catchError(() => policy.evaluate("modelgate/decision/allow", () => 1)).code).toBe("invalid_input");
  });

  it("refuses bytes that are not a WASM policy", async () => {
    await expect(loadPolicy(Buffer.from("not wasm"))).rejects.toMatchObject({
      name: "PolicyLoadError",
      code: "invalid_wasm",
    });
  });
});

function catchError(fn: () => unknown): PolicyEvaluationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyEvaluationError);
    return error as PolicyEvaluationError;
  }
  throw new Error("expected a PolicyEvaluationError");
}

describe("the SDK's yaml.* builtins, loaded on first call", () => {
  it("forwards exactly the builtins the pinned SDK's module exports", () => {
    const require = createRequire(import.meta.url);
    const file = sdkYamlBuiltinsFile(require);
    // A separate process: in this one the module may be the forwarders already.
    const names = execFileSync(process.execPath, [
      "-e",
      `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(file)}))))`,
    ]).toString();
    expect(JSON.parse(names)).toEqual([...SDK_YAML_BUILTINS]);
  });

  it("answers through the forwarders once a policy has loaded the SDK", async () => {
    // Not WASM: the load fails after the SDK is required, which is all this needs.
    await loadPolicy(Buffer.from("not wasm")).catch(() => undefined);
    const require = createRequire(import.meta.url);
    const builtins = require(sdkYamlBuiltinsFile(require)) as Record<string, (arg: unknown) => unknown>;
    expect(builtins["yaml.unmarshal"]!("a: [1, 2]")).toEqual({ a: [1, 2] });
    expect(builtins["yaml.is_valid"]!("a: [1")).toBe(false);
    expect(builtins["yaml.marshal"]!({ b: "x" })).toBe("b: x\n");
  });
});
