import { readdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  PolicyCompileError,
  compilePolicyBundle,
  execFileProcess,
  type CompiledPolicyBundle,
  type ExecFileFn,
  type OpaToolchain,
  type PolicySource,
} from "../../src/policy/index.js";
import { makeTempDir, realToolchain } from "./support.js";

const MAIN: PolicySource = {
  path: "policies/main.rego",
  content: `package modelgate.main

import data.modelgate.lib

default allow := false

allow if {
\tinput.risk == "low"
\tlib.has_owner
}
`,
};
const LIB: PolicySource = {
  path: "policies/lib/owners.rego",
  content: `package modelgate.lib

has_owner if count(input.owners) > 0
`,
};

describe("compilePolicyBundle", () => {
  let temp: { path: string; remove: () => Promise<void> };
  let toolchain: OpaToolchain;
  let first: CompiledPolicyBundle;

  beforeAll(async () => {
    temp = await makeTempDir("compile");
    toolchain = await realToolchain();
    first = await compilePolicyBundle({
      sources: [MAIN, LIB],
      entrypoints: ["modelgate/main/allow"],
      cacheDir: join(temp.path, "cache"),
      toolchain,
    });
  });
  afterAll(() => temp.remove());

  it("builds a WASM module with opa build -t wasm", () => {
    expect(first.wasm.subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first).toMatchObject({
      entrypoints: ["modelgate/main/allow"],
      opaVersion: toolchain.version,
      fromCache: false,
    });
  });

  it("serves an unchanged policy from the cache without running opa", async () => {
    const exec = vi.fn<ExecFileFn>(execFileProcess);
    const cacheFile = join(temp.path, "cache", `${first.cacheKey}.wasm`);
    const mtimeBefore = (await stat(cacheFile)).mtimeMs;
    // Same sources in a different order: same key.
    const again = await compilePolicyBundle({
      sources: [LIB, MAIN],
      entrypoints: ["modelgate/main/allow"],
      cacheDir: join(temp.path, "cache"),
      toolchain,
      exec,
    });
    expect(exec).not.toHaveBeenCalled();
    expect(again).toMatchObject({ fromCache: true, hash: first.hash, cacheKey: first.cacheKey });
    expect((await stat(cacheFile)).mtimeMs).toBe(mtimeBefore);
  });

  it("recompiles when a source, an entrypoint or the OPA version changes", async () => {
    const exec = vi.fn<ExecFileFn>(execFileProcess);
    const cacheDir = join(temp.path, "cache");
    const changed = await compilePolicyBundle({
      sources: [{ ...MAIN, content: `${MAIN.content}\n# comment\n` }, LIB],
      entrypoints: ["modelgate/main/allow"],
      cacheDir,
      toolchain,
      exec,
    });
    expect(changed.fromCache).toBe(false);
    expect(changed.cacheKey).not.toBe(first.cacheKey);
    expect(exec).toHaveBeenCalledTimes(1);
    expect(exec.mock.calls[0]?.[1].slice(0, 3)).toEqual(["build", "-t", "wasm"]);

    const moreEntrypoints = await compilePolicyBundle({
      sources: [MAIN, LIB],
      entrypoints: ["modelgate/main/allow", "modelgate/lib/has_owner"],
      cacheDir,
      toolchain,
    });
    expect(moreEntrypoints.fromCache).toBe(false);

    const otherOpa = await compilePolicyBundle({
      sources: [MAIN, LIB],
      entrypoints: ["modelgate/main/allow"],
      cacheDir,
      toolchain: { ...toolchain, version: `${toolchain.version}-other` },
    });
    expect(otherOpa.fromCache).toBe(false);
    expect(otherOpa.cacheKey).not.toBe(first.cacheKey);
  });

  it("leaves only finished modules in the cache and replaces a damaged one", async () => {
    const cacheDir = join(temp.path, "cache");
    expect((await readdir(cacheDir)).every((name) => /^[0-9a-f]{64}\.wasm$/.test(name))).toBe(true);
    await writeFile(join(cacheDir, `${first.cacheKey}.wasm`), "half a module");
    const repaired = await compilePolicyBundle({
      sources: [MAIN, LIB],
      entrypoints: ["modelgate/main/allow"],
      cacheDir,
      toolchain,
    });
    expect(repaired).toMatchObject({ fromCache: false, hash: first.hash });
  });

  it("points a syntax error at the Rego file, line and column", async () => {
    const error = await compileError([
      LIB,
      { path: "policies/broken.rego", content: "package modelgate.broken\n\nallow if {\n\tinput.x >\n}\n" },
    ]);
    expect(error.problems).toEqual([
      {
        file: "policies/broken.rego",
        line: 5,
        column: 1,
        code: "rego_parse_error",
        message: "unexpected } token",
      },
    ]);
    expect(error.message).toContain("policies/broken.rego:5:1: rego_parse_error");
  });

  it("points type errors at the Rego file, line and column", async () => {
    const error = await compileError([
      {
        path: "policies/types.rego",
        content: "package modelgate.types\n\nallow if {\n\tn := count(5)\n\tn > 1\n}\n\nshout := upper(1)\n",
      },
    ]);
    expect(error.problems).toHaveLength(2);
    expect(error.problems[0]).toMatchObject({
      file: "policies/types.rego",
      line: 4,
      column: 7,
      code: "rego_type_error",
    });
    expect(error.problems[0]?.message).toContain("count");
    expect(error.problems[1]).toMatchObject({
      file: "policies/types.rego",
      line: 8,
      code: "rego_type_error",
    });
  });

  it("reports an entrypoint that names no rule", async () => {
    const error = await compileError([MAIN, LIB], ["modelgate/main/nope"]);
    expect(error.problems).toEqual([
      expect.objectContaining({
        file: undefined,
        code: "entrypoint_not_found",
        message: expect.stringContaining("modelgate/main/nope"),
      }),
    ]);
  });

  it("rejects malformed entrypoints and source paths before running opa", async () => {
    const exec = vi.fn<ExecFileFn>(execFileProcess);
    const badEntrypoint = await compileError([MAIN, LIB], ["data.modelgate.main.allow"], exec);
    expect(badEntrypoint.problems[0]).toMatchObject({ code: "entrypoint_invalid" });
    const badPaths = await compileError(
      [
        { path: "../outside.rego", content: "package x" },
        { path: "policies/data.json", content: "{}" },
        MAIN,
        MAIN,
      ],
      ["modelgate/main/allow"],
      exec,
    );
    expect(badPaths.problems.map((p) => [p.file, p.code])).toEqual([
      ["../outside.rego", "invalid_source"],
      ["policies/data.json", "invalid_source"],
      ["policies/main.rego", "invalid_source"],
    ]);
    expect(exec).not.toHaveBeenCalled();
  });

  it("checks custom builtin declarations", async () => {
    const source: PolicySource = {
      path: "policies/custom.rego",
      content: "package modelgate.custom\n\nscore := modelgate.risk_score(input.model)\n",
    };
    const undeclared = await compileError([source], ["modelgate/custom/score"]);
    expect(undeclared.problems[0]).toMatchObject({
      file: "policies/custom.rego",
      line: 3,
      code: "rego_type_error",
      message: "undefined function modelgate.risk_score",
    });
    const declared = await compilePolicyBundle({
      sources: [source],
      entrypoints: ["modelgate/custom/score"],
      customBuiltins: [
        { name: "modelgate.risk_score", args: [{ type: "string" }], result: { type: "number" } },
      ],
      cacheDir: join(temp.path, "cache"),
      toolchain,
    });
    expect(declared.fromCache).toBe(false);
    const clash = await compilePolicyBundle({
      sources: [source],
      entrypoints: ["modelgate/custom/score"],
      customBuiltins: [{ name: "time.now_ns", args: [], result: { type: "number" } }],
      cacheDir: join(temp.path, "cache"),
      toolchain,
    }).catch((e: unknown) => e);
    expect(clash).toMatchObject({
      name: "PolicyCompileError",
      problems: [expect.objectContaining({ code: "invalid_builtin" })],
    });
  });

  it("runs opa check --strict when asked", async () => {
    const source: PolicySource = {
      path: "policies/strict.rego",
      content: "package modelgate.strict\n\nimport data.unused\n\nallow if input.x == 1\n",
    };
    await expect(
      compilePolicyBundle({
        sources: [source],
        entrypoints: ["modelgate/strict/allow"],
        cacheDir: join(temp.path, "cache"),
        toolchain,
      }),
    ).resolves.toMatchObject({ fromCache: false });
    const error = await compileError([source], ["modelgate/strict/allow"], undefined, true);
    expect(error.problems[0]).toMatchObject({
      file: "policies/strict.rego",
      line: 3,
      code: "rego_compile_error",
    });
  });

  async function compileError(
    sources: PolicySource[],
    entrypoints: string[] = ["modelgate/main/allow"],
    exec?: ExecFileFn,
    strict?: boolean,
  ): Promise<PolicyCompileError> {
    const error = await compilePolicyBundle({
      sources,
      entrypoints,
      cacheDir: join(temp.path, "cache"),
      toolchain,
      ...(exec === undefined ? {} : { exec }),
      ...(strict === undefined ? {} : { strict }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyCompileError);
    return error as PolicyCompileError;
  }
});
