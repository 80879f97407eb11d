import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import {
  loadRegistry,
  openFolderSource,
  openGitSource,
  type RegistryDiagnostic,
} from "../../src/registry/index.js";
import { listCases, materialize, minimalDir } from "./corpus.js";
import { captureIo } from "../helpers/capture-io.js";

const cases = await listCases();

function expectWellFormed(errors: RegistryDiagnostic[]): void {
  for (const e of errors) {
    expect(e.file).toMatch(/^[^/].*[^/]$/);
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.column).toBeGreaterThanOrEqual(1);
    expect(e.code).toMatch(/^[a-z0-9-]+$/);
    expect(`${e.message} ${e.hint ?? ""}`).not.toMatch(/\n\s+at |Error:/); // no stack traces
  }
}

describe("bad-input corpus (engine/test/fixtures/registry/invalid)", () => {
  it("starts from a minimal registry that is valid", async () => {
    const result = await loadRegistry(await openFolderSource(minimalDir));
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.ok && Object.keys(result.state.models)).toEqual(["churn"]);
  });

  it("holds every case the format must reject", () => {
    expect(cases.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        "yaml-syntax",
        "duplicate-key",
        "unknown-key",
        "wrong-type",
        "missing-field",
        "invalid-semver",
        "bad-sha256",
        "weights-sum",
        "missing-model",
        "missing-version",
        "missing-contract",
        "missing-slo",
        "version-name-mismatch",
        "alias-bomb",
        "file-too-large",
        "not-utf8",
        "symlink-escape",
        "artifact-uri-escape",
      ]),
    );
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    "%s: reports exactly the expected errors, from git and from the folder",
    async (_name, testCase) => {
      expect(testCase.errors.length).toBeGreaterThan(0);
      const repo = await materialize(testCase);
      try {
        for (const source of [
          await openGitSource(repo.dir, "HEAD", testCase.options),
          await openFolderSource(repo.dir, testCase.options),
        ]) {
          const started = performance.now();
          const result = await loadRegistry(source, testCase.options);
          const elapsed = performance.now() - started;
          expect(result.ok, source.description).toBe(false);
          const errors = result.ok ? [] : result.errors;
          expectWellFormed(errors);
          expect(
            errors.map((e) => ({ file: e.file, line: e.line, code: e.code })),
            source.description,
          ).toEqual(testCase.errors.map((e) => ({ file: e.file, line: e.line, code: e.code })));
          errors.forEach((e, i) => expect(e.message).toContain(testCase.errors[i]!.message));
          if (testCase.name === "alias-bomb") expect(elapsed).toBeLessThan(2000); // refused before expanding
        }
      } finally {
        await repo.cleanup();
      }
    },
  );

  it.each(["unknown-key", "weights-sum", "alias-bomb", "symlink-escape"])(
    "%s through the CLI: exit 1, file:line and the message, in text and json",
    async (name) => {
      const testCase = cases.find((c) => c.name === name)!;
      const repo = await materialize(testCase);
      try {
        const text = captureIo(repo.dir);
        expect(await main(["validate", "--rev", "HEAD"], text)).toBe(1);
        const first = testCase.errors[0]!;
        expect(text.out()).toContain(`${first.file}:${first.line}:`);
        expect(text.out()).toContain(first.message);
        expect(text.out()).toMatch(/✗ registry invalid: \d+ errors? in \d+ files?/);
        expect(text.err()).toBe("");

        const json = captureIo(repo.dir);
        expect(await main(["validate", repo.dir, "--format", "json"], json)).toBe(1);
        const report = JSON.parse(json.out()) as {
          ok: boolean;
          errors: RegistryDiagnostic[];
          warnings: RegistryDiagnostic[];
        };
        expect(report.ok).toBe(false);
        expect(report.errors.map((e) => [e.file, e.line, e.code])).toEqual(
          testCase.errors.map((e) => [e.file, e.line, e.code]),
        );
        expect(Object.keys(report.errors[0]!)).toEqual(
          expect.arrayContaining(["file", "line", "column", "pointer", "message", "code"]),
        );
      } finally {
        await repo.cleanup();
      }
    },
  );
});
