/**
 * The base revision, loaded only as far as the change set compares it. The head registry is loaded
 * and validated in full; from base we need the configuration, waivers, the changed files, every file of
 * a model the change touches (with its contract and SLO) and, for changed environment files, the
 * entries of those models. Unchanged environment files are the same at base and head, so the head's
 * documents are reused; for a changed environment file only the changed model entries are parsed.
 */
import { execFile } from "node:child_process";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { promisify } from "node:util";
import {
  GitPathReader,
  loadRegistry,
  loadRegistryScoped,
  registryFingerprint,
  TreeIndex,
  type ChangeStatus,
  type TreeIndexData,
} from "../registry/index.js";
import { parseYamlFast } from "../registry/yaml/fast-yaml.js";
import { parseRegistryYaml } from "../registry/yaml/parse.js";
import { yamlLib } from "../registry/yaml/yaml-lib.js";
import {
  changedEntries,
  EMPTY_SCAN,
  entriesText,
  fastEnvironmentPositions,
  scanEnvironment,
  type EnvironmentScan,
} from "./environment-blocks.js";
import { commitTree } from "./git.js";
import { readCachedScan, writeCachedScan } from "./scan-cache.js";
import { readBlobTexts } from "./text-batch.js";

export { fastEnvironmentPositions, splitModelBlocks } from "./environment-blocks.js";
import type {
  Environment,
  LoadResult,
  RegistryConfig,
  RegistryDiagnostic,
  RegistrySource,
  RegistryState,
  Sourced,
} from "../registry/types.js";

/** The part of gate/check.ts's RegistryLoader the scoped head load uses. */
type RegistryLoaderLike = ((repoDir: string, commit: string) => Promise<LoadResult>) & {
  openSource?: (repoDir: string, commit: string) => Promise<RegistrySource & { symlinks?: () => string[] }>;
  maxFileBytes?: number;
};

const run = promisify(execFile);

/**
 * Loads the base with only the files `include` accepts; `paths` (files and folders) covers every path
 * `include` can accept, so a loader may list just those instead of the whole tree.
 */
export type ScopedLoader = (
  include: (path: string) => boolean,
  paths?: readonly string[],
) => Promise<LoadResult>;

const ALWAYS =
  /^(modelgate\.yaml|CODEOWNERS|\.github\/CODEOWNERS|docs\/CODEOWNERS|waivers\/.*|policies\/.*)$/;

/** Texts already read with `git show`, by `<rev>:<path>` (one check reads an environment file once). */
export type TextCache = Map<string, Promise<string | undefined>>;

function show(repoDir: string, rev: string, path: string, cache?: TextCache): Promise<string | undefined> {
  if (!cache) return gitShow(repoDir, rev, path);
  const key = `${rev}:${path}`;
  let text = cache.get(key);
  if (!text) cache.set(key, (text = gitShow(repoDir, rev, path)));
  return text;
}

async function gitShow(repoDir: string, rev: string, path: string): Promise<string | undefined> {
  try {
    const { stdout } = await run("git", ["show", `${rev}:${path}`], {
      cwd: repoDir,
      maxBuffer: 512 * 1024 * 1024,
    });
    return stdout;
  } catch {
    return undefined;
  }
}

/**
 * Reads the texts of `wanted` (revision, path) that `cache` does not hold yet with one `git cat-file
 * --batch` instead of a `git show` each; a text the batch does not answer is read with `git show`.
 */
function prefetch(repoDir: string, wanted: readonly (readonly [string, string])[], cache: TextCache): void {
  const todo = new Map<string, readonly [string, string]>();
  for (const [rev, path] of wanted) {
    const key = `${rev}:${path}`;
    if (!cache.has(key)) todo.set(key, [rev, path]);
  }
  if (todo.size < 2) return; // one text: `git show` is one process too
  const batch = readBlobTexts(repoDir, [...todo.keys()]);
  const shas = shasOf(cache);
  for (const [key, [rev, path]] of todo)
    cache.set(
      key,
      batch.then(
        (texts) => {
          const blob = texts.get(key);
          if (!blob) return gitShow(repoDir, rev, path);
          shas.set(key, blob.sha);
          return blob.text;
        },
        () => gitShow(repoDir, rev, path),
      ),
    );
}

const wholeFile = { locate: () => ({ line: 1, column: 1 }) };

const splits = new WeakMap<TextCache, Map<string, EnvironmentScan | undefined>>();
/** Blob shas of the texts prefetch read, by `<rev>:<path>`. */
const blobShas = new WeakMap<TextCache, Map<string, string>>();

function shasOf(cache: TextCache): Map<string, string> {
  let shas = blobShas.get(cache);
  if (!shas) blobShas.set(cache, (shas = new Map()));
  return shas;
}

function scansOf(cache: TextCache): Map<string, EnvironmentScan | undefined> {
  let memo = splits.get(cache);
  if (!memo) splits.set(cache, (memo = new Map()));
  return memo;
}

/**
 * Scans of the prefetched texts from the per-blob cache (gate/scan-cache.ts) into split's memo;
 * returns a function that stores the scans made meanwhile of those that were not cached.
 */
async function primeScans(cache: TextCache, dir: string): Promise<() => Promise<void>> {
  const memo = scansOf(cache);
  const missed: [string, string][] = [];
  await Promise.all(cache.values()); // the shas are known once the batch has answered
  for (const [key, sha] of shasOf(cache)) {
    const text = await cache.get(key);
    if (text === undefined || memo.has(text)) continue;
    const scan = await readCachedScan(dir, sha, text);
    if (scan) memo.set(text, scan);
    else missed.push([sha, text]);
  }
  return async () => {
    for (const [sha, text] of missed) {
      const scan = memo.get(text);
      if (scan) await writeCachedScan(dir, sha, scan);
    }
  };
}

/** scanEnvironment, once per text of a check (texts from the cache are the same string objects). */
function split(text: string, cache: TextCache | undefined): EnvironmentScan | undefined {
  if (!cache) return scanEnvironment(text);
  const memo = scansOf(cache);
  if (memo.has(text)) return memo.get(text);
  const result = scanEnvironment(text);
  memo.set(text, result);
  return result;
}

export interface BaseStateResult {
  state: RegistryState | undefined;
  load: LoadResult;
  /** Models the change touches, as far as paths and environment entries tell. */
  touched: Set<string>;
}

export async function loadBaseState(options: {
  repoDir: string;
  base: string;
  head: string;
  headState: RegistryState;
  files: readonly string[];
  load: ScopedLoader;
  texts?: TextCache;
}): Promise<BaseStateResult> {
  const { repoDir, base, head, headState, files, texts } = options;
  const changed = new Set(files);
  const touched = new Set<string>();
  for (const file of files) {
    const m = /^models\/([^/]+)\//.exec(file);
    if (m?.[1]) touched.add(m[1]);
  }
  for (const [name, entry] of Object.entries(headState.models)) {
    const card = entry.card.data;
    if (changed.has(`contracts/${card.contract}.yaml`) || (card.slo && changed.has(`slos/${card.slo}.yaml`)))
      touched.add(name);
  }

  // Changed environment files: which model entries changed, and their base text.
  const envFiles = files.filter((f) => /^environments\/[^/]+\.ya?ml$/.test(f));
  const baseSplits = new Map<string, EnvironmentScan>();
  let unsplittable = false;
  for (const file of envFiles) {
    const [before, after] = await Promise.all([
      show(repoDir, base, file, texts),
      show(repoDir, head, file, texts),
    ]);
    const b = before === undefined ? EMPTY_SCAN : split(before, texts);
    const a = after === undefined ? EMPTY_SCAN : split(after, texts);
    if (!b || !a) {
      unsplittable = true;
      continue;
    }
    if (before !== undefined) baseSplits.set(file, b); // added at head: nothing at base
    for (const m of changedEntries(b, a)) touched.add(m);
  }

  const extra = new Set<string>();
  for (const model of touched) {
    const card = headState.models[model]?.card.data;
    if (!card) continue;
    extra.add(`contracts/${card.contract}.yaml`);
    if (card.slo) extra.add(`slos/${card.slo}.yaml`);
  }
  // An environment file that is not plain block YAML is loaded whole (correct, slower).
  const include = (path: string): boolean =>
    ALWAYS.test(path) ||
    (unsplittable && path.startsWith("environments/")) ||
    (changed.has(path) && !path.startsWith("environments/")) ||
    extra.has(path) ||
    (path.startsWith("models/") && touched.has(path.split("/")[1] ?? ""));
  const paths = unsplittable
    ? undefined
    : [
        "modelgate.yaml",
        "CODEOWNERS",
        ".github/CODEOWNERS",
        "docs/CODEOWNERS",
        "waivers",
        "policies",
        ...files.filter((f) => !f.startsWith("environments/")),
        ...extra,
        ...[...touched].map((m) => `models/${m}`),
      ];
  const load = await options.load(include, paths);
  const state = load.state;
  if (!state || unsplittable) return { state, load, touched };

  // Environments: the head's documents, with changed model entries taken from base.
  const environments: Record<string, Sourced<Environment>> = {};
  const headByFile = new Map(Object.values(headState.environments).map((e) => [e.file, e]));
  for (const [name, doc] of Object.entries(headState.environments)) {
    if (!changed.has(doc.file)) environments[name] = doc;
  }
  for (const [file, split] of baseSplits) {
    // The fast subset parser returns exactly what yaml's parse() does for the texts it accepts.
    const text = entriesText(split, touched);
    const fast = parseYamlFast(text);
    const value: unknown = fast ? fast.value : yamlLib().parse(text);
    const parsed = (value ?? {}) as Partial<Environment>;
    const headDoc = headByFile.get(file);
    const models: Environment["models"] = {};
    for (const [model, deployment] of Object.entries(headDoc?.data.models ?? {})) {
      if (!touched.has(model)) models[model] = deployment;
    }
    Object.assign(models, parsed.models ?? {});
    const name = typeof parsed.name === "string" ? parsed.name : (headDoc?.data.name ?? file);
    environments[name] = { file, data: { ...(headDoc?.data ?? {}), name, models }, positions: wholeFile };
  }
  return { state: { ...state, environments }, load, touched };
}

/** Environment documents of a large registry with text-scanned positions (see fastEnvironmentPositions). */
export async function withFastEnvironmentPositions(
  repoDir: string,
  rev: string,
  state: RegistryState,
  minBytes = 64 * 1024,
  texts?: TextCache,
): Promise<RegistryState> {
  const environments: Record<string, Sourced<Environment>> = {};
  for (const [name, doc] of Object.entries(state.environments)) {
    const text = await show(repoDir, rev, doc.file, texts);
    environments[name] =
      text !== undefined && text.length >= minBytes
        ? {
            file: doc.file,
            data: doc.data,
            positions: fastEnvironmentPositions(text, doc.positions, split(text, texts)),
          }
        : doc;
  }
  return { ...state, environments };
}

/** One changed path: its status (A, M, D, T...) and its mode at head (at base for a deletion). */
export interface ChangeEntry {
  status: string;
  mode: string;
}

const changeLists = new Map<string, Promise<Map<string, ChangeEntry>>>();

/**
 * `git diff --raw --no-renames base head` as path -> status and mode, read once per pair of commits in
 * a process (runCheck asks for the changed paths, the scoped load for statuses and modes).
 */
export function changeEntries(
  repoDir: string,
  base: string,
  head: string,
): Promise<Map<string, ChangeEntry>> {
  const key = `${repoDir}\0${base}\0${head}`;
  let result = changeLists.get(key);
  if (!result) {
    result = git(repoDir, ["diff", "--raw", "-z", "--no-renames", "--no-abbrev", base, head]).then((raw) => {
      // -z: ":<old mode> <new mode> <old sha> <new sha> <status>\0<path>\0" per path
      const out = new Map<string, ChangeEntry>();
      const parts = raw.split("\0");
      for (let i = 0; i + 1 < parts.length; i += 2) {
        const [oldMode, newMode, , , status] = parts[i]!.replace(/^:/, "").split(" ");
        if (status === undefined) throw new Error(`unexpected git diff --raw output: ${parts[i]}`);
        out.set(parts[i + 1]!, { status, mode: status === "D" ? oldMode! : newMode! });
      }
      return out;
    });
    result.catch(() => changeLists.delete(key));
    if (changeLists.size > 64) changeLists.clear();
    changeLists.set(key, result);
  }
  return result;
}

/** changeEntries as path -> status (A, M, D, T...). */
export async function changeStatuses(
  repoDir: string,
  base: string,
  head: string,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [path, entry] of await changeEntries(repoDir, base, head)) out.set(path, entry.status);
  return out;
}

/** How `modelgate check` loaded the head (CheckResult.scope). */
export interface CheckScope {
  head: "scoped" | "full";
  /** Why the head was loaded in full. */
  reason?: string;
  /** Whether the base tree's diagnostics came from the cache ("hit") or a full base load ("miss"). */
  base_stamp?: "hit" | "miss";
  /** Registry files parsed at head, of those listed. */
  parsed?: number;
  listed?: number;
  /** Changed environment files parsed with only the changed and loaded models' entries. */
  partial?: string[];
}

interface BaseStamp {
  fingerprint: string;
  errors: RegistryDiagnostic[];
  warnings: RegistryDiagnostic[];
  config: RegistryConfig;
  /** The base tree's paths (TreeIndex.toJSON): the head's are these with the change applied. */
  tree?: TreeIndexData;
}

async function git(repoDir: string, args: string[]): Promise<string> {
  const { stdout } = await run("git", args, { cwd: repoDir, maxBuffer: 256 * 1024 * 1024 });
  return stdout;
}

async function readStamp(path: string, fingerprint: string): Promise<BaseStamp | undefined> {
  try {
    const stamp = JSON.parse(await readFile(path, "utf8")) as Partial<BaseStamp>;
    if (
      stamp.fingerprint !== fingerprint ||
      !Array.isArray(stamp.errors) ||
      !Array.isArray(stamp.warnings) ||
      typeof stamp.config !== "object" ||
      stamp.config === null ||
      (stamp.tree !== undefined && typeof stamp.tree !== "object")
    )
      return undefined;
    return stamp as BaseStamp;
  } catch {
    return undefined;
  }
}

async function writeStamp(path: string, stamp: BaseStamp): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(stamp));
    await rename(tmp, path);
  } catch {
    // a cache that cannot be written only costs the next check a full base load
  }
}

/**
 * The head registry loaded scoped to the change (registry/scoped-load.ts), with the base's full-load
 * diagnostics from a stamp cached per base tree (`<cacheDir>/registry-stamps/`): on a miss the base is
 * loaded and validated in full once. Unchanged
 * environment files are not parsed: their entries for the loaded models are cut out of the text (the
 * same at base and head). Returns no `head` where the scoped load does not apply; `scope.reason` says why
 * (and, after a stamp miss, the full base load); with a `head`, the caller loads the base with loadBaseState.
 */
export async function loadHeadScoped(options: {
  repoDir: string;
  base: string;
  head: string;
  loader: RegistryLoaderLike;
  cacheDir: string;
  /** Texts read here, for loadBaseState to reuse. */
  texts?: TextCache;
}): Promise<{ head?: LoadResult; base?: LoadResult; scope: CheckScope }> {
  const { repoDir, base, head, loader, texts } = options;
  const full = (reason: string, baseLoad?: LoadResult): { base?: LoadResult; scope: CheckScope } =>
    baseLoad ? { base: baseLoad, scope: { head: "full", reason } } : { scope: { head: "full", reason } };
  if (!loader.openSource) return full("the registry loader cannot open a source");
  const [tree, changes] = await Promise.all([commitTree(repoDir, base), changeEntries(repoDir, base, head)]);
  for (const [path, { status }] of changes)
    if (status !== "A" && status !== "M" && status !== "D")
      return full(`unexpected change status ${status} for ${path}`);
  const fingerprint = registryFingerprint(loader.maxFileBytes);
  const stampPath = join(
    options.cacheDir,
    "registry-stamps",
    `${tree.trim()}-${fingerprint.slice(0, 16)}.json`,
  );
  // A stamp inside the repository (XDG_CACHE_HOME pointed into the work tree) must not be one the
  // change itself commits: with any file in the stamp folder at head, the stamp is ignored (and the base
  // loaded in full). Git never tracks a path with a `.git` component, so the default folder
  // (.git/modelgate/cache) needs no look.
  const folder = `${dirname(relative(repoDir, stampPath)).split(sep).join("/")}/`;
  const committed =
    !folder.startsWith("../") &&
    !isAbsolute(folder) &&
    !/(^|\/)\.git\//.test(folder) &&
    (await git(repoDir, [
      "--literal-pathspecs",
      "ls-tree",
      "-r",
      "--name-only",
      "-z",
      head,
      "--",
      folder,
    ])) !== "";
  let stamp = committed ? undefined : await readStamp(stampPath, fingerprint);
  let index = stamp?.tree ? TreeIndex.fromJSON(stamp.tree) : undefined;
  let baseLoad: LoadResult | undefined;
  if (!stamp || !index) {
    const baseSource = await loader.openSource(repoDir, base);
    baseLoad = await loadRegistry(
      baseSource,
      loader.maxFileBytes !== undefined ? { maxFileBytes: loader.maxFileBytes } : {},
    );
    if (!baseLoad.state) return full("the base registry cannot be loaded", baseLoad);
    index = baseSource.symlinks
      ? TreeIndex.fromListing(await baseSource.listFiles(), baseSource.symlinks())
      : undefined;
    stamp = {
      fingerprint,
      errors: baseLoad.ok ? [] : baseLoad.errors,
      warnings: baseLoad.warnings,
      config: baseLoad.state.config.data,
      ...(index ? { tree: index.toJSON() } : {}),
    };
  }
  // The head's paths: the base's with the change applied (submodules are not files: ls-tree skips them).
  const headIndex = index;
  if (headIndex) {
    const added: [string, boolean][] = [];
    const deleted: string[] = [];
    for (const [path, { status, mode }] of changes) {
      if (mode === "160000") continue;
      if (status === "A") added.push([path, mode === "120000"]);
      else if (status === "D") deleted.push(path);
    }
    headIndex.apply(added, deleted);
  }
  const source = headIndex
    ? new GitPathReader(repoDir, head, new Set(headIndex.symlinks()), {
        ...(loader.maxFileBytes !== undefined ? { maxFileBytes: loader.maxFileBytes } : {}),
      })
    : await loader.openSource(repoDir, head);
  if (baseLoad) await writeStamp(stampPath, stamp);
  const baseStamp: CheckScope["base_stamp"] = baseLoad ? "miss" : "hit";

  // Every environment text this load reads (changed files at base and head, all of them at head).
  if (texts) {
    const wanted: [string, string][] = [];
    for (const [path, { status }] of changes) {
      if (!/^environments\/[^/]+\.ya?ml$/.test(path)) continue;
      if (status !== "A") wanted.push([base, path]);
      if (status !== "D") wanted.push([head, path]);
    }
    for (const path of headIndex?.environmentPaths() ?? []) wanted.push([head, path]);
    prefetch(repoDir, wanted, texts);
  }
  // Their scans from the per-blob cache, kept with the stamps (and, like them, not used when the head
  // commits files into that folder).
  const storeScans =
    texts && !committed ? await primeScans(texts, join(dirname(stampPath), "scans")) : async () => {};

  // Models whose entries differ in changed environment files (per modified file: the rest of its
  // entries are the same text at base, so the scoped load may parse only these and the top-level keys).
  const models = new Set<string>();
  const environmentEntries = new Map<string, Set<string>>();
  const environmentScans = new Map<string, EnvironmentScan>();
  const statuses = new Map<string, ChangeStatus>();
  for (const [path, { status }] of changes) statuses.set(path, status as ChangeStatus);
  for (const [file, status] of statuses) {
    if (!/^environments\/[^/]+\.yaml$/.test(file)) continue;
    const [before, after] = await Promise.all([
      status === "A" ? undefined : show(repoDir, base, file, texts),
      status === "D" ? undefined : show(repoDir, head, file, texts),
    ]);
    const b = before === undefined ? EMPTY_SCAN : split(before, texts);
    const a = after === undefined ? EMPTY_SCAN : split(after, texts);
    if (!b || !a) return full(`${file} is not plain block YAML`, baseLoad);
    const entries = changedEntries(b, a);
    for (const m of entries) models.add(m);
    if (status === "M") environmentEntries.set(file, entries);
    if (after !== undefined) environmentScans.set(file, a);
  }

  const limit = loader.maxFileBytes;
  const { result, scope } = await loadRegistryScoped(source, {
    changes: statuses,
    base: stamp,
    ...(headIndex ? { index: headIndex } : {}),
    models,
    environmentEntries,
    environmentScans,
    ...(limit !== undefined ? { maxFileBytes: limit } : {}),
  });
  if (!result?.state) return full(scope.reason ?? "the scoped load gave up", baseLoad);

  // Parsed environment files: text-scanned line numbers; the others: the loaded models' entries only.
  const state = await withFastEnvironmentPositions(repoDir, head, result.state, undefined, texts);
  const parsed = new Set(scope.files);
  const loaded = new Set(scope.models);
  const environments = { ...state.environments };
  for (const file of headIndex ? headIndex.environmentPaths() : await source.listFiles()) {
    const m = /^environments\/([^/]+)\.yaml$/.exec(file);
    if (!m || parsed.has(file)) continue;
    const text = await show(repoDir, head, file, texts);
    const blocks = text === undefined ? undefined : split(text, texts);
    if (!blocks) return full(`${file} is not plain block YAML`, baseLoad);
    const partial = parseRegistryYaml(file, entriesText(blocks, loaded));
    const data = (partial.ok ? (partial.value ?? {}) : {}) as Partial<Environment>;
    if (typeof data.name !== "string") return full(`${file} has no plain name`, baseLoad);
    environments[m[1]!] = {
      file,
      data: { ...data, name: data.name, models: data.models ?? {} } as Environment,
      positions: fastEnvironmentPositions(text!, wholeFile, blocks),
    };
  }
  // In file order, as a full load has them (facts list environments in this order).
  const ordered = Object.fromEntries(
    Object.entries(environments).sort(([, a], [, b]) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
  );
  const headLoad: LoadResult = { ...result, state: { ...state, environments: ordered } };
  const out: CheckScope = {
    head: "scoped",
    base_stamp: baseStamp,
    parsed: scope.parsed,
    listed: scope.listed,
    ...(scope.partial ? { partial: scope.partial } : {}),
  };
  // Not the fully loaded base of a stamp miss: the caller compares against loadBaseState's base, which
  // takes the entries a changed environment file did not change from the head (as the full head path
  // does), so a stamp miss and a hit give the same change set (a schema-invalid changed environment
  // file, or one parsed with only some entries, is not in the head as a full base has it).
  await storeScans();
  return { head: headLoad, scope: out };
}
