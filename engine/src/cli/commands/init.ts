import { execFile } from "node:child_process";
import { cp, mkdir, readdir, stat } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { promisify } from "node:util";
import { packageRoot } from "../../shared/project-paths.js";
import { ExitCode, parseCommandArgs, UsageError, type CliIo, type Command } from "../command.js";

const run = promisify(execFile);

const help = `Usage: modelgate init DIR

Creates a new registry repo in DIR from the built-in template (example models with ONNX artifacts,
contracts, SLOs, staging and production environments, CODEOWNERS), runs \`git init -b main\` and makes
the first commit. DIR must not exist or be empty.

Options:
  -h, --help      show this help

Examples:
  modelgate init my-registry
  cd my-registry && modelgate validate
`;

/** Paths of the template that are build leftovers, not part of a registry. */
function skipped(relativePath: string): boolean {
  const parts = relativePath.split(sep);
  return parts.includes("__pycache__") || parts.includes("node_modules") || parts[0] === ".git";
}

export const initCommand: Command = {
  name: "init",
  summary: "create a new registry repo from the template",
  help,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { positionals } = parseCommandArgs(argv, {});
    if (positionals.length !== 1) throw new UsageError("expected exactly one DIR");
    const dir = resolve(io.cwd, positionals[0]!);
    const info = await stat(dir).catch(() => undefined);
    if (info && !info.isDirectory()) throw new UsageError(`${dir} exists and is not a folder`);
    if (info && (await readdir(dir)).length > 0)
      throw new UsageError(`${dir} is not empty; pick a new or empty folder`);
    const template = join(packageRoot(), "registry-repo-template");
    if (!(await stat(template).catch(() => undefined))?.isDirectory())
      throw new Error(`the registry template is missing from the package (${template})`);

    await mkdir(dir, { recursive: true });
    await cp(template, dir, { recursive: true, filter: (src) => !skipped(relative(template, src)) });
    const git = (...args: string[]) => run("git", args, { cwd: dir });
    await git("init", "--quiet", "-b", "main");
    await git("add", "-A");
    const identity: string[] = [];
    const name = await git("config", "user.name").then(
      (r) => r.stdout.trim(),
      () => "",
    );
    const email = await git("config", "user.email").then(
      (r) => r.stdout.trim(),
      () => "",
    );
    if (!name) identity.push("-c", "user.name=modelgate");
    if (!email) identity.push("-c", "user.email=modelgate@localhost");
    await git(...identity, "commit", "--quiet", "-m", "Registry from the modelgate template");

    io.stdout(
      [
        `✓ created a registry repo in ${dir} (branch main, first commit made)`,
        "",
        "Next steps:",
        `  cd ${displayPath(io.cwd, dir)}`,
        "  modelgate validate                 # check every file",
        "  edit modelgate.yaml                # name, teams, forge (local or github)",
        "  edit CODEOWNERS                    # who approves what",
        "  git remote add origin <url> && git push -u origin main",
        "",
      ].join("\n"),
    );
    return ExitCode.ok;
  },
};

/** The shortest way to reach `dir` from where the user is: relative when it stays below, else absolute. */
function displayPath(cwd: string, dir: string): string {
  const rel = relative(cwd, dir);
  if (rel === "") return ".";
  return rel.startsWith("..") ? dir : rel;
}
