import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareSemver, parseSemver } from "../../src/shared/semver.js";
import { parseRfc3339Ns } from "../../src/policy/rfc3339.js";
import {
  compilePolicyBundle,
  createHostBuiltins,
  execFileProcess,
  loadPolicy,
  type OpaToolchain,
  type WasmPolicy,
} from "../../src/policy/index.js";
import { FakeClock, makeTempDir, realToolchain } from "./support.js";

const NOW = new Date("2026-11-23T13:00:00.123Z");
const NOW_NS = BigInt(NOW.getTime()) * 1_000_000n;

const TIMESTAMPS = [
  "2026-11-23T13:00:00.123456789+01:00",
  "2026-11-23T13:00:00Z",
  "2026-11-23T13:00:00.5-07:30",
  "2026-01-01T00:00:00,5Z",
  "1970-01-01T00:00:00Z",
  "1969-12-31T23:59:59.999999999Z",
  "2024-02-29T12:00:00Z",
  "2023-02-29T12:00:00Z",
  "2262-04-11T23:47:16.854775807Z",
  "2262-04-11T23:47:16.854775808Z",
  "1677-09-21T00:12:43.145224192Z",
  "0001-01-01T00:00:00Z",
  "2026-13-01T00:00:00Z",
  "2026-11-23 13:00:00Z",
  "2026-11-23t13:00:00z",
  "2026-11-23T24:00:00Z",
  "2026-11-23T13:00:60Z",
  "2026-11-23T13:00:00+24:00",
  "2026-11-23T13:00:00+24:60",
  "2026-11-23T13:00:00+25:00",
  "2026-11-23T13:00:00+23:61",
  "2026-11-23T13:00:00.1234567891Z",
  "2026-11-23T13:00:00.Z",
  "2026-11-23T13:00:00",
  "not a time",
];

const VERSIONS = [
  "1.0.0",
  "v1.0.0",
  "1.0.0-alpha",
  "1.0.0-alpha.1",
  "1.0.0-alpha.beta",
  "1.0.0-beta",
  "1.0.0-beta.2",
  "1.0.0-beta.11",
  "1.0.0-rc.1",
  "1.0.0+build.5",
  "1.0.0-rc.1+build.1",
  "2.0.0",
  "1.10.0",
  "1.2.3-01",
  "01.2.3",
  "1.2",
  "1.2.3.4",
  "1.2.3-",
  "1.2.3+",
  "",
  "1.2.3-a..b",
  "9223372036854775808.0.0",
];

describe("host builtins in a compiled policy", () => {
  let temp: { path: string; remove: () => Promise<void> };
  let toolchain: OpaToolchain;
  let policy: WasmPolicy;
  let clock: FakeClock;

  beforeAll(async () => {
    temp = await makeTempDir("builtins");
    toolchain = await realToolchain();
    const bundle = await compilePolicyBundle({
      sources: [
        {
          path: "policies/time.rego",
          content: `package modelgate.time

now_is_exact if time.now_ns() == ${NOW_NS}

now_ms := time.now_ns() / 1000000

stable_within_query if {
\ta := time.now_ns()
\tb := time.now_ns()
\ta == b
}

parsed_is_exact if time.parse_rfc3339_ns(input.timestamp) == ${parseRfc3339Ns("2026-11-23T13:00:00.123456789+01:00")}

age_days := (time.now_ns() - time.parse_rfc3339_ns(input.trained_at)) / (((24 * 60) * 60) * 1000000000)
`,
        },
        {
          path: "policies/semver.rego",
          content: `package modelgate.semver

bump := semver.compare(input.to, input.from)

valid := semver.is_valid(input.version)
`,
        },
      ],
      entrypoints: [
        "modelgate/time/now_is_exact",
        "modelgate/time/now_ms",
        "modelgate/time/stable_within_query",
        "modelgate/time/parsed_is_exact",
        "modelgate/time/age_days",
        "modelgate/semver/bump",
        "modelgate/semver/valid",
      ],
      cacheDir: join(temp.path, "cache"),
      toolchain,
    });
    clock = new FakeClock(NOW);
    policy = await loadPolicy(bundle.wasm, { builtins: createHostBuiltins({ clock }) });
  });
  afterAll(() => temp.remove());

  it("time.now_ns comes from the injected clock, exact to the nanosecond", () => {
    expect(policy.evaluate("modelgate/time/now_is_exact", {})).toBe(true);
    expect(policy.evaluate("modelgate/time/now_ms", {})).toBe(NOW.getTime());
    clock.advance(1);
    expect(policy.evaluate("modelgate/time/now_ms", {})).toBe(NOW.getTime() + 1);
    clock.advance(-1);
  });

  it("time.now_ns is read once per evaluation", () => {
    const before = clock.calls;
    expect(policy.evaluate("modelgate/time/stable_within_query", {})).toBe(true);
    expect(clock.calls - before).toBe(1);
  });

  it("time.parse_rfc3339_ns is exact and works with time.now_ns", () => {
    expect(
      policy.evaluate("modelgate/time/parsed_is_exact", { timestamp: "2026-11-23T13:00:00.123456789+01:00" }),
    ).toBe(true);
    expect(policy.evaluate("modelgate/time/age_days", { trained_at: "2026-11-13T13:00:00.123Z" })).toBe(10);
  });

  it("fails closed on a timestamp it cannot parse, naming the builtin", () => {
    expect(() => policy.evaluate("modelgate/time/age_days", { trained_at: "last week" })).toThrow(
      expect.objectContaining({
        code: "builtin_failed",
        details: { entrypoint: "modelgate/time/age_days", builtin: "time.parse_rfc3339_ns" },
      }),
    );
  });

  it("semver.compare and semver.is_valid", () => {
    expect(policy.evaluate("modelgate/semver/bump", { from: "1.2.3", to: "1.3.0" })).toBe(1);
    expect(policy.evaluate("modelgate/semver/bump", { from: "1.3.0", to: "1.3.0-rc.1" })).toBe(-1);
    expect(policy.evaluate("modelgate/semver/bump", { from: "v1.3.0", to: "1.3.0+build.7" })).toBe(0);
    expect(policy.evaluate("modelgate/semver/valid", { version: "1.0.0-beta.1" })).toBe(true);
    expect(policy.evaluate("modelgate/semver/valid", { version: "1.0" })).toBe(false);
    expect(policy.evaluate("modelgate/semver/valid", { version: 3 })).toBe(false);
    expect(() => policy.evaluate("modelgate/semver/bump", { from: "1.0", to: "1.1.0" })).toThrow(
      expect.objectContaining({
        code: "builtin_failed",
        message: expect.stringContaining("operand 2: string 1.0 is not a valid SemVer"),
      }),
    );
  });
});

/** The same builtins in OPA's Go evaluator (`opa eval`) are the reference for ours. */
describe("host builtins agree with OPA's own implementation", () => {
  let toolchain: OpaToolchain;
  beforeAll(async () => {
    toolchain = await realToolchain();
  });

  async function opaEval(query: string): Promise<unknown> {
    const result = await execFileProcess(toolchain.path, ["eval", "--format", "json", query]);
    expect(result.exitCode).toBe(0);
    const parsed = JSON.parse(result.stdout) as { result: { bindings: { x: unknown } }[] };
    return parsed.result[0]?.bindings.x;
  }

  it("time.parse_rfc3339_ns", async () => {
    const expected = await opaEval(
      `x := {t: sprintf("%d", [time.parse_rfc3339_ns(t)]) | some t in ${JSON.stringify(TIMESTAMPS)}}`,
    );
    const ours: Record<string, string> = {};
    for (const t of TIMESTAMPS) {
      const ns = parseRfc3339Ns(t);
      if (ns !== undefined) ours[t] = ns.toString();
    }
    expect(ours).toEqual(expected);
  });

  it("semver.is_valid and semver.compare", async () => {
    const valid = await opaEval(`x := {v: semver.is_valid(v) | some v in ${JSON.stringify(VERSIONS)}}`);
    expect(Object.fromEntries(VERSIONS.map((v) => [v, parseSemver(v) !== undefined]))).toEqual(valid);

    const good = VERSIONS.filter((v) => parseSemver(v) !== undefined);
    const compared = await opaEval(
      `x := {concat(" ", [a, b]): semver.compare(a, b) | some a in ${JSON.stringify(good)}; some b in ${JSON.stringify(good)}}`,
    );
    const ours: Record<string, number> = {};
    for (const a of good) {
      for (const b of good) {
        const left = parseSemver(a);
        const right = parseSemver(b);
        if (left !== undefined && right !== undefined) ours[`${a} ${b}`] = compareSemver(left, right);
      }
    }
    expect(ours).toEqual(compared);
  });
});
