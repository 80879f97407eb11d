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
  /** Also run `opa check --strict` (unused variables, shadowed imports, ...). Default false. */
  readonly strict?: boolean;
  /** Per OPA invocation; default 120 s. */
  readonly timeoutMs?: number;
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
  const toolchain = options.toolchain ?? (await resolveOpa({ exec }));
  const strict = options.strict ?? false;
  const cacheKey = computeCacheKey(sources, entrypoints, toolchain.version, strict);
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
    toolchain,
    exec,
    strict,
    timeoutMs: options.timeoutMs ?? 120_000,
  });
  await writeAtomically(cachePath, wasm);
  return { wasm, hash: sha256(wasm), cacheKey, entrypoints, opaVersion: toolchain.version, fromCache: false };
}

export function computeCacheKey(
  sources: readonly PolicySource[],
  entrypoints: readonly string[],
  opaVersion: string,
  strict: boolean,
): string {
  const sorted = [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const material = JSON.stringify({
    format: CACHE_FORMAT,
    target: "wasm",
    opaVersion,
    strict,
    entrypoints,
    sources: sorted.map((s) => [s.path, sha256(Buffer.from(s.content, "utf8"))]),
  });
  return sha256(Buffer.from(material, "utf8"));
}

interface BuildRequest {
  readonly sources: readonly PolicySource[];
  readonly entrypoints: readonly string[];
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
    const run = (args: string[]): Promise<ExecResult> => runOpa(request, args, srcDir);

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

function isWasm(bytes: Buffer): boolean {
  return bytes.length > 8 && bytes.subarray(0, 4).equals(WASM_MAGIC);
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}
