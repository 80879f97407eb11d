import { describe, expect, it } from "vitest";
import { loadRegistry, openFolderSource, openGitSource } from "../../src/registry/index.js";
import { createTempGitRepo, templateDir } from "../helpers/temp-git.js";

describe("registry-repo-template", () => {
  it("every file of the template validates, in the folder and once committed", async () => {
    const folder = await loadRegistry(await openFolderSource(templateDir));
    expect(folder.ok ? [] : folder.errors).toEqual([]);
    expect(folder.warnings).toEqual([]);
    const state = folder.ok ? folder.state : undefined;
    expect(Object.keys(state?.models ?? {}).length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(state?.environments ?? {}).sort()).toEqual(["production", "staging"]);
    for (const model of Object.values(state?.models ?? {})) {
      expect(state?.contracts[model.card.data.contract], model.card.file).toBeDefined();
      expect(Object.keys(model.versions).length).toBeGreaterThan(0);
    }
    expect(state?.codeowners.length).toBeGreaterThan(0);

    const repo = await createTempGitRepo({ fromTemplate: true });
    try {
      const committed = await loadRegistry(await openGitSource(repo.dir, "HEAD"));
      expect(committed.ok ? [] : committed.errors).toEqual([]);
    } finally {
      await repo.cleanup();
    }
  });
});
