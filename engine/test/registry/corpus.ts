import { cp, readdir, readFile, rm, stat, symlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { mkdir } from "node:fs/promises";
import { createTempGitRepo, type TempGitRepo } from "../helpers/temp-git.js";

export const fixturesDir = join(import.meta.dirname, "../fixtures/registry");
export const minimalDir = join(fixturesDir, "minimal");
export const invalidDir = join(fixturesDir, "invalid");

/** One bad-input case: `invalid/<name>/` = a patch onto `minimal/` plus what the loader must say. */
export interface CorpusCase {
  name: string;
  description: string;
  /** Files deleted from the minimal registry before the patch is applied. */
  remove?: string[];
  /** Symbolic links created after the patch: path -> target. */
  symlinks?: Record<string, string>;
  /** Loader options for this case (e.g. a lowered size limit). */
  options?: { maxFileBytes?: number };
  /** Exactly the errors expected, in the loader's order (file, then line). */
  errors: { file: string; line: number; code: string; message: string }[];
}

export async function listCases(): Promise<CorpusCase[]> {
  const names = (await readdir(invalidDir)).sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      ...(JSON.parse(await readFile(join(invalidDir, name, "expected.json"), "utf8")) as Omit<
        CorpusCase,
        "name"
      >),
    })),
  );
}

/** A temp git repo holding the minimal registry with the case applied and committed. */
export async function materialize(testCase: CorpusCase): Promise<TempGitRepo> {
  const repo = await createTempGitRepo({ prefix: `modelgate-${testCase.name}-` });
  await cp(minimalDir, repo.dir, { recursive: true });
  for (const path of testCase.remove ?? []) await repo.remove(path);
  const patch = join(invalidDir, testCase.name, "patch");
  if (await stat(patch).catch(() => undefined)) await cp(patch, repo.dir, { recursive: true });
  for (const [path, target] of Object.entries(testCase.symlinks ?? {})) {
    await mkdir(dirname(join(repo.dir, path)), { recursive: true });
    await rm(join(repo.dir, path), { force: true });
    await symlink(target, join(repo.dir, path));
  }
  await repo.commit(`case ${testCase.name}`);
  return repo;
}
