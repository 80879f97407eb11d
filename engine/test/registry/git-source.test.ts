import { cp, symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import {
  GitPathReader,
  loadRegistry,
  openFolderSource,
  openGitSource,
  RegistrySourceError,
} from "../../src/registry/index.js";
import { createTempGitRepo, type TempGitRepo } from "../helpers/temp-git.js";
import { minimalDir } from "./corpus.js";
import { captureIo } from "../helpers/capture-io.js";

describe("reading a registry at a git revision", () => {
  let repo: TempGitRepo;
  let commitA: string;
  let commitB: string;

  beforeAll(async () => {
    repo = await createTempGitRepo();
    await cp(minimalDir, repo.dir, { recursive: true });
    commitA = await repo.commit("A: valid registry");
    // B: production routes to a version that does not exist.
    await repo.write(
      "environments/production.yaml",
      "name: production\nmodels:\n  churn:\n    traffic:\n      - { version: 9.9.9, weight: 100 }\n",
    );
    commitB = await repo.commit("B: invalid registry");
    // Working tree: neither A nor B — B plus an SLO with an unknown key, not committed.
    await repo.write(
      "slos/churn.yaml",
      "name: churn\nwindow: 30d\nobjectives:\n  availability: { target: 0.999 }\nowner: nobody\n",
    );
  });
  afterAll(() => repo.cleanup());

  it("validates each commit as it was: A passes, B fails, the working tree differs from both", async () => {
    const a = await loadRegistry(await openGitSource(repo.dir, commitA));
    expect(a.ok).toBe(true);
    expect(a.ok && a.state.revision).toBe(commitA);

    const b = await loadRegistry(await openGitSource(repo.dir, "HEAD"));
    expect(b.ok).toBe(false);
    expect(!b.ok && b.errors.map((e) => [e.file, e.line, e.code])).toEqual([
      ["environments/production.yaml", 5, "missing-reference"],
    ]);
    expect(!b.ok && b.state?.revision).toBe(commitB);

    const folder = await loadRegistry(await openFolderSource(repo.dir));
    expect(folder.ok).toBe(false);
    expect(!folder.ok && folder.errors.map((e) => [e.file, e.code]).sort()).toEqual([
      ["environments/production.yaml", "missing-reference"],
      ["slos/churn.yaml", "unknown-key"],
    ]);
    expect(!folder.ok && folder.state?.revision).toBeUndefined();
  });

  it("modelgate validate --rev: exit 0 for A, 1 for B, 2 for a revision that does not exist", async () => {
    const okIo = captureIo(repo.dir);
    expect(await main(["validate", "--rev", commitA.slice(0, 10)], okIo)).toBe(0);
    expect(okIo.out()).toMatch(/✓ registry valid: 1 model, 2 versions, 2 environments/);

    const badIo = captureIo(repo.dir);
    expect(await main(["validate", ".", "--rev", "main"], badIo)).toBe(1);
    expect(badIo.out()).toContain("environments/production.yaml:5:");
    expect(badIo.out()).toContain("version `9.9.9` of model `churn` does not exist");

    const missingIo = captureIo(repo.dir);
    expect(await main(["validate", "--rev", "no-such-branch"], missingIo)).toBe(2);
    expect(missingIo.err()).toContain("revision 'no-such-branch' does not exist");
    expect(missingIo.err()).not.toMatch(/\n\s+at /);
    await expect(openGitSource(repo.dir, "deadbeef")).rejects.toBeInstanceOf(RegistrySourceError);
  });

  it("reports a folder that is not a git repository as a clear error (exit 2)", async () => {
    const io = captureIo(minimalDir);
    expect(await main(["validate", "--rev", "HEAD", "/"], io)).toBe(2);
    expect(io.err()).toMatch(/cannot read git repository|does not exist/);
    const usage = captureIo(repo.dir);
    expect(await main(["validate", "--format", "yaml"], usage)).toBe(2);
    expect(usage.err()).toContain("--format must be one of text, json");
  });

  it("follows a committed symlink that stays inside the repository, refuses one that leaves it", async () => {
    const linked = await createTempGitRepo();
    try {
      await cp(minimalDir, linked.dir, { recursive: true });
      await linked.write(
        "shared/churn-slo.yaml",
        "name: churn\nwindow: 7d\nobjectives:\n  availability: { target: 0.99 }\n",
      );
      await linked.remove("slos/churn.yaml");
      await symlink("../shared/churn-slo.yaml", join(linked.dir, "slos/churn.yaml"));
      await linked.commit("slo through a link");
      const inside = await loadRegistry(await openGitSource(linked.dir, "HEAD"));
      expect(inside.ok ? [] : inside.errors).toEqual([]);
      expect(inside.ok && inside.state.slos.churn?.data.window).toBe("7d");

      await linked.remove("slos/churn.yaml");
      await symlink("/etc/hostname", join(linked.dir, "slos/churn.yaml"));
      await linked.commit("slo through an absolute link");
      const outside = await loadRegistry(await openGitSource(linked.dir, "HEAD"));
      expect(!outside.ok && outside.errors.map((e) => [e.file, e.line, e.code])).toEqual([
        ["slos/churn.yaml", 1, "symlink-escape"],
      ]);
    } finally {
      await linked.cleanup();
    }
  });

  it("reads every file with one cat-file stream and reports an oversized blob without buffering it", async () => {
    const big = await createTempGitRepo();
    try {
      await cp(minimalDir, big.dir, { recursive: true });
      await big.write("waivers/huge.yaml", `reason: "${"x".repeat(3 * 1024 * 1024)}"\n`);
      await big.commit("huge");
      const source = await openGitSource(big.dir, "HEAD");
      const seen: string[] = [];
      for await (const [path, content] of source.readFiles([
        "waivers/huge.yaml",
        "modelgate.yaml",
        "CODEOWNERS",
      ])) {
        seen.push(
          `${path}:${content instanceof Error ? (content as { code?: string }).code : content.length > 0}`,
        );
      }
      expect(seen.sort()).toEqual([
        "CODEOWNERS:true",
        "modelgate.yaml:true",
        "waivers/huge.yaml:file-too-large",
      ]);
      await expect(source.readFile("nope.yaml")).rejects.toThrow(/no such file/);
      await expect(source.readFile("../etc/passwd")).rejects.toThrow(/not a path inside the repository/);
    } finally {
      await big.cleanup();
    }
  });

  it("reads by path without a listing exactly as the listing source does (links, limits, missing files)", async () => {
    const linked = await createTempGitRepo();
    try {
      await cp(minimalDir, linked.dir, { recursive: true });
      await linked.write("shared/owners", "* @someone\n");
      await linked.remove("CODEOWNERS");
      await symlink("shared/owners", join(linked.dir, "CODEOWNERS"));
      await linked.write("waivers/huge.yaml", `reason: "${"x".repeat(2 * 1024 * 1024)}"\n`);
      const head = await linked.commit("a linked CODEOWNERS and a huge waiver");
      const paths = ["modelgate.yaml", "CODEOWNERS", "waivers/huge.yaml", "nope.yaml", "../etc/passwd"];
      const read = async (source: {
        readEach?: (p: readonly string[], f: (p: string, c: Buffer | Error) => void) => Promise<void>;
      }): Promise<string[]> => {
        const out: string[] = [];
        await source.readEach!(paths, (path, content) =>
          out.push(`${path}:${content instanceof Error ? content.message : content.toString("utf8")}`),
        );
        return out.sort();
      };
      const listed = await read(await openGitSource(linked.dir, head));
      const reader = new GitPathReader(linked.dir, head, new Set(["CODEOWNERS"]));
      expect(await read(reader)).toEqual(listed);
      expect(listed.find((l) => l.startsWith("CODEOWNERS:"))).toBe("CODEOWNERS:* @someone\n");
      expect(listed.find((l) => l.startsWith("waivers/huge.yaml:"))).toMatch(/more than the limit/);
      expect(listed.find((l) => l.startsWith("nope.yaml:"))).toMatch(/no such file/);
    } finally {
      await linked.cleanup();
    }
  });
});
