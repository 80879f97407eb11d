import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import {
  builtinPoliciesDir,
  buildDecisionBundle,
  customPolicySources,
  defaultCacheDir,
} from "../../gate/index.js";
import { execFileProcess, resolveOpa } from "../../policy/index.js";
import { ExitCode, parseCommandArgs, UsageError, type CliIo, type Command } from "../command.js";

const help = `Usage: modelgate policy build [--repo DIR]
       modelgate policy test  [--repo DIR]

  build   compiles the built-in policies and the repo's policies/*.rego into one WebAssembly bundle,
          cached by content hash under $XDG_CACHE_HOME/modelgate (or <repo>/.modelgate/cache);
          prints the bundle hash and whether it came from the cache
  test    runs \`opa test\` on the built-in policies and the repo's policies/ (with their *_test.rego)

Custom policies live in package modelgate.custom.<name> and emit \`deny\` / \`warn\` sets of
{id, message, file?, line?, remediation?, severity?, scope?}. See docs/policies.md.

Options:
  --repo DIR   the registry repo (default: the current folder)
  -h, --help   show this help

Exit codes: 0 ok, 1 tests failed, 2 compile error or OPA missing.
`;

async function listRego(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const out: string[] = [];
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listRego(full)));
    else if (entry.isFile() && entry.name.endsWith(".rego")) out.push(full);
  }
  return out.sort();
}

async function repoPolicies(repo: string): Promise<{ path: string; content: string }[]> {
  const files = await listRego(join(repo, "policies"));
  return Promise.all(
    files.map(async (f) => ({
      path: relative(repo, f).split(sep).join("/"),
      content: await readFile(f, "utf8"),
    })),
  );
}

export const policyCommand: Command = {
  name: "policy",
  summary: "build (compile + cache) or test the policy bundle",
  help,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, { repo: { type: "string" } });
    const [sub, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
    const repo = resolve(io.cwd, values.repo ?? ".");
    if (sub === "build") {
      const toolchain = await resolveOpa({ env: io.env });
      const bundle = await buildDecisionBundle({
        custom: await repoPolicies(repo),
        cacheDir: defaultCacheDir(repo, io.env),
        toolchain,
      });
      io.stdout(
        `${bundle.hash} ${bundle.fromCache ? "cache hit" : "compiled"} (OPA ${bundle.opaVersion}, ${bundle.wasm.length} bytes)\n`,
      );
      return ExitCode.ok;
    }
    if (sub === "test") {
      const toolchain = await resolveOpa({ env: io.env });
      const custom = await repoPolicies(repo);
      customPolicySources(custom); // namespace check: a clear error instead of an odd test failure
      // Built-ins and the repo's policies (with tests) side by side in one temp tree.
      const work = await mkdtemp(join(tmpdir(), "modelgate-policy-test-"));
      try {
        const builtins = builtinPoliciesDir();
        for (const file of await listRego(builtins)) {
          const target = join(work, "builtin", relative(builtins, file));
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, await readFile(file));
        }
        for (const p of custom) {
          const target = join(work, "repo", p.path);
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, p.content);
        }
        const result = await execFileProcess(toolchain.path, ["test", "-v", "."], {
          cwd: work,
          timeoutMs: 300_000,
        });
        io.stdout(result.stdout.replaceAll(`${work}/`, ""));
        if (result.stderr) io.stderr(result.stderr.replaceAll(`${work}/`, ""));
        return result.exitCode === 0
          ? ExitCode.ok
          : result.exitCode === 2
            ? ExitCode.findings
            : ExitCode.error;
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    }
    throw new UsageError(
      sub === undefined ? "expected a subcommand: build or test" : `unknown subcommand ${sub}`,
    );
  },
};
