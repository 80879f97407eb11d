import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadRegistry, openFolderSource } from "../../src/registry/index.js";
import { createTempGitRepo, type TempGitRepo } from "../helpers/temp-git.js";

let repo: TempGitRepo | undefined;
afterEach(() => repo?.cleanup());

describe("modelgate.yaml reconcile settings", () => {
  it("accepts self_heal and interval and hands them to the engine", async () => {
    repo = await createTempGitRepo({ fromTemplate: true });
    await appendFile(join(repo.dir, "modelgate.yaml"), "reconcile:\n  self_heal: false\n  interval: 2s\n");
    const result = await loadRegistry(await openFolderSource(repo.dir));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.state.config.data.reconcile).toEqual({ self_heal: false, interval: "2s" });
  });

  it("names the file, line and the key it meant for a typo", async () => {
    repo = await createTempGitRepo({ fromTemplate: true });
    await appendFile(join(repo.dir, "modelgate.yaml"), "reconcile:\n  self_heel: false\n  interval: soon\n");
    const result = await loadRegistry(await openFolderSource(repo.dir));
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    const typo = errors.find((e) => e.code === "unknown-key");
    expect(typo).toMatchObject({ file: "modelgate.yaml", pointer: "/reconcile/self_heel" });
    expect(typo?.hint).toContain("self_heal");
    expect(errors.some((e) => e.pointer === "/reconcile/interval")).toBe(true);
  });
});
