/**
 * `modelgate check` as a function: two revisions of a registry repo in, a decision out. Every failure
 * to produce a decision throws (GateError / PolicyError / registry errors); the caller exits 2.
 */
import { computeChangeSet, type ChangeSet } from "../changes/index.js";
import type { CompiledPolicyBundle, OpaToolchain } from "../policy/index.js";
import { loadRegistry } from "../registry/load.js";
import type { Contract, LoadResult, RegistrySource, RegistryState } from "../registry/types.js";
import type { ApprovalRecord } from "./approvals.js";
import { readBudgets } from "./budgets.js";
import { buildDecisionBundle, defaultCacheDir } from "./bundle.js";
import { evaluateDecision, loadDecisionPolicy, type Decision } from "./decision.js";
import { GateError } from "./errors.js";
import {
  loadBaseState,
  changeStatuses,
  loadHeadScoped,
  withFastEnvironmentPositions,
  type BaseStateResult,
  type CheckScope,
  type TextCache,
} from "./base-state.js";
import { assertAncestor, fileHistory, hashBlob, resolveCommits } from "./git.js";
import { assemblePolicyInput, type ArtifactCheck, type PolicyInput, type PullRequestFacts } from "./input.js";
import { join } from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { yamlLib } from "../registry/yaml/yaml-lib.js";

const run = promisify(execFile);

/**
 * Loads a registry at a commit (the registry module's loadRegistry over openGitSource). With
 * `include`, only the files it accepts are listed (used for the base revision, which is never
 * validated: only its documents are compared).
 */
export type RegistryLoader = ((
  repoDir: string,
  commit: string,
  options?: { include?: (path: string) => boolean },
) => Promise<LoadResult>) & {
  /**
   * Opens the source this loader reads, with the same file limit (`maxFileBytes`). When present,
   * `runCheck` loads the head scoped to what the change can affect (see loadHeadScoped in base-state.ts).
   * `commit` is always a full commit sha that runCheck has resolved and verified.
   */
  openSource?: (
    repoDir: string,
    commit: string,
    paths?: readonly string[],
  ) => Promise<RegistrySource & { symlinks?: () => string[] }>;
  maxFileBytes?: number;
};

export interface RunCheckOptions {
  repoDir: string;
  base: string;
  head: string;
  loadRegistry: RegistryLoader;
  now: Date;
  env: NodeJS.ProcessEnv;
  approvals?: readonly ApprovalRecord[];
  author?: string;
  labels?: readonly string[];
  pr?: { number?: number | string; branch?: string; title?: string; target_branch?: string };
  /** Error-budget snapshot; default `<repo>/.modelgate/budgets.json` when it exists. */
  budgetsPath?: string;
  cacheDir?: string;
  toolchain?: OpaToolchain;
  /** Put every model into `input.state` (default: only the models the change touches). */
  fullState?: boolean;
}

export interface CheckResult {
  decision: Decision;
  input: PolicyInput;
  changeSet: ChangeSet;
  base: string;
  head: string;
  bundle: Pick<CompiledPolicyBundle, "hash" | "fromCache" | "opaVersion">;
  /** Wall milliseconds per phase (git, load, changes, input, bundle, evaluate). */
  timings_ms: Record<string, number>;
  /** CPU (user + system) milliseconds per phase: comparable on a busy machine. */
  cpu_ms: Record<string, number>;
  /** How the head was loaded: scoped to the change, or in full (and why). */
  scope: CheckScope;
}

export async function runCheck(options: RunCheckOptions): Promise<CheckResult> {
  const timings: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  let t = performance.now();
  let c = process.cpuUsage();
  const lap = (name: string): void => {
    const now = performance.now();
    timings[name] = Math.round((now - t) * 10) / 10;
    const used = process.cpuUsage(c);
    cpu[name] = Math.round((used.user + used.system) / 100) / 10;
    c = process.cpuUsage();
    t = now;
  };
  const { repoDir } = options;
  const { base, head } = await resolveCommits(repoDir, options.base, options.head);
  // The diff runs beside the ancestry test (two processes at once); it is used only if the test passes.
  // Commits are immutable: the statuses the scoped load reads are the same diff (one git process).
  const statuses = changeStatuses(repoDir, base, head);
  statuses.catch(() => undefined); // awaited below; a failure after a failed ancestry test is moot
  await assertAncestor(repoDir, base, head);
  const files = [...(await statuses).keys()].sort();
  lap("git");

  const cacheDir = options.cacheDir ?? defaultCacheDir(repoDir, options.env);
  const texts: TextCache = new Map();
  // Scoped head load (default): only what the change can affect is parsed; fails over to the full load.
  const attempt = options.fullState
    ? { scope: { head: "full", reason: "--full-state" } as CheckScope }
    : options.env["MODELGATE_FULL_LOAD"] === "1"
      ? { scope: { head: "full", reason: "MODELGATE_FULL_LOAD=1" } as CheckScope }
      : await loadHeadScoped({ repoDir, base, head, loader: options.loadRegistry, cacheDir, texts });
  const scope = attempt.scope;
  let headLoad: LoadResult;
  if (attempt.head) headLoad = attempt.head;
  else {
    const headLoaded = await options.loadRegistry(repoDir, head);
    // Large environment files: line numbers by text scan instead of a full YAML position map.
    headLoad = headLoaded.state
      ? {
          ...headLoaded,
          state: await withFastEnvironmentPositions(repoDir, head, headLoaded.state, undefined, texts),
        }
      : headLoaded;
  }
  let scoped: BaseStateResult | undefined;
  if (!attempt.base && headLoad.state)
    scoped = await loadBaseState({
      repoDir,
      base,
      head,
      headState: headLoad.state,
      files,
      texts,
      load: (include, paths) => loadBase(options.loadRegistry, repoDir, base, include, paths),
    });
  const baseLoad = attempt.base ?? scoped?.load ?? (await options.loadRegistry(repoDir, base));
  lap("load");
  const baseState = scoped ? scoped.state : baseLoad.state;
  if (!baseState) {
    const first = baseLoad.ok ? undefined : baseLoad.errors[0];
    throw new GateError(
      `the registry at base ${base.slice(0, 12)} cannot be read${first ? ` (${first.file}:${first.line}: ${first.message})` : ""}; check against a valid base`,
    );
  }
  const headState: RegistryState = headLoad.state ?? baseState;
  const registry = {
    valid: headLoad.ok,
    errors: headLoad.ok ? [] : headLoad.errors,
    warnings: headLoad.warnings,
  };

  const contractHistory = await transitiveHistory(repoDir, base, baseState, headState);
  const changeSet = headLoad.state
    ? computeChangeSet(baseState, headState, { now: options.now, files, contractHistory })
    : computeChangeSet(baseState, baseState, { now: options.now, files });
  const artifactChecks = await checkArtifacts(repoDir, head, headState, changeSet);
  lap("changes");

  const author = options.author ?? (await headAuthor(repoDir, head));
  const pr: PullRequestFacts = { labels: [...(options.labels ?? [])], head_sha: head, author };
  if (options.pr?.number !== undefined) pr.number = options.pr.number;
  if (options.pr?.branch !== undefined) pr.branch = options.pr.branch;
  if (options.pr?.title !== undefined) pr.title = options.pr.title;
  pr.target_branch = options.pr?.target_branch ?? headState.config.data.main_branch ?? "main";

  const budgets = await readBudgets(
    options.budgetsPath ?? join(repoDir, ".modelgate", "budgets.json"),
    options.budgetsPath !== undefined,
  );
  const input = assemblePolicyInput({
    head: headState,
    changeSet,
    registry,
    pr,
    approvals: options.approvals ?? [],
    now: options.now,
    artifactChecks,
    codeownersFile: await codeownersPath(repoDir, base, baseState),
    fullState: options.fullState === true,
    governance: baseState,
    ...(budgets ? { budgets } : {}),
  });
  lap("input");

  const bundle = await buildDecisionBundle({
    // The target branch's policies are in force: a change cannot edit away the rules it is judged by.
    custom: baseState.policies,
    cacheDir,
    ...(options.toolchain ? { toolchain: options.toolchain } : {}),
  });
  lap("bundle");
  const memoryMib = baseState.config.data.policy?.memory_mib;
  const policy = await loadDecisionPolicy(bundle.wasm, memoryMib !== undefined ? { memoryMib } : {});
  const decision = evaluateDecision(policy, input);
  lap("evaluate");
  return {
    decision,
    input,
    changeSet,
    base,
    head,
    bundle: { hash: bundle.hash, fromCache: bundle.fromCache, opaVersion: bundle.opaVersion },
    timings_ms: timings,
    cpu_ms: cpu,
    scope,
  };
}

/**
 * The base, only the files `include` accepts. With the loader's source at hand, git lists just `paths`
 * (a one-model change on a 10,000-model registry need not list 50,000 files for it).
 */
async function loadBase(
  loader: RegistryLoader,
  repoDir: string,
  base: string,
  include: (path: string) => boolean,
  paths: readonly string[] | undefined,
): Promise<LoadResult> {
  if (!paths || !loader.openSource) return loader(repoDir, base, { include });
  const source = await loader.openSource(repoDir, base, paths);
  // A link may point outside the listed paths: list the whole tree then.
  if (!source.symlinks || source.symlinks().length > 0) return loader(repoDir, base, { include });
  const limited: RegistrySource = {
    revision: source.revision,
    description: source.description,
    listFiles: async () => (await source.listFiles()).filter(include),
    readFile: (path) => source.readFile(path),
  };
  if (source.readEach) limited.readEach = (list, onFile) => source.readEach!(list, onFile);
  // Only compared, never validated: no cross-checks (on a partial tree they would report missing files).
  return loadRegistry(limited, {
    crossCheck: false,
    ...(loader.maxFileBytes !== undefined ? { maxFileBytes: loader.maxFileBytes } : {}),
  });
}

async function headAuthor(repoDir: string, head: string): Promise<string> {
  const { stdout } = await run("git", ["log", "-1", "--format=%an", head], { cwd: repoDir });
  return stdout.trim();
}

/**
 * The CODEOWNERS file in force at `rev`. The loaded state's rules name the file they come from (the
 * one GitHub uses): with rules, no git process is needed to find it.
 */
async function codeownersPath(repoDir: string, rev: string, state: RegistryState): Promise<string> {
  const named = state.codeowners[0]?.file;
  if (named !== undefined) return named;
  const candidates = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];
  const { stdout } = await run("git", ["ls-tree", "--name-only", rev, "--", ...candidates], {
    cwd: repoDir,
  });
  const present = new Set(stdout.split("\n"));
  return candidates.find((c) => present.has(c)) ?? "CODEOWNERS";
}

/** Earlier versions of changed contracts in a `_TRANSITIVE` mode, from git history at base. */
async function transitiveHistory(
  repoDir: string,
  base: string,
  baseState: RegistryState,
  headState: RegistryState,
): Promise<Record<string, Contract[]>> {
  const out: Record<string, Contract[]> = {};
  for (const [name, doc] of Object.entries(headState.contracts)) {
    const before = baseState.contracts[name];
    if (!before || !doc.data.compatibility.endsWith("_TRANSITIVE")) continue;
    if (JSON.stringify(before.data) === JSON.stringify(doc.data)) continue;
    const versions: Contract[] = [];
    for (const text of await fileHistory(repoDir, base, before.file)) {
      try {
        const parsed = yamlLib().parse(text) as Contract;
        if (
          parsed &&
          typeof parsed.version === "string" &&
          !versions.some((v) => v.version === parsed.version)
        )
          versions.push(parsed);
      } catch {
        // an unparsable historic version cannot be judged against
      }
    }
    out[name] = versions;
  }
  return out;
}

/** For new versions with `file:` artifacts: the file exists at head with the declared sha256 and size. */
async function checkArtifacts(
  repoDir: string,
  head: string,
  state: RegistryState,
  changeSet: ChangeSet,
): Promise<ArtifactCheck[]> {
  const out: ArtifactCheck[] = [];
  for (const v of changeSet.versions) {
    if (v.kind !== "added") continue;
    const artifact = state.models[v.model]?.versions[v.version]?.data.artifact;
    if (!artifact?.uri?.startsWith("file:")) continue;
    const path = artifact.uri.slice("file:".length).replace(/^\/+/, "").replace(/^\.\//, "");
    const base = { model: v.model, version: v.version, file: v.file, line: v.line };
    const blob = path.includes("..") ? undefined : await hashBlob(repoDir, head, path);
    if (!blob)
      out.push({
        ...base,
        ok: false,
        problem: `artifact ${artifact.uri} is not in the repository at the head commit`,
      });
    else if (blob.sha256 !== artifact.sha256)
      out.push({
        ...base,
        ok: false,
        problem: `artifact ${artifact.uri} has sha256 ${blob.sha256}, not the declared ${artifact.sha256}`,
      });
    else if (blob.size !== artifact.size)
      out.push({
        ...base,
        ok: false,
        problem: `artifact ${artifact.uri} is ${blob.size} bytes, not the declared ${artifact.size}`,
      });
    else out.push({ ...base, ok: true, problem: "" });
  }
  return out;
}
