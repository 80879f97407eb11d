/**
 * The decision bundle: the built-in library (policies/) plus the registry's own `policies/*.rego`,
 * compiled together into one cached WASM module with the entrypoint `modelgate/main/decision`.
 */
import { readFileSync, statSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import {
  PolicyCompileError,
  compilePolicyBundle,
  type CompiledPolicyBundle,
  type OpaToolchain,
  type PolicyCompileProblem,
  type PolicySource,
} from "../policy/index.js";
import { packageRoot } from "../shared/project-paths.js";

export const DECISION_ENTRYPOINT = "modelgate/main/decision";
/** Prefix of built-in sources inside the bundle, so compile errors say where they come from. */
export const BUILTIN_PREFIX = "builtin/";
export const CUSTOM_NAMESPACE = "modelgate.custom";

export function builtinPoliciesDir(): string {
  return join(packageRoot(), "policies");
}

const isTestFile = (path: string): boolean => path.endsWith("_test.rego") || path.split("/").includes("test");

async function listRego(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listRego(full)));
    else if (entry.isFile() && entry.name.endsWith(".rego")) out.push(full);
  }
  return out.sort();
}

let builtinCache: Promise<PolicySource[]> | undefined;

/** The built-in rules (tests excluded), paths prefixed with `builtin/`. Read once per process. */
export function builtinPolicySources(): Promise<PolicySource[]> {
  builtinCache ??= (async () => {
    const dir = builtinPoliciesDir();
    const files = await listRego(dir);
    const sources: PolicySource[] = [];
    for (const file of files) {
      const rel = relative(dir, file).split(sep).join("/");
      if (isTestFile(rel)) continue;
      sources.push({ path: `${BUILTIN_PREFIX}${rel}`, content: await readFile(file, "utf8") });
    }
    return sources;
  })();
  return builtinCache;
}

const PACKAGE_LINE = /^\s*package\s+([^\s#]+)/m;

/**
 * The repository's policies (tests excluded), checked to live under `modelgate.custom.*`: a custom
 * policy can add denials and warnings but cannot define or replace built-in rules or the aggregator.
 */
export function customPolicySources(policies: readonly { path: string; content: string }[]): PolicySource[] {
  const problems: PolicyCompileProblem[] = [];
  const sources: PolicySource[] = [];
  for (const policy of policies) {
    if (!policy.path.endsWith(".rego") || isTestFile(policy.path)) continue;
    const match = PACKAGE_LINE.exec(policy.content);
    const pkg = match?.[1];
    if (pkg === undefined || !pkg.startsWith(`${CUSTOM_NAMESPACE}.`)) {
      const line = match
        ? policy.content.slice(0, match.index + match[0].indexOf("package")).split("\n").length
        : 1;
      problems.push({
        file: policy.path,
        line,
        column: 1,
        code: "custom_namespace",
        message: `custom policies must declare \`package ${CUSTOM_NAMESPACE}.<name>\` (found ${pkg === undefined ? "no package" : `\`package ${pkg}\``})`,
      });
      continue;
    }
    sources.push({ path: policy.path, content: policy.content });
  }
  if (problems.length > 0) throw new PolicyCompileError(problems);
  return sources;
}

/** Where compiled bundles are cached: `$XDG_CACHE_HOME/modelgate` when set, else `<repo>/.modelgate/cache`. */
/**
 * Where compiled bundles and base-tree stamps are cached: `$XDG_CACHE_HOME/modelgate`, else inside the
 * repository's git directory (`.git/modelgate/cache`), else `~/.cache/modelgate`. Never in the work
 * tree: a cache entry there could be committed by a pull request and stand in for the real policies.
 */
export function defaultCacheDir(repoDir: string, env: NodeJS.ProcessEnv): string {
  const xdg = env["XDG_CACHE_HOME"];
  if (xdg) return join(xdg, "modelgate");
  const gitDir = findGitDir(repoDir);
  if (gitDir) return join(gitDir, "modelgate", "cache");
  return join(homedir(), ".cache", "modelgate");
}

/** The `.git` folder of a work tree (following a `gitdir:` file for linked work trees), if any. */
function findGitDir(repoDir: string): string | undefined {
  const dotGit = join(repoDir, ".git");
  try {
    const stat = statSync(dotGit);
    if (stat.isDirectory()) return dotGit;
    if (stat.isFile()) {
      const match = /^gitdir:\s*(.+)\s*$/m.exec(readFileSync(dotGit, "utf8"));
      if (match?.[1]) return isAbsolute(match[1]) ? match[1] : resolve(repoDir, match[1]);
    }
  } catch {
    // not a git work tree (or no access): fall back to the user's cache folder
  }
  return undefined;
}

export interface BuildDecisionBundleOptions {
  /** The registry's `policies/*.rego` (from RegistryState.policies). */
  custom: readonly { path: string; content: string }[];
  cacheDir: string;
  toolchain?: OpaToolchain;
}

export async function buildDecisionBundle(
  options: BuildDecisionBundleOptions,
): Promise<CompiledPolicyBundle> {
  const sources = [...(await builtinPolicySources()), ...customPolicySources(options.custom)];
  return compilePolicyBundle({
    sources,
    entrypoints: [DECISION_ENTRYPOINT],
    cacheDir: options.cacheDir,
    ...(options.toolchain ? { toolchain: options.toolchain } : {}),
  });
}
