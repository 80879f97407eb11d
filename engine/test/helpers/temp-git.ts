import { execFile } from "node:child_process";
import { cp, mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Absolute path of the project root (where package.json lives). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const templateDir = join(projectRoot, "registry-repo-template");

/** A real git repository in a temp folder; every test that needs Git gets one from here. */
export interface TempGitRepo {
  readonly dir: string;
  git(...args: string[]): Promise<string>;
  write(path: string, content: string | Buffer): Promise<void>;
  remove(path: string): Promise<void>;
  /** Stages everything and commits; returns the new commit sha. */
  commit(message: string): Promise<string>;
  head(): Promise<string>;
  cleanup(): Promise<void>;
}

const gitEnv = {
  GIT_AUTHOR_NAME: "Test Author",
  GIT_AUTHOR_EMAIL: "author@example.test",
  GIT_COMMITTER_NAME: "Test Author",
  GIT_COMMITTER_EMAIL: "author@example.test",
  GIT_CONFIG_NOSYSTEM: "1",
};

export async function createTempGitRepo(
  options: { fromTemplate?: boolean; prefix?: string } = {},
): Promise<TempGitRepo> {
  const dir = await mkdtemp(join(tmpdir(), options.prefix ?? "modelgate-test-"));
  const git = async (...args: string[]): Promise<string> => {
    const { stdout } = await run("git", args, {
      cwd: dir,
      env: { ...process.env, ...gitEnv },
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout.trim();
  };
  await git("init", "--quiet", "--initial-branch=main");
  await git("config", "commit.gpgsign", "false");
  if (options.fromTemplate) {
    await cp(templateDir, dir, {
      recursive: true,
      filter: (src) => !src.includes(`${join("training", "__pycache__")}`),
    });
  }
  const repo: TempGitRepo = {
    dir,
    git,
    async write(path, content) {
      const full = join(dir, path);
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, content);
    },
    async remove(path) {
      await rm(join(dir, path), { recursive: true, force: true });
    },
    async commit(message) {
      await git("add", "-A");
      await git("commit", "--quiet", "--allow-empty", "-m", message);
      return git("rev-parse", "HEAD");
    },
    head: () => git("rev-parse", "HEAD"),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
  if (options.fromTemplate) await repo.commit("registry from template");
  return repo;
}
