import { createHash, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, posix } from "node:path";
import { parseOpaJsonErrors, parseOpaTextErrors } from "./compile-errors.js";
import { PolicyCompileError, PolicyToolchainError, type PolicyCompileProblem } from "./errors.js";
import { execFileProcess, isExecTimeout, errnoCode, type ExecFileFn, type ExecResult } from "./exec.js";
import { readTarGzEntry } from "./tar.js";
import { resolveOpa, type OpaToolchain } from "./toolchain.js";

export interface PolicySource {
  /** Repository-relative path, e.g. `policies/approvals.rego`; errors point back at it. */
  readonly path: string;
  readonly content: string;
}

export interface CompilePolicyBundleOptions {
  readonly sources: readonly PolicySource[];
  /** Rules to export, as `package/path/rule` (e.g. `modelgate/decision`). */
  readonly entrypoints: readonly string[];
  /** Folder for compiled modules, keyed by content hash; created when missing. */
  readonly cacheDir: string;
  /** A resolved OPA; pass one to skip the `opa version` probe (a cache hit then runs no process). */
  readonly toolchain?: OpaToolchain;
  readonly exec?: ExecFileFn;
  /**
   * Builtins outside OPA's own set that the policies call (the host implements them at load time);
   * OPA's type checker needs their signatures. Standard OPA builtins need no declaration.
   */
  readonly customBuiltins?: readonly CustomBuiltinDeclaration[];
  /** Also run `opa check --strict` (unused variables, shadowed imports, ...). Default false. */
  readonly strict?: boolean;
  /** Per OPA invocation; default 120 s. */
  readonly timeoutMs?: number;
}

/** A Rego type as OPA's capabilities files write it, e.g. `{ "type": "string" }`. */
export interface RegoType {
  readonly type: "any" | "array" | "boolean" | "null" | "number" | "object" | "set" | "string";
  readonly [key: string]: unknown;
}

export interface CustomBuiltinDeclaration {
  /** Dotted name as Rego calls it, e.g. `modelgate.risk_score`. */
  readonly name: string;
  readonly args: readonly RegoType[];
  readonly result: RegoType;
}

export interface CompiledPolicyBundle {
  readonly wasm: Buffer;
  /** sha256 (hex) of the WASM module: the identity of the compiled policy, for decision logs. */
  readonly hash: string;
  /** sha256 (hex) of what was compiled: sources, entrypoints, OPA version, options. */
  readonly cacheKey: string;
  readonly entrypoints: readonly string[];
  readonly opaVersion: string;
  readonly fromCache: boolean;
}

/** Bump when the key layout or the compile command changes, so old cache entries are never reused. */
const CACHE_FORMAT = 1;
const ENTRYPOINT_SHAPE = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/;
const WASM_MAGIC = Buffer.from([0x00, 0x61, 0x73, 0x6d]);

/**
 * Compiles Rego sources to a WASM module with `opa build -t wasm`, or returns the cached module when
 * the same sources, entrypoints and OPA version were compiled before.
 */
export async function compilePolicyBundle(
  options: CompilePolicyBundleOptions,
): Promise<CompiledPolicyBundle> {
  const sources = validateSources(options.sources);
  const entrypoints = validateEntrypoints(options.entrypoints);
  const exec = options.exec ?? execFileProcess;
  const toolchain =
    options.toolchain ?? (await resolveOpa(options.exec ? { exec } : { cacheDir: options.cacheDir }));
  const strict = options.strict ?? false;
  const customBuiltins = validateCustomBuiltins(options.customBuiltins ?? []);
  const cacheKey = computeCacheKey({
    sources,
    entrypoints,
    opaVersion: toolchain.version,
    strict,
    customBuiltins,
  });
  const cachePath = join(options.cacheDir, `${cacheKey}.wasm`);

  const cached = await readCached(cachePath);
  if (cached !== undefined) {
    return {
      wasm: cached,
      hash: sha256(cached),
      cacheKey,
      entrypoints,
      opaVersion: toolchain.version,
      fromCache: true,
    };
  }

  const wasm = await buildWasm({
    sources,
    entrypoints,
    customBuiltins,
    toolchain,
    exec,
    strict,
    timeoutMs: options.timeoutMs ?? 120_000,
  });
  await writeAtomically(cachePath, wasm);
  return { wasm, hash: sha256(wasm), cacheKey, entrypoints, opaVersion: toolchain.version, fromCache: false };
}

export interface CacheKeyMaterial {
  readonly sources: readonly PolicySource[];
  readonly entrypoints: readonly string[];
  readonly opaVersion: string;
  readonly strict: boolean;
  readonly customBuiltins: readonly CustomBuiltinDeclaration[];
}

/** sha256 over everything that determines the module; source order does not matter. */
export function computeCacheKey(material: CacheKeyMaterial): string {
  const sorted = [...material.sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const text = JSON.stringify({
    format: CACHE_FORMAT,
    target: "wasm",
    opaVersion: material.opaVersion,
    strict: material.strict,
    entrypoints: material.entrypoints,
    customBuiltins: material.customBuiltins,
    sources: sorted.map((s) => [s.path, sha256(Buffer.from(s.content, "utf8"))]),
  });
  return sha256(Buffer.from(text, "utf8"));
}

interface BuildRequest {
  readonly sources: readonly PolicySource[];
  readonly entrypoints: readonly string[];
  readonly customBuiltins: readonly CustomBuiltinDeclaration[];
  readonly toolchain: OpaToolchain;
  readonly exec: ExecFileFn;
  readonly strict: boolean;
  readonly timeoutMs: number;
}

async function buildWasm(request: BuildRequest): Promise<Buffer> {
  const workDir = await mkdtemp(join(tmpdir(), "modelgate-opa-"));
  try {
    const srcDir = join(workDir, "src");
    for (const source of request.sources) {
      const target = join(srcDir, ...source.path.split("/"));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, source.content, "utf8");
    }
    const opa = (args: string[]): Promise<ExecResult> => runOpa(request, args, srcDir);
    const capabilities = await writeCapabilities(
      opa,
      request.customBuiltins,
      join(workDir, "capabilities.json"),
    );
    const capabilityArgs = capabilities === undefined ? [] : ["--capabilities", capabilities];
    // Every build and check sees the same capabilities, so custom builtins type-check everywhere.
    const run = (args: string[]): Promise<ExecResult> => opa([...args, ...capabilityArgs]);

    if (request.strict) {
      const check = await run(["check", "--strict", "--format", "json", "."]);
      if (check.exitCode !== 0) throw new PolicyCompileError(await explainFailure(run, check));
    }

    const bundlePath = join(workDir, "bundle.tar.gz");
    const args = ["build", "-t", "wasm", "-o", bundlePath];
    for (const entrypoint of request.entrypoints) args.push("-e", entrypoint);
    args.push(".");
    const build = await run(args);
    if (build.exitCode !== 0) throw new PolicyCompileError(await explainFailure(run, build));

    const wasm = readTarGzEntry(await readFile(bundlePath), "policy.wasm");
    if (wasm === undefined || !isWasm(wasm)) {
      throw new PolicyToolchainError(
        "opa_failed",
        `opa build wrote ${bundlePath} without a policy.wasm module`,
      );
    }
    return wasm;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** OPA's own capabilities plus the custom declarations; undefined when there are none. */
async function writeCapabilities(
  opa: (args: string[]) => Promise<ExecResult>,
  customBuiltins: readonly CustomBuiltinDeclaration[],
  path: string,
): Promise<string | undefined> {
  if (customBuiltins.length === 0) return undefined;
  const current = await opa(["capabilities", "--current"]);
  let capabilities: unknown;
  try {
    capabilities = JSON.parse(current.stdout);
  } catch {
    capabilities = undefined;
  }
  const builtins = isRecord(capabilities) ? capabilities["builtins"] : undefined;
  if (current.exitCode !== 0 || !isRecord(capabilities) || !Array.isArray(builtins)) {
    throw new PolicyToolchainError(
      "opa_failed",
      `opa capabilities --current failed: ${current.stderr.trim()}`,
    );
  }
  const known = new Set(builtins.map((b) => (isRecord(b) ? b["name"] : undefined)));
  const clashes = customBuiltins.filter((b) => known.has(b.name));
  if (clashes.length > 0) {
    throw new PolicyCompileError(
      clashes.map((b) => ({
        file: undefined,
        line: undefined,
        column: undefined,
        code: "invalid_builtin",
        message: `custom builtin ${b.name} has the name of an OPA builtin; standard builtins need no declaration`,
      })),
    );
  }
  capabilities["builtins"] = [
    ...builtins,
    ...customBuiltins.map((b) => ({
      name: b.name,
      decl: { type: "function", args: b.args, result: b.result },
    })),
  ];
  await writeFile(path, JSON.stringify(capabilities), "utf8");
  return path;
}

/** Prefer `opa check --format json` (has columns); fall back to the build's own text output. */
async function explainFailure(
  run: (args: string[]) => Promise<ExecResult>,
  failed: ExecResult,
): Promise<PolicyCompileProblem[]> {
  const fromFailed = jsonProblems(failed);
  if (fromFailed !== undefined) return fromFailed;
  const check = await run(["check", "--format", "json", "."]);
  const fromCheck = check.exitCode === 0 ? undefined : jsonProblems(check);
  return fromCheck ?? parseOpaTextErrors(`${failed.stderr}\n${failed.stdout}`);
}

/** OPA writes `--format json` errors to stderr (stdout in some versions): accept either. */
function jsonProblems(result: ExecResult): PolicyCompileProblem[] | undefined {
  return parseOpaJsonErrors(result.stderr) ?? parseOpaJsonErrors(result.stdout);
}

async function runOpa(request: BuildRequest, args: string[], cwd: string): Promise<ExecResult> {
  const { toolchain, exec, timeoutMs } = request;
  try {
    return await exec(toolchain.path, args, { cwd, timeoutMs });
  } catch (error) {
    if (isExecTimeout(error)) {
      throw new PolicyToolchainError(
        "opa_timeout",
        `opa ${args[0] ?? ""} took longer than ${timeoutMs} ms and was stopped`,
        {
          cause: error,
        },
      );
    }
    throw new PolicyToolchainError(
      "opa_unusable",
      `could not run ${toolchain.path} (${errnoCode(error) ?? String(error)}); run \`npm ci\` or \`bash scripts/setup-opa.sh\``,
      { cause: error },
    );
  }
}

function validateSources(sources: readonly PolicySource[]): PolicySource[] {
  const problems: PolicyCompileProblem[] = [];
  const seen = new Set<string>();
  const invalid = (file: string | undefined, message: string): void => {
    problems.push({ file, line: undefined, column: undefined, code: "invalid_source", message });
  };
  if (sources.length === 0) invalid(undefined, "no policy sources given");
  for (const source of sources) {
    const path = source.path;
    if (
      path === "" ||
      path.includes("\\") ||
      path.startsWith("/") ||
      path.startsWith("-") ||
      posix.normalize(path) !== path ||
      path === ".." ||
      path.startsWith("../")
    ) {
      invalid(path, "policy source path must be a normalized relative path inside the repository");
    } else if (!path.endsWith(".rego")) {
      invalid(path, "only .rego files are compiled; pass data through the policy input");
    } else if (seen.has(path)) {
      invalid(path, "policy source given twice");
    }
    seen.add(path);
  }
  if (problems.length > 0) throw new PolicyCompileError(problems);
  return [...sources];
}

function validateEntrypoints(entrypoints: readonly string[]): string[] {
  const problems: PolicyCompileProblem[] = [];
  if (entrypoints.length === 0) {
    problems.push({
      file: undefined,
      line: undefined,
      column: undefined,
      code: "entrypoint_invalid",
      message: "no entrypoints given",
    });
  }
  for (const entrypoint of entrypoints) {
    if (!ENTRYPOINT_SHAPE.test(entrypoint)) {
      problems.push({
        file: undefined,
        line: undefined,
        column: undefined,
        code: "entrypoint_invalid",
        message: `entrypoint "${entrypoint}" must be written as package/path/rule (e.g. modelgate/decision)`,
      });
    }
  }
  if (new Set(entrypoints).size !== entrypoints.length) {
    problems.push({
      file: undefined,
      line: undefined,
      column: undefined,
      code: "entrypoint_invalid",
      message: "entrypoint listed twice",
    });
  }
  if (problems.length > 0) throw new PolicyCompileError(problems);
  return [...entrypoints];
}

const BUILTIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

function validateCustomBuiltins(
  declarations: readonly CustomBuiltinDeclaration[],
): CustomBuiltinDeclaration[] {
  const problems: PolicyCompileProblem[] = declarations
    .filter((d) => !BUILTIN_NAME.test(d.name))
    .map((d) => ({
      file: undefined,
      line: undefined,
      column: undefined,
      code: "invalid_builtin",
      message: `custom builtin name "${d.name}" must be dotted, e.g. modelgate.risk_score`,
    }));
  if (problems.length > 0) throw new PolicyCompileError(problems);
  return [...declarations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function readCached(path: string): Promise<Buffer | undefined> {
  try {
    const bytes = await readFile(path);
    return isWasm(bytes) ? bytes : undefined; // a damaged entry is recompiled and overwritten
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return undefined;
    throw error;
  }
}

/** Write-then-rename: a reader sees the old entry, the new one, or none; never half a module. */
async function writeAtomically(path: string, bytes: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(temp, bytes);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isWasm(bytes: Buffer): boolean {
  return bytes.length > 8 && bytes.subarray(0, 4).equals(WASM_MAGIC);
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}
